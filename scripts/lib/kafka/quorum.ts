/**
 * Parsers for `kafka-metadata-quorum describe --status` and `--replication`, whose layout
 * differs a little between 3.9 and 4.x (4.x adds DirectoryId and prints voters as objects).
 */

export interface QuorumStatus {
  readonly clusterId: string;
  readonly leaderId: number;
  readonly leaderEpoch: number;
  readonly highWatermark: number;
  readonly maxFollowerLag: number;
  readonly voters: readonly number[];
  readonly observers: readonly number[];
}

function idsOf(text: string): number[] {
  // 3.9: [1,2,3]   4.x: [{"id": 1, "directoryId": ..., "endpoints": [...]}, ...]
  const trimmed = text.trim();
  if (/"id"\s*:/.test(trimmed)) return [...trimmed.matchAll(/"id"\s*:\s*(\d+)/g)].map((m) => Number(m[1]));
  return [...trimmed.matchAll(/\d+/g)].map((m) => Number(m[0]));
}

export function parseQuorumStatus(text: string): QuorumStatus {
  const fields = new Map<string, string>();
  for (const line of text.split('\n')) {
    const m = /^(\w+):\s*(.*)$/.exec(line.trim());
    if (m) fields.set(m[1]!, m[2]!);
  }
  const num = (k: string): number => {
    const v = fields.get(k);
    if (v === undefined || !/^-?\d+$/.test(v.trim())) throw new Error(`quorum status has no numeric '${k}' in: ${text.slice(0, 200)}`);
    return Number(v.trim());
  };
  return {
    clusterId: fields.get('ClusterId') ?? '',
    leaderId: num('LeaderId'),
    leaderEpoch: num('LeaderEpoch'),
    highWatermark: num('HighWatermark'),
    maxFollowerLag: num('MaxFollowerLag'),
    voters: idsOf(fields.get('CurrentVoters') ?? '[]'),
    observers: idsOf(fields.get('CurrentObservers') ?? '[]'),
  };
}

export interface ReplicaState {
  readonly nodeId: number;
  readonly logEndOffset: number;
  readonly lag: number;
  /** Epoch ms of the replica's last fetch, and of the last time it had all the leader had (-1: unknown). */
  readonly lastFetchTimestamp: number;
  readonly lastCaughtUpTimestamp: number;
  readonly status: string;
}

export function parseQuorumReplication(text: string): ReplicaState[] {
  const rows = text.split('\n').map((l) => l.trim()).filter(Boolean).map((l) => l.split(/\s+/));
  const header = rows.findIndex((r) => r[0] === 'NodeId');
  if (header < 0) throw new Error(`quorum replication output has no header: ${text.slice(0, 200)}`);
  const cols = rows[header]!;
  const at = (name: string): number => {
    const i = cols.indexOf(name);
    if (i < 0) throw new Error(`quorum replication output has no '${name}' column`);
    return i;
  };
  const [iNode, iLeo, iLag, iFetch, iCaught] = [at('NodeId'), at('LogEndOffset'), at('Lag'), at('LastFetchTimestamp'), at('LastCaughtUpTimestamp')];
  at('Status');
  // Status is the last column; the leading numeric columns are always filled.
  return rows.slice(header + 1).map((r) => ({
    nodeId: Number(r[iNode]),
    logEndOffset: Number(r[iLeo]),
    lag: Number(r[iLag]),
    lastFetchTimestamp: Number(r[iFetch]),
    lastCaughtUpTimestamp: Number(r[iCaught]),
    status: r[r.length - 1]!,
  }));
}

/** The quorum as `describe --replication` alone shows it: the leader and the voters are the rows marked so. */
export interface QuorumView {
  readonly leaderId: number;
  readonly voters: readonly number[];
  readonly replication: readonly ReplicaState[];
}

export function quorumFromReplication(rows: readonly ReplicaState[]): QuorumView {
  return {
    leaderId: rows.find((r) => r.status === 'Leader')?.nodeId ?? -1,
    voters: rows.filter((r) => r.status === 'Leader' || r.status === 'Follower').map((r) => r.nodeId).sort((a, b) => a - b),
    replication: rows,
  };
}

/**
 * How recently a voter must have had everything the leader had to count as caught up. The leader
 * appends a no-op record every 500 ms, so a healthy follower shows a lag of 1 now and then; what
 * tells a live follower from one left behind is when it last caught up.
 */
export const CAUGHT_UP_WINDOW_MS = 5000;

/** Caught up: lag 0, or it had the whole log within the window (measured on the leader's clock). */
export function isCaughtUp(row: ReplicaState | undefined, rows: readonly ReplicaState[], windowMs = CAUGHT_UP_WINDOW_MS): boolean {
  if (!row) return false;
  if (row.lag === 0) return true;
  const leader = rows.find((r) => r.status === 'Leader');
  const now = Math.max(leader?.lastFetchTimestamp ?? -1, leader?.lastCaughtUpTimestamp ?? -1, ...rows.map((r) => r.lastFetchTimestamp));
  return row.lastCaughtUpTimestamp > 0 && now - row.lastCaughtUpTimestamp <= windowMs;
}
