import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { $ } from 'zx';
import { removeLeftovers } from '../../scripts/lib/cluster-ops.ts';
import { readDescriptor, type ConnectionDescriptor } from '../../scripts/lib/descriptor.ts';
import { clusterLeftovers } from '../../scripts/lib/docker.ts';
import { describeBrokerConfig } from '../../scripts/lib/kafka/client.ts';
import type { ClusterSpec, ConfigMap } from '../../stacks/model/spec.ts';
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
});
