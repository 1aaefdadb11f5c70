import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientSecretPaths, prepareClusterSecrets } from '../../../../scripts/lib/cluster/secrets.ts';
import { resolveCluster } from '../../../../stacks/model/resolve.ts';

const saved = process.env.KAFKALAB_STATE_DIR;
beforeAll(() => {
  process.env.KAFKALAB_STATE_DIR = mkdtempSync(join(tmpdir(), 'kafkalab-state-'));
});
afterAll(() => {
  if (saved === undefined) delete process.env.KAFKALAB_STATE_DIR;
  else process.env.KAFKALAB_STATE_DIR = saved;
});

describe('prepareClusterSecrets', () => {
  it('makes nothing for plaintext', async () => {
    const s = await prepareClusterSecrets(resolveCluster({ name: 'plain', security: { mode: 'plaintext' } }));
    expect(s.uploads).toEqual({});
  });

  it('sasl_ssl: passwords, PKI and per-node uploads, all 0600, reused on a second call', async () => {
    const cluster = resolveCluster({ name: 'sec', brokers: 2, security: { users: ['app'] } });
    const first = await prepareClusterSecrets(cluster);
    expect(Object.keys(first.uploads)).toEqual(['kafka-1', 'kafka-2']);
    expect(first.uploads['kafka-1']!.map((u) => u.file)).toEqual([
      '/opt/kafka/secrets/keystore.pem',
      '/opt/kafka/secrets/truststore.pem',
      '/opt/kafka/secrets/passwords.properties',
      '/opt/kafka/secrets/scram-users.txt',
    ]);
    for (const u of first.uploads['kafka-1']!) {
      expect(u.sha256).toMatch(/^[0-9a-f]{64}$/);
      if (!u.source.endsWith('truststore.pem')) expect(statSync(u.source).mode & 0o777).toBe(0o600);
    }
    const scram = readFileSync(first.uploads['kafka-1']!.find((u) => u.file.endsWith('scram-users.txt'))!.source, 'utf8');
    expect(scram.split('\n').filter(Boolean).map((l) => l.split(' ')[0])).toEqual(['kafkalab-broker', 'admin', 'app', 'kafkalab-probe']);
    const second = await prepareClusterSecrets(cluster);
    expect(second.uploads).toEqual(first.uploads);
    expect(second.pki?.changes).toEqual([]);
    const paths = clientSecretPaths(cluster);
    expect(statSync(paths.passwordPath!).mode & 0o777).toBe(0o600);
    expect(readFileSync(paths.passwordsProperties!, 'utf8')).toMatch(/^password\.admin=/m);
  });

  it('zookeeper: the ZooKeeper servers get their JAAS, the brokers a client JAAS', async () => {
    const cluster = resolveCluster({ name: 'zk', mode: 'zookeeper', zookeepers: 1, brokers: 1 });
    const s = await prepareClusterSecrets(cluster);
    expect(s.uploads['zookeeper-1']!.map((u) => u.file)).toEqual(['/opt/kafka/secrets/zookeeper-server-jaas.conf']);
    expect(s.uploads['kafka-1']!.map((u) => u.file)).toContain('/opt/kafka/secrets/zookeeper-client-jaas.conf');
  });

  it('mtls: client certificates for the admin, the users and the probe user', async () => {
    const s = await prepareClusterSecrets(resolveCluster({ name: 'mt', brokers: 1, security: { mode: 'mtls', users: ['app'] } }));
    expect(Object.keys(s.pki!.clients).sort()).toEqual(['admin', 'app', 'kafkalab-probe']);
    expect(s.uploads['kafka-1']!.map((u) => u.file)).toContain('/opt/kafka/secrets/admin-keystore.pem');
  });
});
