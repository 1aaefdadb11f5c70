import { describe, expect, it } from 'vitest';
import { resolveCluster } from '../../../../stacks/model/resolve.ts';
import { quorumReader, quorumStatusFromSession } from '../../../../scripts/lib/kafka/quorum-reader.ts';
import type { SessionQuorum } from '../../../../scripts/lib/kafka/admin-session.ts';

const cluster = resolveCluster({ name: 'qr-t', mode: 'kraft-dedicated', controllers: 3, brokers: 2 });
const replica = (id: number, logEndOffset: number) => ({ id, logEndOffset, lastFetchTimestamp: 1, lastCaughtUpTimestamp: 1 });
const sessionQuorum: SessionQuorum = {
  leaderId: 102,
  leaderEpoch: 7,
  highWatermark: 50,
  voters: [replica(101, 48), replica(102, 50), replica(103, 50)],
  observers: [replica(1, 50), replica(2, 49)],
};
const STATUS_TEXT = 'ClusterId: abc\nLeaderId: 101\nLeaderEpoch: 3\nHighWatermark: 9\nMaxFollowerLag: 0\nCurrentVoters: [101,102,103]\nCurrentObservers: [1,2]\n';

function fakeSession(answer: SessionQuorum) {
  const calls = { quorum: 0, closed: 0 };
  let alive = true;
  return {
    calls,
    kill: () => void (alive = false),
    session: { alive: () => alive, quorumRaw: async () => (calls.quorum++, answer), close: async () => void calls.closed++ },
  };
}

describe('quorumStatusFromSession', () => {
  it('answers in the CLI terms: leader, epoch, voters, observers and the largest voter lag', () => {
    expect(quorumStatusFromSession(sessionQuorum)).toEqual({
      clusterId: '',
      leaderId: 102,
      leaderEpoch: 7,
      highWatermark: 50,
      maxFollowerLag: 2,
      voters: [101, 102, 103],
      observers: [1, 2],
    });
  });

  it('a leader that is not among the voters is no leader', () => {
    expect(quorumStatusFromSession({ ...sessionQuorum, leaderId: -1 }).leaderId).toBe(-1);
  });
});

describe('quorumReader', () => {
  it('opens the admin session once and reads every time through it', async () => {
    const f = fakeSession(sessionQuorum);
    let opened = 0;
    const cli = async (): Promise<string> => {
      throw new Error('the CLI must not run');
    };
    const r = quorumReader(cluster, { openSession: async () => (opened++, f.session), cli });
    expect((await r.status()).leaderEpoch).toBe(7);
    expect((await r.replication()).map((x) => `${x.nodeId}:${x.status}:${x.lag}`)).toEqual(['102:Leader:0', '101:Follower:2', '103:Follower:0', '1:Observer:0', '2:Observer:1']);
    expect([opened, f.calls.quorum, r.via()]).toEqual([1, 2, 'session']);
    await r.close();
    expect(f.calls.closed).toBe(1);
  });

  it('reads with kafka-metadata-quorum.sh when the session cannot be opened', async () => {
    const argv: string[][] = [];
    const r = quorumReader(cluster, {
      openSession: async () => {
        throw new Error('no javac');
      },
      cli: async (_c, a) => (argv.push([...a]), STATUS_TEXT),
    });
    expect((await r.status()).leaderId).toBe(101);
    expect(argv).toEqual([['kafka-metadata-quorum.sh', 'describe', '--status']]);
    expect(r.via()).toBe('cli');
    await r.close();
  });

  it('goes on with the CLI once the session has died', async () => {
    const f = fakeSession(sessionQuorum);
    const r = quorumReader(cluster, { openSession: async () => f.session, cli: async () => STATUS_TEXT });
    expect((await r.status()).leaderId).toBe(102);
    f.kill();
    expect((await r.status()).leaderId).toBe(101);
    expect(r.via()).toBe('cli');
  });
});
