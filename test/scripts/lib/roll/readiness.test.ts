import { describe, expect, it } from 'vitest';
import type { PartitionState } from '../../../../scripts/lib/kafka/index.ts';
import { parseQuorumReplication, quorumFromReplication } from '../../../../scripts/lib/kafka/quorum.ts';
import type { ClusterState } from '../../../../scripts/lib/roll/cluster-state.ts';
import {
  backProblems,
  brokerBackProblems,
  controllerBackProblems,
  healthProblems,
  zookeeperBackProblems,
} from '../../../../scripts/lib/roll/readiness.ts';

const partitions = (isr3: boolean): PartitionState[] => [
  { topic: 'orders', partition: 0, leader: 1, replicas: [1, 2, 3], isr: isr3 ? [1, 2, 3] : [1, 2] },
  { topic: 'orders', partition: 1, leader: 2, replicas: [2, 3, 1], isr: isr3 ? [2, 1, 3] : [2, 1] },
  { topic: 'orders', partition: 2, leader: 1, replicas: [1, 2], isr: [1, 2] },
];

const replication = (lag3: number, caughtUp3: number) => `NodeId\tLogEndOffset\tLag\tLastFetchTimestamp\tLastCaughtUpTimestamp\tStatus
1\t500\t0\t1000000\t1000000\tLeader
2\t500\t0\t999800\t999800\tFollower
3\t${500 - lag3}\t${lag3}\t999800\t${caughtUp3}\tFollower
`;

describe('brokerBackProblems', () => {
  it('waits for the broker to be registered and unfenced first', () => {
    expect(brokerBackProblems(3, [1, 2], partitions(false))).toEqual(['broker 3 is not registered and unfenced yet (metadata lists [1, 2])']);
  });

  it('then for it to be back in every ISR, and no partition under-replicated', () => {
    expect(brokerBackProblems(3, [1, 2, 3], partitions(false))).toEqual([
      'broker 3 is not yet in the ISR of 2 partition(s): orders-0, orders-1',
      '2 partition(s) under-replicated: orders-0, orders-1',
    ]);
    expect(brokerBackProblems(3, [1, 2, 3], partitions(true))).toEqual([]);
  });

  it('counts leaderless partitions', () => {
    expect(brokerBackProblems(3, [1, 2, 3], [{ topic: 't', partition: 0, leader: -1, replicas: [3], isr: [3] }])).toEqual(['1 partition(s) have no leader: t-0']);
  });
});

describe('controllerBackProblems', () => {
  it('is back when it is a voter and every voter is caught up', () => {
    expect(controllerBackProblems(3, quorumFromReplication(parseQuorumReplication(replication(0, 999800))))).toEqual([]);
  });

  it('is not back while it is far behind', () => {
    expect(controllerBackProblems(3, quorumFromReplication(parseQuorumReplication(replication(312, 900000))))).toEqual([
      'voters not caught up with the leader (1): 3 (lag 312)',
    ]);
  });

  it('is not back until it has caught up since it was started (the leader remembers it from before the stop)', () => {
    // Caught up at 999800 on the leader's clock, started at 999900: that catch-up was before the stop.
    expect(controllerBackProblems(3, quorumFromReplication(parseQuorumReplication(replication(0, 999800))), 999_900)).toEqual([
      'controller 3 has not caught up with the leader (1) since it was started (last caught up 0.1s before its start)',
    ]);
    expect(controllerBackProblems(3, quorumFromReplication(parseQuorumReplication(replication(0, 999800))), 999_800)).toEqual([]);
    // The leader itself is back by definition.
    expect(controllerBackProblems(1, quorumFromReplication(parseQuorumReplication(replication(0, 999800))), 1_000_500)).toEqual([]);
  });

  it('is not back while it is not listed as a voter', () => {
    expect(controllerBackProblems(4, quorumFromReplication(parseQuorumReplication(replication(0, 999800))))).toEqual([
      'controller 4 is not back in the quorum as a voter (not listed)',
    ]);
  });
});

describe('zookeeperBackProblems', () => {
  it('wants the server leading or following and one leader in the ensemble', () => {
    const modes = (m2: 'follower' | 'down') => [
      { hostname: 'zookeeper-1', mode: 'leader' as const },
      { hostname: 'zookeeper-2', mode: m2 },
    ];
    expect(zookeeperBackProblems('zookeeper-2', modes('follower'))).toEqual([]);
    expect(zookeeperBackProblems('zookeeper-2', modes('down'))).toEqual(['zookeeper-2 is down, not leader or follower yet']);
    expect(zookeeperBackProblems('zookeeper-1', [{ hostname: 'zookeeper-1', mode: 'standalone' }])).toEqual([]);
  });
});

describe('backProblems', () => {
  it('says a stopped container is not running before anything else', () => {
    const state: ClusterState = { running: { c: false }, errors: [] };
    expect(backProblems({ id: 1, role: 'broker', hostname: 'kafka-1', container: 'c' }, state)).toEqual(['container c is not running']);
  });
});

describe('healthProblems', () => {
  const want = { containers: ['k1', 'k2', 'k3'], brokers: [1, 2, 3], voters: [1, 2, 3] };
  const quorum = quorumFromReplication(parseQuorumReplication(replication(0, 999800)));

  it('is healthy with every node up, registered, in sync and caught up', () => {
    expect(healthProblems(want, { running: { k1: true, k2: true, k3: true }, brokers: [1, 2, 3], partitions: partitions(true), quorum, errors: [] })).toEqual([]);
  });

  it('names a node down, an unregistered broker, under-replicated partitions and a lagging voter', () => {
    const lagging = quorumFromReplication(parseQuorumReplication(replication(400, 900000)));
    expect(healthProblems(want, { running: { k1: true, k2: true, k3: false }, brokers: [1, 2], partitions: partitions(false), quorum: lagging, errors: [] })).toEqual([
      'not running: k3',
      'brokers not registered: 3',
      '2 partition(s) under-replicated: orders-0 (ISR [1,2] of [1,2,3]), orders-1 (ISR [2,1] of [2,3,1])',
      'voters not caught up: 3 (lag 400)',
    ]);
  });

  it('names the ZooKeeper servers that do not serve', () => {
    const zk = { containers: [], brokers: [], zookeepers: ['zookeeper-1', 'zookeeper-2'] };
    expect(
      healthProblems(zk, { running: {}, brokers: [], partitions: [], zookeeper: [{ hostname: 'zookeeper-1', mode: 'leader' }, { hostname: 'zookeeper-2', mode: 'down' }], errors: [] }),
    ).toEqual(['ZooKeeper servers not serving: zookeeper-2:down']);
  });
});
