/**
 * Consumer groups (Kafka's ListGroups, DescribeGroups, DeleteGroups, OffsetFetch and OffsetCommit
 * APIs): a group's state, its committed offsets, committing offsets for it, and deleting groups.
 */
import type { ConnectionDescriptor } from '../cluster/index.ts';
import { withAdmin, type ClientOptions } from './connection.ts';

/** Delete consumer groups; a group that does not exist is not an error. */
export async function deleteGroupsIfPresent(d: ConnectionDescriptor, groups: readonly string[], opts: ClientOptions = {}): Promise<void> {
  if (groups.length === 0) return;
  await withAdmin(d, async (admin) => {
    const existing = new Set((await admin.listGroups()).groups.map((g) => g.groupId));
    const mine = groups.filter((g) => existing.has(g));
    if (mine.length > 0) await admin.deleteGroups(mine);
  }, opts);
}

/** A group's committed offset per partition of one topic; -1 where it committed nothing. */
export async function committedOffsets(d: ConnectionDescriptor, groupId: string, topic: string, opts: ClientOptions = {}): Promise<Map<number, number>> {
  return withAdmin(d, async (admin) => {
    const res = await admin.fetchOffsets({ groupId, topics: [topic] });
    const t = res.find((x) => x.topic === topic);
    return new Map((t?.partitions ?? []).map((p) => [p.partition, Number(p.offset)]));
  }, opts);
}

/** Commit offsets for a group that has no active member (as an operator's reset would). */
export async function commitGroupOffsets(d: ConnectionDescriptor, groupId: string, topic: string, offsets: ReadonlyMap<number, number>, opts: ClientOptions = {}): Promise<void> {
  await withAdmin(d, (admin) =>
    admin.setOffsets({ groupId, topic, partitions: [...offsets].map(([partition, offset]) => ({ partition, offset: String(offset) })) }), opts);
}

/** Members and state of a consumer group ('Dead' when it does not exist). */
export async function groupState(d: ConnectionDescriptor, groupId: string, opts: ClientOptions = {}): Promise<{ state: string; members: number }> {
  return withAdmin(d, async (admin) => {
    const { groups } = await admin.describeGroups([groupId]);
    const g = groups[0];
    return { state: g?.state ?? 'Dead', members: g?.members.length ?? 0 };
  }, opts);
}

const coordinatorSeen = new Set<string>();

/**
 * Wait until the coordinator of `group` answers (asked as the admin), once per group and process.
 * On a new cluster the first group creates `__consumer_offsets` (50 partitions) and their leaders
 * load them: for seconds a group's requests answer "not the correct coordinator", more than a
 * client's retries cover on a busy machine. Each group maps to one of those partitions, so each
 * group is awaited on its own.
 */
export async function awaitGroupCoordinator(d: ConnectionDescriptor, group: string, timeoutMs = 90_000): Promise<void> {
  const key = `${d.cluster}/${d.clusterId}/${group}`;
  if (coordinatorSeen.has(key)) return;
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      await withAdmin(d, (admin) => admin.describeGroups([group]));
      coordinatorSeen.add(key);
      return;
    } catch (error) {
      last = error;
      if (Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  throw new Error(`the coordinator of group '${group}' on '${d.cluster}' did not answer within ${timeoutMs / 1000}s: ${last instanceof Error ? last.message : String(last)}`);
}

/** How far a group is behind on one partition. */
export interface PartitionLag {
  readonly topic: string;
  readonly partition: number;
  /** The group's committed offset; -1 when it committed none. */
  readonly committed: number;
  /** The partition's log end offset (transaction markers included). */
  readonly end: number;
  /** end - committed (end - start when nothing is committed), never below 0. */
  readonly lag: number;
}

/**
 * A group's lag on each partition of `topics` (what kafka-consumer-groups --describe shows):
 * committed offsets (OffsetFetch) against the log end offsets (ListOffsets). A topic that does
 * not exist is left out. Sorted by topic, then partition.
 */
export async function groupLag(d: ConnectionDescriptor, groupId: string, topics: readonly string[], opts: ClientOptions = {}): Promise<PartitionLag[]> {
  if (topics.length === 0) return [];
  return withAdmin(d, async (admin) => {
    const existing = new Set(await admin.listTopics());
    const present = topics.filter((t) => existing.has(t));
    if (present.length === 0) return [];
    const committed = await admin.fetchOffsets({ groupId, topics: [...present] });
    const rows: PartitionLag[] = [];
    for (const topic of present) {
      const ends = await admin.fetchTopicOffsets(topic);
      const byPartition = new Map((committed.find((c) => c.topic === topic)?.partitions ?? []).map((p) => [p.partition, Number(p.offset)]));
      for (const e of ends) {
        const c = byPartition.get(e.partition) ?? -1;
        const end = Number(e.high);
        rows.push({ topic, partition: e.partition, committed: c, end, lag: Math.max(0, end - (c >= 0 ? c : Number(e.low))) });
      }
    }
    return rows.sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);
  }, opts);
}
