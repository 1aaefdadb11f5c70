/**
 * The KRaft quorum read for the checks, as cheaply as the machine allows:
 *   1. On the first read, open the cluster's admin session (one JVM, started once, every read a
 *      request of milliseconds).
 *   2. When it cannot be opened, or has died, read with kafka-metadata-quorum.sh in a node instead
 *      (a JVM per read: seconds each on two busy cores).
 *   3. `close()` stops the session when one was opened.
 * Both paths answer in the CLI's terms (QuorumStatus, ReplicaState rows), so a check is the same
 * either way. The session and the CLI are parameters, so tests drive the reader with fakes.
 */
import type { ResolvedCluster } from '../../../stacks/model/spec.ts';
import { openAdminSession, quorumViewFromSession, type AdminSession, type SessionQuorum } from './admin-session.ts';
import { inCluster } from './in-cluster.ts';
import { parseQuorumReplication, parseQuorumStatus, type QuorumStatus, type ReplicaState } from './quorum.ts';

export interface QuorumReader {
  status(): Promise<QuorumStatus>;
  replication(): Promise<readonly ReplicaState[]>;
  /** Which path answered last: 'session' or 'cli' (for the trace and tests). */
  readonly via: () => 'session' | 'cli';
  close(): Promise<void>;
}

export interface QuorumReaderDeps {
  /** @default - openAdminSession */
  readonly openSession?: (cluster: ResolvedCluster) => Promise<Pick<AdminSession, 'alive' | 'quorumRaw' | 'close'>>;
  /** @default - inCluster (a CLI tool in a node) */
  readonly cli?: (cluster: ResolvedCluster, argv: readonly string[]) => Promise<string>;
  /** How long one session read may take. @default 15000 */
  readonly requestTimeoutMs?: number;
}

/** The session's quorum in the CLI's `describe --status` terms (the session knows no cluster id). */
export function quorumStatusFromSession(q: SessionQuorum): QuorumStatus {
  const rows = quorumViewFromSession(q).replication;
  const voterIds = new Set(q.voters.map((v) => v.id));
  return {
    clusterId: '',
    leaderId: q.voters.some((v) => v.id === q.leaderId) ? q.leaderId : -1,
    leaderEpoch: q.leaderEpoch,
    highWatermark: q.highWatermark,
    maxFollowerLag: Math.max(0, ...rows.filter((r) => voterIds.has(r.nodeId)).map((r) => r.lag)),
    voters: q.voters.map((v) => v.id),
    observers: q.observers.filter((o) => !voterIds.has(o.id)).map((o) => o.id),
  };
}

/** A reader of `cluster`'s quorum (steps above). */
export function quorumReader(cluster: ResolvedCluster, deps: QuorumReaderDeps = {}): QuorumReader {
  const open = deps.openSession ?? openAdminSession;
  const cli = deps.cli ?? inCluster;
  const timeoutMs = deps.requestTimeoutMs ?? 15_000;
  let session: Promise<Pick<AdminSession, 'alive' | 'quorumRaw' | 'close'> | undefined> | undefined;
  let last: 'session' | 'cli' = 'session';
  const live = async (): Promise<Pick<AdminSession, 'alive' | 'quorumRaw' | 'close'> | undefined> => {
    session ??= open(cluster).catch(() => undefined);
    const s = await session;
    return s?.alive() ? s : undefined;
  };
  const read = async <T>(fromSession: (q: SessionQuorum) => T, fromCli: () => Promise<T>): Promise<T> => {
    const s = await live();
    last = s ? 'session' : 'cli';
    return s ? fromSession(await s.quorumRaw(timeoutMs)) : fromCli();
  };
  return {
    status: () => read(quorumStatusFromSession, async () => parseQuorumStatus(await cli(cluster, ['kafka-metadata-quorum.sh', 'describe', '--status']))),
    replication: () => read((q) => quorumViewFromSession(q).replication, async () => parseQuorumReplication(await cli(cluster, ['kafka-metadata-quorum.sh', 'describe', '--replication']))),
    via: () => last,
    async close() {
      const s = session ? await session : undefined;
      await s?.close();
    },
  };
}
