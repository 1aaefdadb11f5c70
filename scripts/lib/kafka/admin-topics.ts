/**
 * Topics (Kafka's CreateTopics, DeleteTopics and ListOffsets APIs): create one and wait until it is
 * fully led, delete some, and read the offsets of a topic's partitions.
 */
import type { ConnectionDescriptor } from '../cluster/index.ts';
import { waitFor } from '../core/index.ts';
import { describePartitions, type PartitionState } from './admin-cluster.ts';
import { retryThroughLeadership, withAdmin, type ClientOptions } from './connection.ts';

export interface TopicRequest {
  readonly name: string;
  readonly partitions: number;
  readonly replicationFactor: number;
  /** Topic-level config overrides. @default {} */
  readonly config?: Readonly<Record<string, string>>;
  /** Place partition i's replicas on exactly these node ids (overrides the broker's placement). @default - the broker's placement */
  readonly replicaAssignment?: readonly (readonly number[])[];
}

/**
 * Create a topic and wait until it is ready:
 * 1. create it unless it is listed already (retried to the deadline: a new KRaft cluster may still be electing);
 * 2. wait until every partition has a leader and a full ISR of `replicationFactor` replicas, as
 *    seen from the brokers' metadata; returns that partition state.
 */
export async function ensureTopic(d: ConnectionDescriptor, req: TopicRequest, timeoutMs = 90_000): Promise<PartitionState[]> {
  await waitFor(
    () =>
      withAdmin(d, async (admin) => {
        const existing = await admin.listTopics();
        if (!existing.includes(req.name)) {
          await admin.createTopics({
            waitForLeaders: false,
            topics: [
              {
                topic: req.name,
                ...(req.replicaAssignment
                  ? { replicaAssignment: req.replicaAssignment.map((replicas, partition) => ({ partition, replicas: [...replicas] })) }
                  : { numPartitions: req.partitions, replicationFactor: req.replicationFactor }),
                configEntries: Object.entries(req.config ?? {}).map(([name, value]) => ({ name, value })),
              },
            ],
          });
        }
        return true;
      }),
    { what: `topic '${req.name}' to be created`, timeoutMs },
  );
  return waitFor(
    async () => {
      const parts = await describePartitions(d, [req.name]);
      const ready =
        parts.length === req.partitions &&
        parts.every((p) => p.leader >= 0 && p.isr.length === p.replicas.length && p.replicas.length === req.replicationFactor);
      if (!ready) throw new Error(`topic '${req.name}' partitions not all led with a full ISR yet`);
      return parts;
    },
    { what: `topic '${req.name}' to have leaders and full ISRs`, timeoutMs },
  );
}

/** Delete topics, ignoring the ones that do not exist. */
export async function deleteTopics(d: ConnectionDescriptor, topics: readonly string[], opts: ClientOptions = {}): Promise<void> {
  await withAdmin(d, async (admin) => {
    const existing = new Set(await admin.listTopics());
    const gone = topics.filter((t) => existing.has(t));
    if (gone.length > 0) await admin.deleteTopics({ topics: gone, timeout: 30_000 });
  }, opts);
}

/** Delete the topics that exist, then wait until none of them is listed any more; returns the ones deleted. */
export async function deleteTopicsIfPresent(d: ConnectionDescriptor, topics: readonly string[], opts: ClientOptions = {}, timeoutMs = 60_000): Promise<string[]> {
  const present = await withAdmin(d, async (admin) => {
    const existing = new Set(await admin.listTopics());
    const mine = topics.filter((t) => existing.has(t));
    if (mine.length > 0) await admin.deleteTopics({ topics: mine, timeout: 30_000 });
    return mine;
  }, opts);
  if (present.length > 0) {
    await waitFor(
      () =>
        withAdmin(d, async (admin) => {
          const left = (await admin.listTopics()).filter((t) => present.includes(t));
          if (left.length > 0) throw new Error(`still listed: ${left.join(', ')}`);
          return true;
        }, opts),
      { what: `topics ${present.join(', ')} to be deleted`, timeoutMs },
    );
  }
  return present;
}

export interface PartitionOffsets {
  readonly partition: number;
  /** Log start offset. */
  readonly low: number;
  /** Log end offset (high watermark as a client sees it). */
  readonly high: number;
}

/** Start and end offsets of every partition of a topic, sorted by partition; retried through a leadership change (30 s). */
export async function topicOffsets(d: ConnectionDescriptor, topic: string, opts: ClientOptions = {}): Promise<PartitionOffsets[]> {
  return retryThroughLeadership(() =>
    withAdmin(d, async (admin) => {
      const rows = await admin.fetchTopicOffsets(topic);
      return rows.map((r) => ({ partition: r.partition, low: Number(r.low), high: Number(r.high) })).sort((a, b) => a.partition - b.partition);
    }, opts),
  );
}

/** The first offset of each partition whose timestamp is at or after `timestamp` (the end offset when none is). */
export async function offsetsForTimestamp(d: ConnectionDescriptor, topic: string, timestamp: number, opts: ClientOptions = {}): Promise<Map<number, number>> {
  return withAdmin(d, async (admin) => {
    const rows = await admin.fetchTopicOffsetsByTimestamp(topic, timestamp);
    return new Map(rows.map((r) => [r.partition, Number(r.offset)]));
  }, opts);
}

/** The names of the cluster's topics (internal ones like __consumer_offsets included), sorted. */
export async function listTopicNames(d: ConnectionDescriptor, opts: ClientOptions = {}): Promise<string[]> {
  return withAdmin(d, async (admin) => (await admin.listTopics()).sort(), opts);
}
