import { declaredAccess } from '../../../stacks/model/access-presets.ts';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ADMIN_USER, BROKER_USER, CONTROLLER_USER } from '../../../stacks/model/security.ts';
import type { ResolvedCluster } from '../../../stacks/model/spec.ts';
import { passwordKey } from '../../../stacks/render/jaas.ts';
import { securedOf } from '../../../stacks/render/listeners.ts';
import { renderProperties } from '../../../stacks/render/properties.ts';
import { uploadPath, type SecretFile, type SecretUpload } from '../../../stacks/render/secret-files.ts';

export type { SecretUpload };
import { usesScram } from '../../../stacks/render/start-command.ts';
import { renderZooKeeperClientJaas, renderZooKeeperServerJaas, zookeeperSecured } from '../../../stacks/render/zookeeper.ts';
import { ensureClusterPki, type ClusterPki, type ClusterPkiOptions } from '../../../security/pki.ts';
import { layoutOf } from '../../../security/pki-store.ts';
import { SECRET_FILE_MODE, ensureSecretDir, ensureSecretFile, generatePassword, writeFileIfChanged } from '../../../security/secrets.ts';
import { clusterStateDir } from '../core/index.ts';

/** The cluster's PKI: its folder, a certificate per node, and under mTLS one per user. */
export function pkiOptionsFor(cluster: ResolvedCluster): ClusterPkiOptions {
  const s = cluster.security;
  return {
    dir: pkiDirOf(cluster.name),
    clusterName: cluster.name,
    nodes: cluster.nodes.map((n) => ({ name: n.hostname, dnsNames: [n.hostname, n.containerName, ...(n.placed ? [n.placed.host.address] : [])] })),
    // Under mTLS a user is its certificate: the access stack's users get one too, the Connect workers' and the registry's users.
    clients: s.clientCerts
      ? [...new Set([...s.users, ...(declaredAccess(cluster)?.users ?? []).map((u) => u.name), ...(cluster.connect ? [cluster.connect.user] : []), ...(cluster.schemaRegistry ? [cluster.schemaRegistry.user] : [])])].map((name) => ({ name }))
      : [],
  };
}

/** Where a cluster's CA, node and client certificates live. */
export function pkiDirOf(cluster: string): string {
  return join(secretsDir(cluster), 'pki');
}

export interface ClusterSecrets {
  readonly dir: string;
  /** Uploads per Kafka node hostname, per ZooKeeper hostname, for the lag exporter, for the Connect workers (`connect`) and the registry (`schema-registry`). */
  readonly uploads: Readonly<Record<string, readonly SecretUpload[]>>;
  readonly pki?: ClusterPki;
  /** Host files a client uses (paths only). */
  readonly client: {
    readonly caPath?: string;
    readonly certPath?: string;
    readonly keyPath?: string;
    readonly keystorePath?: string;
    /** The admin's password alone in a file. */
    readonly passwordPath?: string;
    /** `password.admin=...` for Kafka's FileConfigProvider in client.properties. */
    readonly passwordsProperties?: string;
  };
}

/** The key of the Connect workers' uploads in ClusterSecrets.uploads (every worker gets the same). */
export const CONNECT_UPLOADS = 'connect';
/** The key of the Schema Registry's uploads in ClusterSecrets.uploads. */
export const SCHEMA_REGISTRY_UPLOADS = 'schema-registry';

export function secretsDir(cluster: string): string {
  return join(clusterStateDir(cluster), 'secrets');
}

/** Where a cluster's client-side secret files are (or will be): pure, so `info` makes nothing. */
export function clientSecretPaths(cluster: ResolvedCluster): ClusterSecrets['client'] {
  const s = cluster.security;
  const dir = secretsDir(cluster.name);
  const pki = layoutOf(join(dir, 'pki'));
  const admin = pki.client(ADMIN_USER);
  return {
    ...(s.tls ? { caPath: pki.truststore } : {}),
    ...(s.clientCerts ? { certPath: admin.cert, keyPath: admin.key, keystorePath: admin.keystore } : {}),
    ...(s.sasl
      ? { passwordPath: join(dir, 'passwords', ADMIN_USER), passwordsProperties: join(dir, 'client', 'passwords.properties') }
      : {}),
  };
}

const sha256Of = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

/** Users with a password in a secured cluster (SASL modes, plus the ZooKeeper digest user). */
function passwordUsers(cluster: ResolvedCluster): string[] {
  const s = securedOf(cluster);
  if (!s.sasl) return [];
  const users = [...s.users, BROKER_USER];
  if (cluster.mode !== 'zookeeper') users.push(CONTROLLER_USER);
  return users;
}

/**
 * Make every secret a cluster's security mode needs, in the state folder (0600 files, 0700
 * folders), reusing what exists so a second call changes nothing: passwords, the PKI, and the
 * per-node files Terraform uploads by path. Plaintext clusters get none.
 */
