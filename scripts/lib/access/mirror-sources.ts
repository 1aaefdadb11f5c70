/**
 * What MirrorMaker 2 needs of the clusters an access spec mirrors from, read from this checkout:
 * each source as resolved (only a running one: its Terraform state and descriptor exist), and the
 * secret files the target's Connect workers read it with (the source's CA, and its mirror user's
 * password or certificate), uploaded by path and hash like every other secret.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AccessSpec } from '../../../stacks/model/access.ts';
import type { MirrorSources } from '../../../stacks/model/access-validate.ts';
import type { ResolvedMirror } from '../../../stacks/model/connectors.ts';
import { resolveCluster } from '../../../stacks/model/resolve.ts';
import type { ResolvedCluster } from '../../../stacks/model/spec.ts';
import { passwordKey } from '../../../stacks/render/jaas.ts';
import { renderProperties } from '../../../stacks/render/properties.ts';
import { mirrorSecretFiles, mirrorUploadPath } from '../../../stacks/render/connect/mirror.ts';
import type { SecretUpload } from '../../../stacks/render/secret-files.ts';
import { layoutOf } from '../../../security/pki-store.ts';
import { SECRET_FILE_MODE, ensureSecretDir, writeFileIfChanged } from '../../../security/secrets.ts';
import { loadClusterSpec, readDescriptor, readListenerState, secretsDir } from '../cluster/index.ts';
import { hasState } from '../engine/index.ts';
import { StepError } from '../../../stacks/model/errors.ts';

/** The running clusters an access spec's mirrors name (a name that is not one is left out: validation says so). */
export function mirrorSourcesOf(spec: AccessSpec | undefined, target: string): MirrorSources {
  const out: Record<string, ResolvedCluster> = {};
  for (const m of spec?.mirrors ?? []) {
    const name = (m as { source?: unknown }).source;
    if (typeof name !== 'string' || name === target || out[name]) continue;
    try {
      const s = loadClusterSpec(name);
      if (s.name !== name || !hasState(name) || !readDescriptor(name)) continue;
      out[name] = resolveCluster(s, readListenerState(name));
    } catch {
      continue;
    }
  }
  return out;
}

const sha256Of = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

/** The uploads the target's workers need to read each mirror's source; the password file is written in the target's secrets. */
export function mirrorUploads(target: ResolvedCluster, mirrors: readonly ResolvedMirror[]): SecretUpload[] {
  const uploads: SecretUpload[] = [];
  const up = (source: string, file: string): void => void uploads.push({ source, file: mirrorUploadPath(file), sha256: sha256Of(source) });
  for (const m of mirrors) {
    const files = mirrorSecretFiles(m.source);
    const sourceSecrets = secretsDir(m.source);
    const pki = layoutOf(join(sourceSecrets, 'pki'));
    if (m.sourceSecurity.tls) up(pki.truststore, files.truststore);
    if (m.sourceSecurity.clientCerts) up(pki.client(m.user).keystore, files.keystore);
    if (m.sourceSecurity.sasl) {
      let password: string;
      try {
        password = readFileSync(join(sourceSecrets, 'passwords', m.user), 'utf8').trim();
      } catch {
        throw new StepError(
          `mirror from '${m.source}'`,
          `the source cluster '${m.source}' has no user '${m.user}' (no password file in ${join(sourceSecrets, 'passwords')})`,
          `declare it in '${m.source}''s access spec with read, describe and describe_configs on the topics and describe on the groups, run npm run up -- --cluster ${m.source}, then this cluster's up again`,
        );
      }
      const path = join(secretsDir(target.name), 'connect', files.passwords);
      ensureSecretDir(join(path, '..'));
      writeFileIfChanged(path, renderProperties([[passwordKey(m.user), password]], `the password MirrorMaker 2 reads '${m.source}' with, read by FileConfigProvider`), SECRET_FILE_MODE);
      up(path, files.passwords);
    }
  }
  return uploads;
}
