/**
 * Client containers on a cluster's network (the roll's validation clients, the admin session):
 * their secret and config files as a tar stream, and creating the container with them inside.
 */
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { $ } from 'zx';
import type { ResolvedCluster } from '../../../stacks/model/spec.ts';
import { clientNetworkOf } from '../../../stacks/model/resolve.ts';
import { hostsFileEntries } from '../../../stacks/model/hosts.ts';
import { LABELS } from '../../../stacks/constructs/labels.ts';
import { KAFKA_UID } from '../../../stacks/render/privilege-drop.ts';
import { SECRET_FILES, SECRETS_RUNTIME_DIR } from '../../../stacks/render/secret-files.ts';
import { clientSecretPaths } from '../cluster/index.ts';
import { kafkaImageTag } from '../engine/index.ts';

/** One more file of a client container, by its name in the runtime folder. */
export interface ExtraClientFile {
  readonly name: string;
  readonly content: string | Buffer;
}

/**
 * The files of a client container on the cluster's network (the validation clients, the admin
 * session), as a tar stream owned by the image's kafka user: the cluster's CA, the admin's
 * password or certificate, and `extra` (client configs, classes), at the paths the in-cluster
 * admin config names (/run/kafkalab). Secrets never enter an image or a command line; extract it
 * with `docker cp - <container>:/run`.
 */
export function clientFilesTar(cluster: ResolvedCluster, extra: readonly ExtraClientFile[]): Buffer {
  const paths = clientSecretPaths(cluster);
  const tmp = mkdtempSync(join(tmpdir(), 'kafkalab-client-'));
  try {
    const dir = join(tmp, posix.basename(SECRETS_RUNTIME_DIR));
    mkdirSync(dir, { mode: 0o700 });
    const put = (name: string, text: string | Buffer): void => {
      writeFileSync(join(dir, name), text, { mode: 0o600 });
      chmodSync(join(dir, name), 0o600);
    };
    if (paths.caPath) put(SECRET_FILES.truststore, readFileSync(paths.caPath));
    if (paths.keystorePath) put(SECRET_FILES.adminKeystore, readFileSync(paths.keystorePath));
    if (paths.passwordsProperties) put(SECRET_FILES.passwords, readFileSync(paths.passwordsProperties));
    for (const f of extra) put(f.name, f.content);
    const tarPath = join(tmp, 'files.tar');
    const r = $.sync({ quiet: true, nothrow: true })`tar -c -f ${tarPath} --owner=${KAFKA_UID} --group=${KAFKA_UID} --numeric-owner -C ${tmp} ${posix.basename(SECRETS_RUNTIME_DIR)}`;
    if (r.exitCode !== 0) throw new Error(`tar of the client files failed: ${r.stderr.trim()}`);
    return readFileSync(tarPath);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

export interface ClientContainer {
  /** Container name, under the cluster's prefix so `down --force` finds it. */
  readonly name: string;
  /** The `roles` label: what the container is for (e.g. roll-validation). */
  readonly role: string;
  readonly command: readonly string[];
  /** The tar stream of clientFilesTar, extracted into the container's /run. */
  readonly files: Buffer;
  /** More `docker create` flags (environment, -i, --rm). @default [] */
  readonly createArgs?: readonly string[];
}

const q = { quiet: true, nothrow: true } as const;

/**
 * Create (not start) a client container from the cluster's Kafka image on its network, labelled
 * with the cluster, with its files copied in. An older container of that name is removed first;
 * one whose files could not be copied is removed again. Throws with docker's words.
 */
export async function createClientContainer(cluster: ResolvedCluster, c: ClientContainer): Promise<void> {
  await $(q)`docker rm -f ${c.name}`;
  const labels = ['--label', `${LABELS.cluster}=${cluster.name}`, '--label', `${LABELS.roles}=${c.role}`];
  const created = await $(q)`docker create --name ${c.name} ${labels} --network ${clientNetworkOf(cluster)} ${hostsFileEntries(cluster.hosts ?? []).flatMap((e) => ['--add-host', `${e.host}:${e.ip}`])} ${c.createArgs ?? []} ${kafkaImageTag(cluster.kafkaVersion)} ${c.command}`;
  if (created.exitCode !== 0) throw new Error(`docker create ${c.name} failed: ${created.stderr.trim()}`);
  const copied = await $({ ...q, input: c.files })`docker cp - ${`${c.name}:${posix.dirname(SECRETS_RUNTIME_DIR)}`}`;
  if (copied.exitCode !== 0) {
    await $(q)`docker rm -f ${c.name}`;
    throw new Error(`copying the client files into ${c.name} failed: ${copied.stderr.trim()}`);
  }
}
