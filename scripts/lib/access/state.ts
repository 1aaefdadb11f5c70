import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { accessStackId, PROVIDER_PASSWORD_ENV } from '../../../stacks/access-ids.ts';
import { passwordVariable, type PreviousAccessState, type ResolvedAccess } from '../../../stacks/model/access.ts';
import { declaredAccess } from '../../../stacks/model/access-presets.ts';
import type { ResolvedCluster } from '../../../stacks/model/spec.ts';
import { ensureSecretFile, generatePassword } from '../../../security/secrets.ts';
import { clientSecretPaths, secretsDir } from '../cluster/index.ts';
import { clusterStateDir, projectRoot } from '../core/index.ts';
import { StepError } from '../../../stacks/model/errors.ts';

export { accessStackId };

/** Terraform state of a cluster's access stack: next to the cluster's, in its own folder. */
export function accessStatePath(cluster: string): string {
  return join(clusterStateDir(cluster), 'access', 'terraform.tfstate');
}

export function accessStackDir(cluster: string): string {
  return join(projectRoot, 'cdktf.out', 'stacks', accessStackId(cluster));
}

/** The access spec of a cluster (see declaredAccess). Undefined: no access stack. */
export const accessSpecFor = declaredAccess;

interface StateResource {
  readonly type?: string;
  readonly mode?: string;
  readonly instances?: readonly { readonly attributes?: { readonly name?: unknown; readonly partitions?: unknown } }[];
}

/**
 * What the topics have now, from the access stack's Terraform state (as of its last apply or
 * refresh), so validation can refuse a partition decrease before Terraform plans a re-create.
 */
export function previousAccessState(statePath: string): PreviousAccessState | undefined {
  if (!existsSync(statePath)) return undefined;
  let state: { resources?: readonly StateResource[] };
  try {
    state = JSON.parse(readFileSync(statePath, 'utf8')) as typeof state;
  } catch {
    return undefined;
  }
  const topics: Record<string, { partitions: number }> = {};
  for (const r of state.resources ?? []) {
    if (r.type !== 'kafka_topic' || r.mode !== 'managed') continue;
    for (const i of r.instances ?? []) {
      const { name, partitions } = i.attributes ?? {};
      if (typeof name === 'string' && typeof partitions === 'number') topics[name] = { partitions };
    }
  }
  return { topics };
}

export interface AccessSecrets {
  /** Password file per SCRAM user (0600, in the cluster's secrets folder). */
  readonly passwordPaths: Readonly<Record<string, string>>;
  /** Per SCRAM user: a short hash of the password, so Terraform rewrites it when the file changes. */
  readonly passwordVersions: Readonly<Record<string, string>>;
}

const passwordPath = (cluster: string, user: string): string => join(secretsDir(cluster), 'passwords', user);
const versionOf = (password: string): string => createHash('sha256').update(password).digest('hex').slice(0, 16);

/** Make (or reuse) a password file for every SCRAM user of the access stack. */
export function prepareAccessSecrets(cluster: ResolvedCluster, access: ResolvedAccess): AccessSecrets {
  const passwordPaths: Record<string, string> = {};
  const passwordVersions: Record<string, string> = {};
  for (const u of access.users) {
    if (u.credential !== 'scram') continue;
    const file = ensureSecretFile(passwordPath(cluster.name, u.name), () => generatePassword());
    passwordPaths[u.name] = file.path;
    passwordVersions[u.name] = versionOf(file.value.trim());
  }
  return { passwordPaths, passwordVersions };
}

/**
 * The environment `cdktf deploy|destroy <cluster>-access` needs, on top of terraformEnv(): the
 * admin's password for the provider (KAFKA_SASL_PASSWORD) and each SCRAM user's password as
 * TF_VAR_scram_password_<user>. Read from the secret files; never written anywhere.
 */
export function accessApplyEnv(cluster: ResolvedCluster, access: ResolvedAccess): Record<string, string> {
  const read = (path: string, what: string): string => {
    if (!existsSync(path)) {
      throw new StepError('access secrets', `${what} has no password file (${path})`, `run npm run synth (or deploy the cluster '${cluster.name}') to make it`);
    }
    return readFileSync(path, 'utf8').trim();
  };
  const env: Record<string, string> = {};
  const admin = clientSecretPaths(cluster).passwordPath;
  if (cluster.security.sasl && admin) env[PROVIDER_PASSWORD_ENV] = read(admin, 'the admin');
  for (const u of access.users) {
    if (u.credential === 'scram') env[`TF_VAR_${passwordVariable(u.name)}`] = read(passwordPath(cluster.name, u.name), `user '${u.name}'`);
  }
  return env;
}