export async function prepareClusterSecrets(cluster: ResolvedCluster): Promise<ClusterSecrets> {
  // During a live switch from a secured mode to plaintext, the old listeners still need theirs.
  const s = securedOf(cluster);
  const dir = secretsDir(cluster.name);
  const uploads: Record<string, SecretUpload[]> = {};
  if (s.mode === 'plaintext') return { dir, uploads, client: {} };
  ensureSecretDir(dir);
  const up = (host: string, source: string, f: SecretFile): void => {
    (uploads[host] ??= []).push({ source, file: uploadPath(f), sha256: sha256Of(source) });
  };

  // Passwords, one file each.
  const passwords = new Map<string, string>();
  for (const user of passwordUsers(cluster)) {
    passwords.set(user, ensureSecretFile(join(dir, 'passwords', user), () => generatePassword()).value.trim());
  }
  const zkPassword = zookeeperSecured(cluster) && cluster.zookeeper
    ? ensureSecretFile(join(dir, 'passwords', 'zookeeper'), () => generatePassword()).value.trim()
    : undefined;

  // The PKI: node certificates for every node, client certificates under mTLS.
  let pki: ClusterPki | undefined;
  if (s.tls) {
    pki = await ensureClusterPki(pkiOptionsFor(cluster));
  }

  const write = (path: string, text: string): string => {
    ensureSecretDir(join(path, '..'));
    writeFileIfChanged(path, text, SECRET_FILE_MODE);
    return path;
  };
  const nodePasswords =
    passwords.size > 0
      ? renderProperties([...passwords].map(([u, p]) => [passwordKey(u), p] as const), 'passwords read by FileConfigProvider')
      : undefined;
  const scramUsers = usesScram(cluster)
    ? [BROKER_USER, ...s.users].map((u) => `${u} ${passwords.get(u)}`).join('\n') + '\n'
    : undefined;

  for (const node of cluster.nodes) {
    const ndir = join(dir, 'nodes', node.hostname);
    if (pki) {
      up(node.hostname, pki.nodes[node.hostname]!.keystore, 'keystore');
      up(node.hostname, pki.truststore, 'truststore');
      if (s.clientCerts) up(node.hostname, pki.clients[ADMIN_USER]!.keystore, 'adminKeystore');
    }
    if (nodePasswords) up(node.hostname, write(join(ndir, 'passwords.properties'), nodePasswords), 'passwords');
    if (scramUsers) up(node.hostname, write(join(ndir, 'scram-users.txt'), scramUsers), 'scramUsers');
    if (zkPassword) up(node.hostname, write(join(ndir, 'zookeeper-client-jaas.conf'), renderZooKeeperClientJaas(zkPassword)), 'zookeeperClientJaas');
  }
  for (const z of cluster.zookeeper?.servers ?? []) {
    if (zkPassword) up(z.hostname, write(join(dir, 'zookeeper', z.hostname, 'zookeeper-server-jaas.conf'), renderZooKeeperServerJaas(zkPassword)), 'zookeeperServerJaas');
  }

  // Client files on the host.
  const client = clientSecretPaths(cluster);
  if (client.passwordsProperties) {
    write(
      client.passwordsProperties,
      renderProperties([[passwordKey(ADMIN_USER), passwords.get(ADMIN_USER)!]], 'the admin password, read by FileConfigProvider'),
    );
  }
  // The lag exporter of a monitored cluster reads as the admin: the CA, and its password or certificate.
  const exporter = cluster.monitoring?.lagExporter.hostname;
  if (exporter) {
    if (pki) up(exporter, pki.truststore, 'truststore');
    if (pki && s.clientCerts) up(exporter, pki.clients[ADMIN_USER]!.keystore, 'adminKeystore');
    if (client.passwordsProperties) up(exporter, client.passwordsProperties, 'passwords');
  }
  // The Connect workers and the Schema Registry authenticate as their own users: the CA, and the
  // user's password or certificate. The password is the same file the access stack sets the user's
  // SCRAM credential from (access/state.ts).
  const ownUser = (key: string, user: string, keystore: SecretFile, who: string): void => {
    if (pki) up(key, pki.truststore, 'truststore');
    if (!s.authorizer) return;
    if (pki && s.clientCerts) up(key, pki.clients[user]!.keystore, keystore);
    if (s.sasl) {
      const password = ensureSecretFile(join(dir, 'passwords', user), () => generatePassword()).value.trim();
      const text = renderProperties([[passwordKey(user), password]], `${who} password, read by FileConfigProvider`);
      up(key, write(join(dir, key, 'passwords.properties'), text), 'passwords');
    }
  };
  if (cluster.connect) ownUser(CONNECT_UPLOADS, cluster.connect.user, 'connectKeystore', "the Connect workers'");
  if (cluster.schemaRegistry) ownUser(SCHEMA_REGISTRY_UPLOADS, cluster.schemaRegistry.user, 'registryKeystore', "the Schema Registry's");
  return { dir, uploads, ...(pki ? { pki } : {}), client };
}
