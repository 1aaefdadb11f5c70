/**
 * MirrorMaker 2 between two local sasl_ssl clusters, secured at both ends: the target's Connect
 * worker reads the source as the source's own mirror user and writes here as its own; 1,000
 * records land in `<source>.orders` (exact count read back), and a consumer group's offsets are
 * checkpointed and translated; verify on the target reports the lag and the offsets.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { $ } from 'zx';
import type { ClusterSpec } from '../../stacks/model/spec.ts';
import { readDescriptor, type ConnectionDescriptor } from '../../scripts/lib/cluster/descriptor.ts';
import { clusterLeftovers } from '../../scripts/lib/core/docker.ts';
import { waitFor } from '../../scripts/lib/core/index.ts';
import { committedOffsets, produceRecords, readWholeTopic } from '../../scripts/lib/kafka/index.ts';
import { removeLeftovers } from '../../scripts/lib/lifecycle/cluster-lifecycle.ts';
import { E2E_CLUSTERS } from './clusters.ts';
import { npmRun, show, specFile } from './helpers.ts';

const SRC = E2E_CLUSTERS.mirrorSource;
const DST = E2E_CLUSTERS.mirrorTarget;
const MIRROR_USER = `${DST.name}-mirror`;
const REMOTE = `${SRC.name}.orders`;
const RECORDS = 1000;
const READ = 600;

const source: ClusterSpec = {
  name: SRC.name,
  basePort: SRC.basePort,
  brokers: 1,
  access: {
    topics: [{ name: 'orders', partitions: 3 }],
    users: [{ name: MIRROR_USER }],
    acls: [
      { principal: MIRROR_USER, resourceType: 'topic', resourceName: 'orders', operations: ['read', 'describe', 'describe_configs'] },
      { principal: MIRROR_USER, resourceType: 'group', resourceName: 'orders-app', operations: ['describe'] },
    ],
  },
};

const target: ClusterSpec = {
  name: DST.name,
  basePort: DST.basePort,
  brokers: 1,
  connect: true,
  access: { mirrors: [{ source: SRC.name, topics: ['orders'], groups: ['orders-app'] }] },
};

describe('MirrorMaker 2 between two sasl_ssl clusters', () => {
  let src: ConnectionDescriptor;
  let dst: ConnectionDescriptor;

  beforeAll(async () => {
    await removeLeftovers(DST.name);
    await removeLeftovers(SRC.name);
  });

  afterAll(async () => {
    // The target first: its worker sits on the source's network.
    for (const name of [DST.name, SRC.name]) {
      const r = await npmRun('down', ['--cluster', name, '--force']);
      expect(r.code, show(r)).toBe(0);
      expect(await clusterLeftovers(name)).toEqual({ containers: [], networks: [], volumes: [] });
    }
  });

  it('refuses a mirror from a cluster that is not running, naming the fix, before anything is made', async () => {
    const r = await npmRun('up', ['--cluster', specFile(target)]);
    expect(r.code, show(r)).toBe(2);
    expect(r.stderr).toContain(`'mirrors[0].source' ('${SRC.name}') is not a running cluster of this checkout: start it first (npm run up -- --cluster ${SRC.name}), then this one`);
    expect(await clusterLeftovers(DST.name)).toEqual({ containers: [], networks: [], volumes: [] });
  });

  it('the source holds 1,000 records and a group that read 600 of them', async () => {
    const r = await npmRun('up', ['--cluster', specFile(source)]);
    expect(r.code, show(r)).toBe(0);
    src = readDescriptor(SRC.name)!;
    await produceRecords(src, 'orders', Array.from({ length: RECORDS }, (_, i) => ({ key: `k${i}`, value: `order-${i}` })));
    const container = `kafkalab-${SRC.name}-kafka-1`;
    const read = await $`docker exec ${container} kafka-console-consumer.sh --bootstrap-server kafka-1:9092 --consumer.config /opt/kafka/config/admin-client.properties --topic orders --group orders-app --from-beginning --max-messages ${READ}`;
    expect(read.stdout.split('\n').filter((l) => l.startsWith('order-'))).toHaveLength(READ);
    const committed = [...(await committedOffsets(src, 'orders-app', 'orders')).values()].reduce((a, b) => a + b, 0);
    expect(committed).toBe(READ);
  });

  it('the target replicates every record: verify reports lag 0 and the checkpointed group', async () => {
    const r = await npmRun('up', ['--cluster', specFile(target)]);
    expect(r.code, show(r)).toBe(0);
    expect(r.stdout).toContain(`✔ MirrorMaker 2 replicating: orders → ${REMOTE}: ${RECORDS} of ${RECORDS} records (lag 0)`);
    dst = readDescriptor(DST.name)!;
    const records = await readWholeTopic(dst, REMOTE);
    expect(records).toHaveLength(RECORDS);
    expect(new Set(records.map((x) => x.value))).toEqual(new Set(Array.from({ length: RECORDS }, (_, i) => `order-${i}`)));
  });

  it("translates the group's offsets into the target (never past what it read at the source)", async () => {
    const translated = await waitFor(
      async () => {
        const sum = [...(await committedOffsets(dst, 'orders-app', REMOTE)).values()].filter((o) => o >= 0).reduce((a, b) => a + b, 0);
        if (sum === 0) throw new Error('no offsets synced yet');
        return sum;
      },
      { what: `offsets of orders-app on ${REMOTE}`, timeoutMs: 90_000 },
    );
    expect(translated).toBeGreaterThan(0);
    expect(translated).toBeLessThanOrEqual(READ);
    const v = await npmRun('verify', ['--cluster', DST.name]);
    expect(v.code, show(v)).toBe(0);
    expect(v.stdout).toMatch(new RegExp(`group orders-app: ${READ} committed at '${SRC.name}', \\d+ checkpointed here`));
  });
});
