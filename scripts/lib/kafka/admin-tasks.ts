/**
 * Admin operations beyond client.ts, for the drills: delete topics and groups, offsets, the ACLs
 * of one principal. Every call goes through `withAdmin`.
 */
import kafkajs from 'kafkajs';
import type { ConnectionDescriptor } from '../cluster/index.ts';
import { waitFor } from '../core/index.ts';
import { withAdmin, type ClientOptions } from './client.ts';

const { AclOperationTypes, AclPermissionTypes, AclResourceTypes, ResourcePatternTypes } = kafkajs;

/** Delete the topics that exist, then wait until none of them is listed any more. */
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

/** Delete consumer groups; a group that does not exist is not an error. */
export async function deleteGroupsIfPresent(d: ConnectionDescriptor, groups: readonly string[], opts: ClientOptions = {}): Promise<void> {
  if (groups.length === 0) return;
  await withAdmin(d, async (admin) => {
    const existing = new Set((await admin.listGroups()).groups.map((g) => g.groupId));
    const mine = groups.filter((g) => existing.has(g));
    if (mine.length > 0) await admin.deleteGroups(mine);
  }, opts);
}

export interface PartitionOffsets {
  readonly partition: number;
  /** Log start offset. */
  readonly low: number;
  /** Log end offset (high watermark as a client sees it). */
  readonly high: number;
}

/**
 * A moment of a leadership change (a broker just stopped or came back): kafkajs gives up on
 * LEADER_NOT_AVAILABLE / NOT_LEADER_OR_FOLLOWER / OFFSET_NOT_AVAILABLE (a new leader whose high
 * watermark has not caught up yet) after its own short retries, yet the next try a second later succeeds.
 */
export function isLeadershipMoment(error: unknown): boolean {
  const m = error instanceof Error ? `${error.name} ${error.message}` : String(error);
  return /leadership election|LEADER_NOT_AVAILABLE|NOT_LEADER|not the leader|no leader|OFFSET_NOT_AVAILABLE|high watermark has not caught up/i.test(m);
}

/** Start and end offsets of every partition of a topic, sorted by partition; retried through a leadership change (30 s). */
export async function topicOffsets(d: ConnectionDescriptor, topic: string, opts: ClientOptions = {}): Promise<PartitionOffsets[]> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      return await withAdmin(d, async (admin) => {
        const rows = await admin.fetchTopicOffsets(topic);
        return rows.map((r) => ({ partition: r.partition, low: Number(r.low), high: Number(r.high) })).sort((a, b) => a.partition - b.partition);
      }, opts);
    } catch (error) {
      if (!isLeadershipMoment(error) || Date.now() >= deadline) throw error;
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
}

/** The first offset of each partition whose timestamp is at or after `timestamp` (the end offset when none is). */
export async function offsetsForTimestamp(d: ConnectionDescriptor, topic: string, timestamp: number, opts: ClientOptions = {}): Promise<Map<number, number>> {
  return withAdmin(d, async (admin) => {
    const rows = await admin.fetchTopicOffsetsByTimestamp(topic, timestamp);
    return new Map(rows.map((r) => [r.partition, Number(r.offset)]));
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

/** Delete every ACL binding (any resource, pattern, operation, permission) of one principal. */
export async function deleteAclsOf(d: ConnectionDescriptor, principal: string, opts: ClientOptions = {}): Promise<void> {
  await withAdmin(d, (admin) =>
    admin.deleteAcls({
      filters: [
        {
          principal,
          resourceType: AclResourceTypes.ANY,
          resourcePatternType: ResourcePatternTypes.ANY,
          operation: AclOperationTypes.ANY,
          permissionType: AclPermissionTypes.ANY,
        },
      ],
    }), opts);
}
