import type { PartitionState, QuorumView, ZooKeeperMode } from '../kafka/index.ts';

/**
 * What the roll knows about a cluster at one moment: the input of every safety and readiness
 * predicate. Each part is absent when it was not asked for, and replaced by an entry in `errors`
 * when asking failed (a node down, a tool timing out).
 */
export interface ClusterState {
  /** Container name → running. */
  readonly running: Readonly<Record<string, boolean>>;
  /** Broker ids in the cluster metadata (registered, and unfenced under KRaft). */
  readonly brokers?: readonly number[];
  readonly partitions?: readonly PartitionState[];
  /** Topic → effective `min.insync.replicas` (the topic's own, else the broker default). */
  readonly minIsr?: Readonly<Record<string, number>>;
  /** KRaft: the leader, the voters and each replica's progress (`kafka-metadata-quorum describe --replication`). */
  readonly quorum?: QuorumView;
  readonly zookeeper?: readonly { readonly hostname: string; readonly mode: ZooKeeperMode }[];
  /** ZooKeeper mode: the broker id of the active controller (-1 when none). */
  readonly activeController?: number;
  /** One line per probe that failed. */
  readonly errors: readonly string[];
}

export const majority = (n: number): number => Math.floor(n / 2) + 1;

/** A partition named the way Kafka's tools print it. */
export const partitionName = (p: Pick<PartitionState, 'topic' | 'partition'>): string => `${p.topic}-${p.partition}`;

/** `n` things, at most `max` named, the rest counted. */
export function someOf(items: readonly string[], max = 3): string {
  const shown = items.slice(0, max).join(', ');
  return items.length > max ? `${shown} and ${items.length - max} more` : shown;
}

export const underReplicated = (ps: readonly PartitionState[]): PartitionState[] => ps.filter((p) => p.isr.length < p.replicas.length);

export const offline = (ps: readonly PartitionState[]): PartitionState[] => ps.filter((p) => p.leader < 0);
