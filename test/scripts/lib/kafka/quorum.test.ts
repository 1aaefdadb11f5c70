import { describe, expect, it } from 'vitest';
import { isCaughtUp, parseQuorumReplication, parseQuorumStatus, quorumFromReplication } from '../../../../scripts/lib/kafka/quorum.ts';

const status44 = `ClusterId:              OhExLs_1TMn8uYUUOCaj2g
LeaderId:               3
LeaderEpoch:            1
HighWatermark:          39
MaxFollowerLag:         0
MaxFollowerLagTimeMs:   24
CurrentVoters:          [{"id": 1, "endpoints": ["CONTROLLER://kafka-1:9093"]}, {"id": 2, "endpoints": ["CONTROLLER://kafka-2:9093"]}, {"id": 3, "endpoints": ["CONTROLLER://kafka-3:9093"]}]
CurrentObservers:       [{"id": 4, "directoryId": "x"}]
`;

const status39 = `ClusterId:              abc
LeaderId:               1
LeaderEpoch:            7
HighWatermark:          1234
MaxFollowerLag:         2
MaxFollowerLagTimeMs:   5
CurrentVoters:          [1,2,3]
CurrentObservers:       [4,5]
`;

const replication44 = `NodeId\tDirectoryId           \tLogEndOffset\tLag\tLastFetchTimestamp\tLastCaughtUpTimestamp\tStatus  \t
3     \tAAAAAAAAAAAAAAAAAAAAAA\t34          \t0  \t1795609706601     \t1795609706601        \tLeader  \t
1     \tAAAAAAAAAAAAAAAAAAAAAA\t34          \t0  \t1795609706251     \t1795609706251        \tFollower\t
2     \tAAAAAAAAAAAAAAAAAAAAAA\t30          \t4  \t1795609706235     \t1795609706235        \tFollower\t
`;

const replication39 = `NodeId\tLogEndOffset\tLag\tLastFetchTimestamp\tLastCaughtUpTimestamp\tStatus
1\t100\t0\t1\t1\tLeader
2\t100\t0\t1\t1\tFollower
4\t97\t3\t1\t1\tObserver
`;

describe('parseQuorumStatus', () => {
  it('reads the 4.x layout with voters as objects', () => {
    expect(parseQuorumStatus(status44)).toEqual({
      clusterId: 'OhExLs_1TMn8uYUUOCaj2g',
      leaderId: 3,
      leaderEpoch: 1,
      highWatermark: 39,
      maxFollowerLag: 0,
      voters: [1, 2, 3],
      observers: [4],
    });
  });

  it('reads the 3.9 layout with voters as ids', () => {
    const s = parseQuorumStatus(status39);
    expect([s.leaderId, s.voters, s.observers, s.maxFollowerLag]).toEqual([1, [1, 2, 3], [4, 5], 2]);
  });

  it('fails on output that is not a status', () => {
    expect(() => parseQuorumStatus('Error: timed out')).toThrow("quorum status has no numeric 'LeaderId'");
  });
});

describe('parseQuorumReplication', () => {
  it('reads the 4.x table with a DirectoryId column', () => {
    expect(parseQuorumReplication(replication44)).toEqual([
      { nodeId: 3, logEndOffset: 34, lag: 0, lastFetchTimestamp: 1795609706601, lastCaughtUpTimestamp: 1795609706601, status: 'Leader' },
      { nodeId: 1, logEndOffset: 34, lag: 0, lastFetchTimestamp: 1795609706251, lastCaughtUpTimestamp: 1795609706251, status: 'Follower' },
      { nodeId: 2, logEndOffset: 30, lag: 4, lastFetchTimestamp: 1795609706235, lastCaughtUpTimestamp: 1795609706235, status: 'Follower' },
    ]);
  });

  it('reads the 3.9 table with observers', () => {
    expect(parseQuorumReplication(replication39).map((r) => [r.nodeId, r.lag, r.status])).toEqual([
      [1, 0, 'Leader'],
      [2, 0, 'Follower'],
      [4, 3, 'Observer'],
    ]);
  });

  it('fails without a header', () => {
    expect(() => parseQuorumReplication('nothing')).toThrow('quorum replication output has no header');
  });
});

// Recorded on a 3-node KRaft cluster (4.4.0) while a restarted voter (2) was still behind.
const behind44 = `NodeId\tDirectoryId           \tLogEndOffset\tLag\tLastFetchTimestamp\tLastCaughtUpTimestamp\tStatus  \t
1     \tAAAAAAAAAAAAAAAAAAAAAA\t4931        \t0  \t1795622320058     \t1795622320058        \tLeader  \t
2     \tAAAAAAAAAAAAAAAAAAAAAA\t1727        \t3204\t1795622319810     \t1795622101020        \tFollower\t
3     \tAAAAAAAAAAAAAAAAAAAAAA\t4930        \t1  \t1795622319810     \t1795622319502        \tFollower\t
`;

describe('quorumFromReplication', () => {
  it('takes the leader and the voters from the rows marked so; observers are not voters', () => {
    expect(quorumFromReplication(parseQuorumReplication(replication39))).toMatchObject({ leaderId: 1, voters: [1, 2] });
    expect(quorumFromReplication(parseQuorumReplication(behind44))).toMatchObject({ leaderId: 1, voters: [1, 2, 3] });
  });

  it('has no leader when no row is marked Leader', () => {
    expect(quorumFromReplication([]).leaderId).toBe(-1);
  });
});

describe('isCaughtUp', () => {
  const rows = parseQuorumReplication(behind44);
  const row = (id: number) => rows.find((r) => r.nodeId === id);

  it('counts lag 0 as caught up', () => {
    expect(isCaughtUp(row(1), rows)).toBe(true);
  });

  it('counts a follower one no-op record behind, caught up half a second ago, as caught up', () => {
    expect(isCaughtUp(row(3), rows)).toBe(true);
  });

  it('does not count a restarted voter thousands of records behind, caught up minutes ago', () => {
    expect(isCaughtUp(row(2), rows)).toBe(false);
    expect(isCaughtUp(undefined, rows)).toBe(false);
  });
});
