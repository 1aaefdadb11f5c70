import { describe, expect, it } from 'vitest';
import { bootstrapServers, resolveCluster } from '../../../stacks/model/resolve.ts';
import { clusterIdFor } from '../../../stacks/model/cluster-id.ts';
import { SpecError } from '../../../stacks/model/errors.ts';

describe('resolveCluster', () => {
  it('fills the defaults: 3 combined nodes of Kafka 4.4.0 on 127.0.0.1:19092..19094', () => {
    const c = resolveCluster({ name: 'kraft-3' });
    expect(c.kafkaVersion).toBe('4.4.0');
    expect(c.mode).toBe('kraft-combined');
    expect(c.heapMiB).toBe(512);
    expect(c.networkName).toBe('kafkalab-kraft-3');
    expect(c.nodes.map((n) => [n.id, n.hostname, n.containerName, n.volumeName, n.externalPort])).toEqual([
      [1, 'kafka-1', 'kafkalab-kraft-3-kafka-1', 'kafkalab-kraft-3-kafka-1-data', 19092],
      [2, 'kafka-2', 'kafkalab-kraft-3-kafka-2', 'kafkalab-kraft-3-kafka-2-data', 19093],
      [3, 'kafka-3', 'kafkalab-kraft-3-kafka-3', 'kafkalab-kraft-3-kafka-3-data', 19094],
    ]);
    expect(c.nodes.every((n) => n.roles.join() === 'broker,controller')).toBe(true);
    expect(bootstrapServers(c)).toEqual(['127.0.0.1:19092', '127.0.0.1:19093', '127.0.0.1:19094']);
  });

  it.each([
    [1, 1, 1],
    [2, 2, 2],
    [3, 3, 2],
    [5, 3, 2],
    [9, 3, 2],
  ])('derives replication from %i brokers: RF %i, min.insync.replicas %i', (brokers, rf, minIsr) => {
    const c = resolveCluster({ name: 'c1', brokers });
    expect(c.replication).toEqual({ defaultReplicationFactor: rf, internalReplicationFactor: rf, minInsyncReplicas: minIsr });
  });

  it('throws a SpecError before resolving bad input', () => {
    expect(() => resolveCluster({ name: 'c1', brokers: 10 })).toThrow(SpecError);
  });
});

describe('clusterIdFor', () => {
  it('is stable, 22 base64url characters, and differs between names', () => {
    expect(clusterIdFor('kraft-3')).toBe(clusterIdFor('kraft-3'));
    expect(clusterIdFor('kraft-3')).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(clusterIdFor('kraft-3')).not.toBe(clusterIdFor('kraft-4'));
  });
});
