import { describe, expect, it } from 'vitest';
import type { PartitionState } from '../../../../scripts/lib/kafka/index.ts';
import { parseQuorumReplication, quorumFromReplication } from '../../../../scripts/lib/kafka/quorum.ts';
import type { ClusterState } from '../../../../scripts/lib/roll/cluster-state.ts';
import type { RollNode } from '../../../../scripts/lib/roll/order.ts';
import {
  brokerStopProblems,
  controllerStopProblems,
  stopProblems,
  zookeeperStopProblems,
} from '../../../../scripts/lib/roll/stop-safety.ts';

// Recorded from kafkajs fetchTopicMetadata on a 3-broker cluster with broker 3 stopped
// (roll-a: RF 3, min.insync.replicas 2), reduced to three partitions.
const brokerThreeDown: PartitionState[] = [
  { topic: 'orders', partition: 0, leader: 1, replicas: [1, 2, 3], isr: [1, 2] },
  { topic: 'orders', partition: 1, leader: 2, replicas: [2, 3, 1], isr: [2, 1] },
  { topic: '__consumer_offsets', partition: 7, leader: 1, replicas: [1, 3, 2], isr: [1, 2] },
];
const healthy: PartitionState[] = brokerThreeDown.map((p) => ({ ...p, isr: [...p.replicas] }));
const minIsr2 = (): number => 2;

// `kafka-metadata-quorum describe --replication`, 4.4.0, leader 1.
const caughtUp = `NodeId\tDirectoryId           \tLogEndOffset\tLag\tLastFetchTimestamp\tLastCaughtUpTimestamp\tStatus  \t
1     \tAAAAAAAAAAAAAAAAAAAAAA\t4931        \t0  \t1795622320058     \t1795622320058        \tLeader  \t
2     \tAAAAAAAAAAAAAAAAAAAAAA\t4931        \t0  \t1795622319810     \t1795622319810        \tFollower\t
3     \tAAAAAAAAAAAAAAAAAAAAAA\t4930        \t1  \t1795622319810     \t1795622319502        \tFollower\t
`;
const threeBehind = caughtUp.replace('4930        \t1  \t1795622319810     \t1795622319502', '1727        \t3204\t1795622319810     \t1795622101020');

describe('brokerStopProblems', () => {
  it('is safe when every ISR it is in keeps more than min.insync.replicas', () => {
    expect(brokerStopProblems(2, healthy, minIsr2)).toEqual([]);
  });

  it('is unsafe where the ISR holding the broker is down to min.insync.replicas, and says it can clear', () => {
    const [p] = brokerStopProblems(2, brokerThreeDown, minIsr2);
    expect(p!.permanent).toBe(false);
    expect(p!.reason).toBe(
      'stopping broker 2 would drop 3 partition(s) below min.insync.replicas: orders-0 (ISR [1,2], min.insync.replicas 2), orders-1 (ISR [2,1], min.insync.replicas 2), __consumer_offsets-7 (ISR [1,2], min.insync.replicas 2); their other replicas must be back in sync first',
    );
  });

  it('ignores partitions whose ISR does not hold the broker (stopping it changes nothing there)', () => {
    expect(brokerStopProblems(3, brokerThreeDown, minIsr2)).toEqual([]);
  });

  it('uses each topic\'s own min.insync.replicas', () => {
    expect(brokerStopProblems(2, brokerThreeDown, (t) => (t === 'orders' ? 1 : 2)).map((p) => p.reason)[0]).toContain('1 partition(s)');
  });

  it('calls a replication factor not above min.insync.replicas permanent, and names --force', () => {
    const rf2 = [{ topic: 'events', partition: 0, leader: 1, replicas: [1, 2], isr: [1, 2] }];
    const [p] = brokerStopProblems(1, rf2, minIsr2);
    expect(p).toEqual({
      permanent: true,
      reason: '1 partition(s) on broker 1 have no more replicas than min.insync.replicas, so acks=all writes to them fail while it restarts: events-0 (replication factor 2, min.insync.replicas 2); raise their replication factor, or pass --force to accept it',
    });
  });
});

describe('controllerStopProblems', () => {
  it('is safe when the other voters are a caught-up majority (a lag of 1 no-op record counts as caught up)', () => {
    expect(controllerStopProblems(2, quorumFromReplication(parseQuorumReplication(caughtUp)))).toEqual([]);
  });

  it('is unsafe when, without it, too few voters are caught up', () => {
    expect(controllerStopProblems(2, quorumFromReplication(parseQuorumReplication(threeBehind)))).toEqual([
      {
        permanent: false,
        reason: 'without controller 2, 1 of the 3 voters are caught up with the leader (1); a majority needs 2: lagging 3 (lag 3204)',
      },
    ]);
  });

  it('lets the lagging voter itself go (the others are a majority)', () => {
    expect(controllerStopProblems(3, quorumFromReplication(parseQuorumReplication(threeBehind)))).toEqual([]);
  });

  it('is unsafe without a leader, and permanently so with one voter', () => {
    expect(controllerStopProblems(1, { leaderId: -1, voters: [1, 2, 3], replication: [] })[0]!.reason).toBe('the metadata quorum has no leader');
    expect(controllerStopProblems(1, { leaderId: 1, voters: [1], replication: [] })[0]!.permanent).toBe(true);
  });
});

describe('zookeeperStopProblems', () => {
  const ensemble = [
    { hostname: 'zookeeper-1', mode: 'leader' as const },
    { hostname: 'zookeeper-2', mode: 'follower' as const },
    { hostname: 'zookeeper-3', mode: 'follower' as const },
  ];

  it('is safe when the others keep a quorum', () => {
    expect(zookeeperStopProblems('zookeeper-2', ensemble)).toEqual([]);
  });

  it('is unsafe when another server is down already', () => {
    const oneDown = ensemble.map((m) => (m.hostname === 'zookeeper-3' ? { ...m, mode: 'down' as const } : m));
    expect(zookeeperStopProblems('zookeeper-2', oneDown)[0]!.reason).toBe(
      'without zookeeper-2, 1 of the 3 ZooKeeper servers serve (zookeeper-1:leader, zookeeper-3:down); a quorum needs 2',
    );
  });

  it('is permanently unsafe for a single server', () => {
    expect(zookeeperStopProblems('zookeeper-1', [{ hostname: 'zookeeper-1', mode: 'standalone' }])[0]!.permanent).toBe(true);
  });
});

describe('stopProblems', () => {
  const node: RollNode = { id: 2, role: 'combined', hostname: 'kafka-2', container: 'kafkalab-x-kafka-2' };
  const state = (s: Partial<ClusterState>): ClusterState => ({ running: {}, errors: [], ...s });

  it('checks a combined node as a controller and as a broker, the topic min.insync.replicas else the default', () => {
    const s = state({ partitions: brokerThreeDown, minIsr: { orders: 1 }, quorum: quorumFromReplication(parseQuorumReplication(threeBehind)) });
    const reasons = stopProblems(node, s, 2).map((p) => p.reason);
    expect(reasons).toHaveLength(2);
    expect(reasons[0]).toMatch(/^without controller 2/);
    expect(reasons[1]).toMatch(/^stopping broker 2 would drop 1 partition\(s\).*__consumer_offsets-7/);
  });

  it('names what could not be read as a problem that may clear', () => {
    expect(stopProblems(node, state({ errors: ['metadata quorum: timed out'] }), 2)).toEqual([
      { permanent: false, reason: 'the metadata quorum could not be read: metadata quorum: timed out' },
      { permanent: false, reason: 'the partitions could not be read: metadata quorum: timed out' },
    ]);
  });
});
