import { describe, expect, it } from 'vitest';
import { resolveCluster } from '../../../../stacks/model/resolve.ts';
import {
  ADMIN_SESSION_CLASS,
  adminSessionClassDir,
  adminSessionCommand,
  adminSessionContainer,
  parseSessionLine,
  quorumViewFromSession,
  type SessionQuorum,
} from '../../../../scripts/lib/kafka/admin-session.ts';
import { isCaughtUp, parseQuorumReplication, quorumFromReplication } from '../../../../scripts/lib/kafka/quorum.ts';

const cluster = resolveCluster({ name: 'sess-t' });

const replica = (id: number, logEndOffset: number, t = 1_000_000): SessionQuorum['voters'][number] => ({
  id,
  logEndOffset,
  lastFetchTimestamp: t,
  lastCaughtUpTimestamp: t,
});

describe('parseSessionLine', () => {
  it('reads a marked answer', () => {
    expect(parseSessionLine('@kafkalab {"id":"3","ok":true,"election":{"elected":["a-0"],"failed":[]}}')).toEqual({
      id: '3',
      ok: true,
      election: { elected: ['a-0'], failed: [] },
    });
    expect(parseSessionLine('@kafkalab {"ready":true}')).toEqual({ ready: true });
    expect(parseSessionLine('@kafkalab {"id":"4","ok":false,"error":"TimeoutException: x"}')).toEqual({ id: '4', ok: false, error: 'TimeoutException: x' });
  });

  it('ignores log lines and broken JSON', () => {
    expect(parseSessionLine('[2026-11-30 10:00:00,000] WARN something (org.apache.kafka.clients.NetworkClient)')).toBeUndefined();
    expect(parseSessionLine('{"id":"1","ok":true}')).toBeUndefined();
    expect(parseSessionLine('@kafkalab {"id":')).toBeUndefined();
  });
});

describe('quorumViewFromSession', () => {
  it('lists the leader, the followers, then the observers, with lag against the leader', () => {
    const v = quorumViewFromSession({
      leaderId: 2,
      leaderEpoch: 5,
      highWatermark: 100,
      voters: [replica(1, 98), replica(2, 100), replica(3, 100)],
      observers: [replica(4, 97)],
    });
    expect(v.leaderId).toBe(2);
    expect(v.voters).toEqual([1, 2, 3]);
    expect(v.replication.map((r) => [r.nodeId, r.status, r.lag])).toEqual([
      [2, 'Leader', 0],
      [1, 'Follower', 2],
      [3, 'Follower', 0],
      [4, 'Observer', 3],
    ]);
  });

  it('gives the same view as the CLI tool for the same quorum', () => {
    const cli = quorumFromReplication(
      parseQuorumReplication(`NodeId\tLogEndOffset\tLag\tLastFetchTimestamp\tLastCaughtUpTimestamp\tStatus
3\t34\t0\t1795609706601\t1795609706601\tLeader
1\t34\t0\t1795609706251\t1795609706251\tFollower
2\t30\t4\t1795609706235\t1795609706235\tFollower
`),
    );
    const session = quorumViewFromSession({
      leaderId: 3,
      leaderEpoch: 1,
      highWatermark: 34,
      voters: [replica(1, 34, 1795609706251), replica(2, 30, 1795609706235), replica(3, 34, 1795609706601)],
      observers: [],
    });
    expect(session).toEqual(cli);
    expect(isCaughtUp(session.replication.find((r) => r.nodeId === 2), session.replication)).toBe(true);
  });

  it('has no leader when the leader is not among the voters (an election in progress)', () => {
    const v = quorumViewFromSession({ leaderId: -1, leaderEpoch: 6, highWatermark: 10, voters: [replica(1, 10), replica(2, 10)], observers: [] });
    expect(v.leaderId).toBe(-1);
    expect(v.replication.every((r) => r.status === 'Follower')).toBe(true);
  });

  it('does not list a voter again as an observer', () => {
    const v = quorumViewFromSession({ leaderId: 1, leaderEpoch: 1, highWatermark: 5, voters: [replica(1, 5)], observers: [replica(1, 5), replica(7, 5)] });
    expect(v.replication.map((r) => `${r.nodeId}:${r.status}`)).toEqual(['1:Leader', '7:Observer']);
  });
});

describe('adminSessionCommand', () => {
  it('runs the class with the image jars, a light JVM, the config in the runtime folder and the internal listeners', () => {
    const cmd = adminSessionCommand(cluster);
    expect(cmd[0]).toBe('java');
    expect(cmd).toContain('-XX:TieredStopAtLevel=1');
    expect(cmd.slice(-5)).toEqual([
      '-cp',
      '/opt/kafka/libs/*:/run/kafkalab',
      ADMIN_SESSION_CLASS,
      '/run/kafkalab/admin-session.properties',
      cluster.nodes.map((n) => `${n.hostname}:9092`).join(','),
    ]);
    expect(cmd.some((a) => a.startsWith('-Dorg.apache.kafka.automatic.config.providers='))).toBe(true);
  });

  it('names the container under the cluster prefix', () => {
    expect(adminSessionContainer(cluster)).toBe('kafkalab-sess-t-roll-admin');
  });
});

describe('adminSessionClassDir', () => {
  const env = { KAFKALAB_CACHE_DIR: '/tmp/kafkalab-cache-t' };
  it('is keyed by version and source', () => {
    const a = adminSessionClassDir('4.4.0', 'class A {}', env);
    expect(a).toMatch(/^\/tmp\/kafkalab-cache-t\/admin-session\/4\.4\.0-[0-9a-f]{12}$/);
    expect(adminSessionClassDir('4.4.0', 'class A {}', env)).toBe(a);
    expect(adminSessionClassDir('4.4.0', 'class B {}', env)).not.toBe(a);
    expect(adminSessionClassDir('3.9.1', 'class A {}', env)).not.toBe(a);
  });
});
