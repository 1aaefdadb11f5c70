/**
 * A small stream processor for the drills (consume, transform, produce, commit), in steps:
 * 1. find where to start on each partition of the input: `startAt`, else the group's committed
 *    offset, else the partition's start; and where to stop: the end offsets it has when called;
 * 2. read the input as the group, batch by batch, turning each record into zero or more outputs;
 * 3. write a batch's outputs (acks=all, idempotent) and commit its input offsets, in one
 *    transaction when a transactional.id is given, else one after the other;
 * 4. stop when every partition reached its end offset, or fail at the timeout.
 */
import { Partitioners, type Message } from 'kafkajs';
import type { ConnectionDescriptor } from '../cluster/index.ts';
import { committedOffsets } from './admin-groups.ts';
import { topicOffsets } from './admin-topics.ts';
import { kafkaFor, type ClientOptions } from './connection.ts';
import { awaitGroupCoordinator } from './admin-groups.ts';
import { readRecordOf, toMessage, type DrillRecord, type ReadRecord } from './records.ts';

/** A record to write to `topic`, made from one input record. */
export interface Routed {
  readonly topic: string;
  readonly record: DrillRecord;
}

export interface ProcessOptions extends ClientOptions {
  readonly groupId: string;
  /**
   * Write each batch's outputs and commit its input offsets in one transaction (sendOffsets)
   * with this transactional.id; without it the outputs are sent, then the offsets committed.
   * @default - no transaction: outputs sent, then offsets committed
   */
  readonly transactionalId?: string;
  /**
   * Seek here (partition → offset) instead of the group's committed offsets; other partitions are paused.
   * @default - the group's committed offsets, else each partition's start
   */
  readonly startAt?: ReadonlyMap<number, number>;
  /** Commit the input offsets as `groupId`. @default true */
  readonly commit?: boolean;
  /** Fail when the input's end is not reached within this long. @default 60000 */
  readonly timeoutMs?: number;
}

/**
 * A small stream processor: read `input` as `groupId` from its committed offsets (or the
 * beginning, or `startAt`) up to the end offsets it has when called, turn each record into
 * zero or more outputs, write them (acks=all, idempotent) and commit. Returns what it did.
 */
export async function processTopic(
  d: ConnectionDescriptor,
  input: string,
  handle: (r: ReadRecord) => readonly Routed[],
  opts: ProcessOptions,
): Promise<{ read: number; written: number }> {
  const ends = await topicOffsets(d, input, opts);
  const committed = opts.startAt ? undefined : await committedOffsets(d, opts.groupId, input, opts);
  const start = new Map(
    ends.flatMap((e) => {
      if (opts.startAt) return opts.startAt.has(e.partition) ? [[e.partition, Math.max(e.low, opts.startAt.get(e.partition)!)] as const] : [];
      const c = committed!.get(e.partition) ?? -1;
      return [[e.partition, c >= 0 ? c : e.low] as const];
    }),
  );
  const pending = new Map(ends.filter((e) => (start.get(e.partition) ?? e.high) < e.high).map((e) => [e.partition, e.high]));
  const commit = opts.commit ?? true;
  await awaitGroupCoordinator(d, opts.groupId);
  const kafka = kafkaFor(d, opts);
  const consumer = kafka.consumer({ groupId: opts.groupId, sessionTimeout: 10_000, heartbeatInterval: 1000, readUncommitted: false, maxWaitTimeInMs: 500 });
  const tx = opts.transactionalId;
  const producer = kafka.producer({
    createPartitioner: Partitioners.DefaultPartitioner,
    idempotent: true,
    allowAutoTopicCreation: false,
    ...(tx ? { transactionalId: tx, maxInFlightRequests: 1 } : {}),
  });
  let read = 0;
  let written = 0;
  let timer: NodeJS.Timeout | undefined;
  if (pending.size === 0) return { read, written };
  await producer.connect();
  try {
    await consumer.connect();
    await consumer.subscribe({ topic: input, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const ms = opts.timeoutMs ?? 60_000;
      timer = setTimeout(() => reject(new Error(`read ${read} records of '${input}' but did not reach its end within ${ms / 1000}s`)), ms);
      consumer
        .run({
          autoCommit: false,
          eachBatchAutoResolve: false,
          eachBatch: async ({ batch, resolveOffset, heartbeat }) => {
            const end = pending.get(batch.partition);
            const from = start.get(batch.partition) ?? Number.MAX_SAFE_INTEGER;
            if (end === undefined) return;
            const mine = batch.messages.filter((m) => Number(m.offset) >= from && Number(m.offset) < end);
            if (mine.length === 0) return;
            const records = mine.map((m) => readRecordOf(batch.partition, m));
            const outs = records.flatMap(handle);
            const next = records[records.length - 1]!.offset + 1;
            const byTopic = new Map<string, Message[]>();
            for (const o of outs) byTopic.set(o.topic, [...(byTopic.get(o.topic) ?? []), toMessage(o.record)]);
            const topicMessages = [...byTopic].map(([topic, messages]) => ({ topic, messages }));
            const offsets = { topics: [{ topic: input, partitions: [{ partition: batch.partition, offset: String(next) }] }] };
            if (tx) {
              const t = await producer.transaction();
              try {
                if (topicMessages.length > 0) await t.sendBatch({ acks: -1, topicMessages });
                if (commit) await t.sendOffsets({ consumerGroupId: opts.groupId, ...offsets });
              } catch (error) {
                await t.abort().catch(() => undefined);
                throw error;
              }
              await t.commit();
            } else {
              if (topicMessages.length > 0) await producer.sendBatch({ acks: -1, topicMessages });
              if (commit) await consumer.commitOffsets(offsets.topics[0]!.partitions.map((p) => ({ topic: input, ...p })));
            }
            read += records.length;
            written += outs.length;
            for (const r of records) resolveOffset(String(r.offset));
            if (next >= end) pending.delete(batch.partition);
            if (pending.size === 0) resolve();
            // A heartbeat refused during a rebalance must not undo a batch already committed.
            else await heartbeat().catch(() => undefined);
          },
        })
        .then(() => {
          const skip = ends.map((e) => e.partition).filter((p) => !start.has(p));
          if (skip.length > 0) consumer.pause([{ topic: input, partitions: skip }]);
          if (opts.startAt) for (const [partition, offset] of start) consumer.seek({ topic: input, partition, offset: String(offset) });
        })
        .catch(reject);
    });
  } finally {
    clearTimeout(timer);
    await consumer.disconnect().catch(() => undefined);
    await producer.disconnect().catch(() => undefined);
  }
  return { read, written };
}
