import { describe, expect, it } from 'vitest';
import { bootstrapServers, portClaimProblems, resolveCluster } from '../../../stacks/model/resolve.ts';
import { PRESETS } from '../../../stacks/model/presets.ts';
import { brokersOf, controllersOf } from '../../../stacks/model/spec.ts';

describe('topologies', () => {
  it('kraft-dedicated: controllers 101..103 unpublished, brokers 1..3 published', () => {
    const c = resolveCluster(PRESETS['kraft-dedicated']!);
    expect(controllersOf(c).map((n) => [n.id, n.hostname, n.roles.join(), n.externalPort])).toEqual([
      [101, 'controller-1', 'controller', undefined],
      [102, 'controller-2', 'controller', undefined],
      [103, 'controller-3', 'controller', undefined],
    ]);
    expect(brokersOf(c).map((n) => [n.id, n.hostname, n.roles.join(), n.externalPort])).toEqual([
      [1, 'kafka-1', 'broker', 19192],
      [2, 'kafka-2', 'broker', 19193],
      [3, 'kafka-3', 'broker', 19194],
    ]);
    expect(c.zookeeper).toBeUndefined();
  });

  it('zookeeper: 3.9.1 by default, an ensemble with a chroot, brokers only', () => {
    const c = resolveCluster({ name: 'zk', mode: 'zookeeper', brokers: 2, zookeepers: 1 });
    expect(c.kafkaVersion).toBe('3.9.1');
    expect(c.zookeeper).toEqual({
      servers: [{ myid: 1, hostname: 'zookeeper-1', containerName: 'kafkalab-zk-zookeeper-1', volumeName: 'kafkalab-zk-zookeeper-1-data' }],
      chroot: '/kafkalab/zk',
    });
    expect(c.nodes.map((n) => n.roles.join())).toEqual(['broker', 'broker']);
  });

  it('applies broker ids, racks and overrides (node overrides win)', () => {
    const c = resolveCluster({
      name: 'c1',
      brokerIds: [10, 20, 30],
      racks: ['a', 'b', 'c'],
      config: { 'num.partitions': 6, 'log.retention.hours': 24 },
      nodeConfig: { '20': { 'num.partitions': 1 } },
    });
    expect(c.nodes.map((n) => [n.id, n.rack, n.overrides])).toEqual([
      [10, 'a', { 'num.partitions': '6', 'log.retention.hours': '24' }],
      [20, 'b', { 'num.partitions': '1', 'log.retention.hours': '24' }],
      [30, 'c', { 'num.partitions': '6', 'log.retention.hours': '24' }],
    ]);
  });

  it('overrides replication defaults', () => {
    const c = resolveCluster({ name: 'c1', brokers: 5, replication: { defaultReplicationFactor: 5, minInsyncReplicas: 3 } });
    expect(c.replication).toEqual({ defaultReplicationFactor: 5, internalReplicationFactor: 3, minInsyncReplicas: 3 });
  });

  it('gives presets port ranges of their own', () => {
    const all = Object.values(PRESETS).map((p) => resolveCluster(p));
    for (const c of all) expect(portClaimProblems(c, all)).toEqual([]);
    expect(all.map((c) => bootstrapServers(c)[0])).toEqual(['127.0.0.1:19092', '127.0.0.1:19192', '127.0.0.1:19292', '127.0.0.1:19492', '127.0.0.1:19592']);
  });

  it('fails if two clusters claim the same port', () => {
    const mine = resolveCluster({ name: 'mine', brokers: 2, basePort: 19093 });
    const theirs = resolveCluster(PRESETS['kraft-3']!);
    expect(portClaimProblems(mine, [theirs])).toEqual([
      "'basePort' (19093) claims port 19093, which cluster 'kraft-3' also claims (19092..19094): choose a 'basePort' that keeps all 2 of its ports outside 19092..19094",
    ]);
  });
});
