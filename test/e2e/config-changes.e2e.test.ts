import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { $ } from 'zx';
import { removeLeftovers } from '../../scripts/lib/lifecycle/cluster-lifecycle.ts';
import { readDescriptor, type ConnectionDescriptor } from '../../scripts/lib/cluster/descriptor.ts';
import { clusterLeftovers } from '../../scripts/lib/core/docker.ts';
import { describeBrokerConfig, ensureTopic } from '../../scripts/lib/kafka/index.ts';
import { produceRecords, readTopic } from '../../scripts/lib/kafka/records.ts';
import { portFree } from '../../scripts/lib/cluster/ports.ts';
import type { ClusterSpec } from '../../stacks/model/spec.ts';
import type { ConfigMap } from '../../stacks/model/config-values.ts';
import { npmRun, show, specFile } from './helpers.ts';

const NAME = 'e2e-config';
const CONTAINERS = [1, 2, 3].map((i) => `kafkalab-${NAME}-kafka-${i}`);
const specWith = (config: ConfigMap): string =>
  specFile({ name: NAME, mode: 'kraft-combined', brokers: 3, basePort: 30192, security: { mode: 'plaintext' }, config } satisfies ClusterSpec);

/** Container id and start time of each node: a restart or a replacement changes them. */
async function startTimes(): Promise<string[]> {
  const out = await $({ quiet: true })`docker inspect --format ${'{{.Id}} {{.State.StartedAt}}'} ${CONTAINERS}`;
  return out.stdout.trim().split('\n');
}

describe('config changes on a live cluster', () => {
  let spec: string;
  let d: ConnectionDescriptor;

  beforeAll(async () => {
    await removeLeftovers(NAME);
    spec = specWith({ 'log.retention.ms': 3_600_000, 'num.partitions': 3 });
    const r = await npmRun('up', ['--cluster', spec]);
    expect(r.code, show(r)).toBe(0);
    d = readDescriptor(NAME)!;
  });

  afterAll(async () => {
    const r = await npmRun('down', ['--cluster', NAME, '--force']);
    expect(r.code, show(r)).toBe(0);
    expect(await clusterLeftovers(NAME)).toEqual({ containers: [], networks: [], volumes: [] });
  });

  it('applies a dynamic config change with no restart: the containers keep their start times', async () => {
    const before = await startTimes();
    for (const id of [1, 2, 3]) expect((await describeBrokerConfig(d, id))['log.retention.ms']).toBe('3600000');
    spec = specWith({ 'log.retention.ms': 7_200_000, 'num.partitions': 3, 'log.segment.bytes': 268_435_456 });
    const r = await npmRun('deploy', ['--cluster', spec]);
    expect(r.code, show(r)).toBe(0);
    expect(r.stderr).toContain('applied without a restart: every broker: log.retention.ms=7200000, log.segment.bytes=268435456');
    expect(await startTimes()).toEqual(before);
    for (const id of [1, 2, 3]) {
      const live = await describeBrokerConfig(d, id);
      expect(live['log.retention.ms']).toBe('7200000');
      expect(live['log.segment.bytes']).toBe('268435456');
    }
    const v = await npmRun('verify', ['--cluster', NAME]);
    expect(v.code, show(v)).toBe(0);
    expect(v.stdout).toContain('✔ dynamic config in effect: log.retention.ms, log.segment.bytes in effect on 3 brokers, applied without a restart');
  });

  it('rolls a change that needs a restart: deploy replaces the nodes one at a time, and no acknowledged record is lost', async () => {
    const before = await startTimes();
    spec = specWith({ 'log.retention.ms': 7_200_000, 'num.partitions': 4, 'log.segment.bytes': 268_435_456 });
    const r = await npmRun('deploy', ['--cluster', spec, '--validate']);
    expect(r.code, show(r)).toBe(0);
    expect(r.stderr).toContain('the change replaces 3 node container(s): rolling them one at a time');
    expect(r.stderr).toMatch(/validation \(.*\): \d+ acked, \d+ consumed, 0 lost/);
    expect(r.stderr).toMatch(/rolled 3 node\(s\) of 'e2e-config'/);
    const after = await startTimes();
    for (const [i, line] of after.entries()) expect(line.split(' ')[0]).not.toBe(before[i]!.split(' ')[0]);
    for (const id of [1, 2, 3]) expect((await describeBrokerConfig(d, id))['num.partitions']).toBe('4');
  });

  it('switches from plaintext to sasl_ssl on the live cluster in three rolled steps, losing no acknowledged record and no data', async () => {
    await ensureTopic(d, { name: 'kept', partitions: 3, replicationFactor: 3 });
    await produceRecords(d, 'kept', Array.from({ length: 50 }, (_, i) => ({ key: `k${i}`, value: `v${i}` })));
    const r = await npmRun('switch-security', ['--cluster', NAME, '--to', 'sasl_ssl', '--validate', '--json']);
    expect(r.code, show(r)).toBe(0);
    const steps = JSON.parse(r.stdout) as { step: string; rolled: string[]; clientsUsed: string; validation?: { acked: number; lost: number } }[];
    expect(steps.map((s) => s.step)).toEqual([
      'step 1 of 3, add the new listeners',
      'step 2 of 3, move inter-broker and controller traffic to them',
      'step 3 of 3, remove the old listeners',
    ]);
    expect(steps.map((s) => s.clientsUsed)).toEqual(['plaintext', 'sasl_ssl', 'sasl_ssl']);
    for (const s of steps) {
      expect(s.rolled, s.step).toHaveLength(3);
      expect(s.validation?.acked, s.step).toBeGreaterThan(0);
      expect(s.validation?.lost, s.step).toBe(0);
    }
    // Clients now use the new descriptor: SASL_SSL on the other set of host ports; the old ports are closed.
    const secured = readDescriptor(NAME)!;
    expect([secured.securityMode, secured.securityProtocol, secured.bootstrapServers[0]]).toEqual(['sasl_ssl', 'SASL_SSL', '127.0.0.1:30201']);
    expect(await portFree(30192)).toBe(true);
    const back = await readTopic(secured, 'kept');
    expect(back.map((x) => x.value).sort()).toEqual(Array.from({ length: 50 }, (_, i) => `v${i}`).sort());
    const v = await npmRun('verify', ['--cluster', NAME, '--probe-negative']);
    expect(v.code, show(v)).toBe(0);
    // A later deploy keeps the switched cluster as it is: nothing to replace.
    const again = await npmRun('deploy', ['--cluster', NAME]);
    expect(again.code, show(again)).toBe(0);
    expect(again.stderr).not.toContain('rolling them one at a time');
    expect(again.stderr).not.toContain('RECREATES');
  });
});

