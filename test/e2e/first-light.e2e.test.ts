import { statSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { $ } from 'zx';
import { removeLeftovers } from '../../scripts/lib/lifecycle/cluster-lifecycle.ts';
import type { ConnectionDescriptor } from '../../scripts/lib/cluster/descriptor.ts';
import { clusterLeftovers, isEmpty } from '../../scripts/lib/core/docker.ts';
import { hostToolCommand } from '../../scripts/lib/engine/image/host-tools.ts';
import { ensureKcat } from '../../scripts/lib/engine/kcat.ts';
import { consumeUntil, ensureTopic, produce } from '../../scripts/lib/kafka/index.ts';
import { waitFor } from '../../scripts/lib/core/progress.ts';
import { clusterStateDir } from '../../scripts/lib/core/paths.ts';
import { npmRun, show, specFile } from './helpers.ts';

// A cluster of its own, on ports of its own, so a user's default cluster is never touched.
const NAME = 'e2e-first-light';
const BASE_PORT = 29192;
const spec = specFile({ name: NAME, brokers: 3, basePort: BASE_PORT });

describe('first light: a real 3-node KRaft cluster through cdktf', () => {
  let d: ConnectionDescriptor;

  beforeAll(async () => {
    // Whatever an earlier, interrupted run left on this machine.
    await removeLeftovers(NAME);
    await $({ quiet: true, nothrow: true })`rm -rf ${clusterStateDir(NAME)}`;
  });

  afterAll(async () => {
    const left = await clusterLeftovers(NAME);
    if (!isEmpty(left)) await removeLeftovers(NAME);
  });

  it('rejects a port clash before anything is created', async () => {
    const server = createServer();
    await new Promise<void>((r) => server.listen({ port: BASE_PORT + 1, host: '127.0.0.1' }, () => r()));
    try {
      const r = await npmRun('deploy', ['--cluster', spec]);
      expect(r.code, show(r)).toBe(2);
      expect(r.stderr).toContain(
        `'basePort' (${BASE_PORT}): port ${BASE_PORT + 1} for node 2 is already in use on 127.0.0.1 by another process`,
      );
      expect(isEmpty(await clusterLeftovers(NAME))).toBe(true);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });

  it('rejects an invalid spec with exit 2 and a message naming field, value and fix', async () => {
    const r = await npmRun('deploy', ['--cluster', specFile({ name: 'e2e-bad', brokers: 10 })]);
    expect(r.code, show(r)).toBe(2);
    expect(r.stderr).toContain("'brokers' (10) is out of range: use a whole number from 1 to 9");
    expect(isEmpty(await clusterLeftovers('e2e-bad'))).toBe(true);
  });

  it('npm run up deploys and verifies the cluster', async () => {
    const r = await npmRun('up', ['--cluster', spec]);
    expect(r.code, show(r)).toBe(0);
    expect(r.stdout).toContain(`cluster '${NAME}' verified (security sasl_ssl): 9 checks passed`);
    expect(r.stdout).toContain(`/bin/kcat -F ${clusterStateDir(NAME)}/kcat.conf -L`);
  });

  it('verify --json reports every check ok', async () => {
    const r = await npmRun('verify', ['--cluster', spec, '--json']);
    expect(r.code, show(r)).toBe(0);
    const report = JSON.parse(r.stdout) as { ok: boolean; checks: { name: string; ok: boolean; detail: string }[] };
    expect(report.ok).toBe(true);
    expect(report.checks.map((c) => c.name)).toEqual([
      'containers running',
      'brokers registered',
      'quorum has a leader',
      'voters caught up',
      'active controller',
      "topic 'kafkalab-verify' with replication factor 3",
      'records through every broker come back',
      'no under-replicated partitions',
      'certificates valid',
    ]);
    expect(report.checks.every((c) => c.ok)).toBe(true);
  });

  it('info --json prints the connection descriptor; client files are 0600', async () => {
    const r = await npmRun('info', ['--cluster', spec, '--json']);
    expect(r.code, show(r)).toBe(0);
    d = JSON.parse(r.stdout) as ConnectionDescriptor;
    expect(d.bootstrapServers).toEqual([`127.0.0.1:${BASE_PORT}`, `127.0.0.1:${BASE_PORT + 1}`, `127.0.0.1:${BASE_PORT + 2}`]);
    // Secure by default: SASL_SSL with SCRAM-SHA-512, secrets by path only.
    expect(d.securityMode).toBe('sasl_ssl');
    expect(d.securityProtocol).toBe('SASL_SSL');
    expect(d.sasl).toMatchObject({ mechanism: 'SCRAM-SHA-512', username: 'admin' });
    expect(d.ssl!.certPath).toBeUndefined();
    for (const f of [d.clientProperties, d.kafkajsConfig, d.kcatConfig, d.sasl!.passwordPath]) expect(statSync(f).mode & 0o777).toBe(0o600);
    expect(r.stdout).not.toContain(readFileSync(d.sasl!.passwordPath, 'utf8').trim());
    const list = await npmRun('info', ['--all', '--json']);
    expect(JSON.parse(list.stdout).clusters.map((c: { cluster: string }) => c.cluster)).toContain(NAME);
  });

  it('publishes only on 127.0.0.1', async () => {
    const ports = await $({ quiet: true })`docker ps --filter ${`label=dev.kafkalab.cluster=${NAME}`} --format {{.Ports}}`;
    const bindings = ports.stdout.trim().split('\n');
    expect(bindings).toHaveLength(3);
    for (const b of bindings) expect(b).toMatch(/^127\.0\.0\.1:\d+->9094\/tcp$/);
  });

  it('kcat and Kafka console tools connect through the exported client.properties', async () => {
    const kcat = await ensureKcat();
    const meta = await $({ quiet: true, env: { ...process.env, ...kcat.env } })`${kcat.cmd} -F ${d.kcatConfig} -L -J`;
    expect((JSON.parse(meta.stdout) as { brokers: unknown[] }).brokers).toHaveLength(3);
    await $({ quiet: true, input: 'from-kcat\n', env: { ...process.env, ...kcat.env } })`${kcat.cmd} -F ${d.kcatConfig} -P -t e2e-tools -p 0`;
    const topics = hostToolCommand('4.4.0', 'kafka-topics');
    const listed = await $({ quiet: true })`${topics.cmd} ${topics.args} --bootstrap-server ${d.bootstrapServers[0]!} --command-config ${d.clientProperties} --list`;
    expect(listed.stdout.split('\n')).toContain('e2e-tools');
    const consumer = hostToolCommand('4.4.0', 'kafka-console-consumer');
    const read = await $({ quiet: true, timeout: '90s' })`${consumer.cmd} ${consumer.args} --bootstrap-server ${d.bootstrapServers.join(',')} --command-config ${d.clientProperties} --topic e2e-tools --from-beginning --max-messages 1`;
    expect(read.stdout.trim()).toBe('from-kcat');
  });

  it('keeps data in the volume when a node container is replaced, and survives a restart', async () => {
    // A single-replica topic on node 2 only: reading it back after node 2's container is
    // destroyed and recreated proves the record lived in the named volume.
    await ensureTopic(d, { name: 'e2e-volume', partitions: 1, replicationFactor: 1, replicaAssignment: [[2]] });
    await produce(d, 'e2e-volume', [{ key: 'k', value: 'written-before-replace' }]);

    await $({ quiet: true })`docker rm -f kafkalab-${NAME}-kafka-2`;
    const redeploy = await npmRun('deploy', ['--cluster', spec]);
    expect(redeploy.code, show(redeploy)).toBe(0);

    await $({ quiet: true })`docker restart kafkalab-${NAME}-kafka-3`;
    const verify = await npmRun('verify', ['--cluster', spec, '--json']);
    expect(verify.code, show(verify)).toBe(0);

    const got = await waitFor(
      async () => {
        const rs = await consumeUntil(d, 'e2e-volume', (r) => r.length >= 1, { timeoutMs: 30_000 });
        return rs.length >= 1 ? rs : undefined;
      },
      { what: 'the record written before the replace', timeoutMs: 120_000 },
    );
    expect(got.map((r) => r.value)).toEqual(['written-before-replace']);
  });

  it('the kafkajs config file works as written (secrets read from the paths it names)', async () => {
    const { Kafka } = await import('kafkajs');
    const cfg = JSON.parse(readFileSync(d.kafkajsConfig, 'utf8'));
    const admin = new Kafka({
      clientId: cfg.clientId,
      brokers: cfg.brokers,
      ssl: { ca: [readFileSync(cfg.ssl.caPath, 'utf8')] },
      sasl: { mechanism: cfg.sasl.mechanism, username: cfg.sasl.username, password: readFileSync(cfg.sasl.passwordPath, 'utf8').trim() },
      logLevel: 0,
    }).admin();
    await admin.connect();
    const cluster = await admin.describeCluster();
    await admin.disconnect();
    expect(cluster.brokers.map((b) => b.nodeId).sort()).toEqual([1, 2, 3]);
  });

  it('npm run down leaves no container, network or volume', async () => {
    const r = await npmRun('down', ['--cluster', spec]);
    expect(r.code, show(r)).toBe(0);
    expect(r.stdout).toContain(`cluster '${NAME}' is gone`);
    expect(await clusterLeftovers(NAME)).toEqual({ containers: [], networks: [], volumes: [] });
  });
});
