/**
 * Records for the drills: produce with exact keys, null values, headers, timestamps and
 * transactions; read a whole topic back with everything a grader looks at; consume a topic to its
 * end committing as a careful application does. The record shapes here are shared with
 * process-topic.ts.
 */
import { CompressionTypes, Partitioners, type IHeaders, type KafkaMessage, type Message } from 'kafkajs';
import type { ConnectionDescriptor } from '../cluster/index.ts';
import { deleteGroupsIfPresent } from './admin-groups.ts';
import { topicOffsets } from './admin-topics.ts';
import { kafkaFor, type ClientOptions } from './connection.ts';
import { awaitGroupCoordinator } from './admin-groups.ts';

export interface DrillRecord {
  /** @default null */
  readonly key?: string | null;
  /** `null` is a tombstone. */
  readonly value: string | null;
  /** @default - the default partitioner's choice */
  readonly partition?: number;
  /** @default - no headers */
  readonly headers?: Readonly<Record<string, string>>;
  /** CreateTime in ms since the epoch. @default - now */
  readonly timestamp?: number;
}

export interface ProduceOptions extends ClientOptions {
  /** @default true */
  readonly idempotent?: boolean;
  /**
   * Write in one transaction with this transactional.id; `abort` ends it with an abort marker.
   * @default - no transaction
   */
  readonly transaction?: { readonly id: string; readonly abort?: boolean };
  /** Compress each batch with gzip (the codec kafkajs has built in). @default none */
  readonly gzip?: boolean;
  /** Send this many records per request (one batch per partition each). @default all in one */
  readonly perRequest?: number;
}

/** The kafkajs message of a drill record. */
export const toMessage = (r: DrillRecord): Message => ({
  key: r.key ?? null,
  value: r.value,
  ...(r.partition !== undefined ? { partition: r.partition } : {}),
  ...(r.headers ? { headers: { ...r.headers } } : {}),
  ...(r.timestamp !== undefined ? { timestamp: String(r.timestamp) } : {}),
});

/** Produce with acks=all, in order, in one request (or one transaction). */
export async function produceRecords(d: ConnectionDescriptor, topic: string, records: readonly DrillRecord[], opts: ProduceOptions = {}): Promise<void> {
  const tx = opts.transaction;
  const producer = kafkaFor(d, opts).producer({
    createPartitioner: Partitioners.DefaultPartitioner,
    idempotent: tx ? true : opts.idempotent ?? true,
    allowAutoTopicCreation: false,
    ...(tx ? { transactionalId: tx.id, maxInFlightRequests: 1 } : {}),
  });
  await producer.connect();
  try {
    if (tx) {
      const t = await producer.transaction();
      try {
        await t.send({ topic, acks: -1, messages: records.map(toMessage) });
      } catch (error) {
        await t.abort().catch(() => undefined);
        throw error;
      }
      await (tx.abort ? t.abort() : t.commit());
    } else {
      const step = opts.perRequest ?? Math.max(1, records.length);
      for (let i = 0; i < records.length; i += step) {
        await producer.send({ topic, acks: -1, messages: records.slice(i, i + step).map(toMessage), ...(opts.gzip ? { compression: CompressionTypes.GZIP } : {}) });
      }
    }
  } finally {
    await producer.disconnect();
  }
}

export interface ReadRecord {
  readonly partition: number;
  readonly offset: number;
  readonly key: string | null;
  /** `null` for a tombstone; '' for an empty value. */
  readonly value: string | null;
  readonly headers: Readonly<Record<string, string>>;
  readonly timestamp: number;
}

const headersOf = (h: IHeaders | undefined): Record<string, string> =>
  Object.fromEntries(
    Object.entries(h ?? {}).flatMap(([k, v]) => (v === undefined ? [] : [[k, (Array.isArray(v) ? v[v.length - 1]! : v).toString()]])),
  );

export interface ReadOptions extends ClientOptions {
  /** read_uncommitted sees records of open and aborted transactions too. @default false */
  readonly readUncommitted?: boolean;
  /** Give up after this long. @default 30000 */
  readonly timeoutMs?: number;
  /** Stop when no record came for this long after the first fetch (transaction markers are never delivered). @default 2500 */
  readonly idleMs?: number;
}

/** A record as read, from a kafkajs message of `partition`. */
export const readRecordOf = (partition: number, m: KafkaMessage): ReadRecord => ({
  partition,
  offset: Number(m.offset),
  key: m.key === null ? null : m.key.toString(),
  value: m.value === null ? null : m.value.toString(),
  headers: headersOf(m.headers),
  timestamp: Number(m.timestamp),
});

/**
 * Read a whole topic, from the start to the end offsets it has when called, with a throwaway
 * group (deleted after; nothing is committed). Sorted by partition, then offset.
 */
export async function readTopic(d: ConnectionDescriptor, topic: string, opts: ReadOptions = {}): Promise<ReadRecord[]> {
  const ends = await topicOffsets(d, topic, opts);
  const pending = new Map(ends.filter((e) => e.high > e.low).map((e) => [e.partition, e.high]));
  const seen: ReadRecord[] = [];
  if (pending.size === 0) return seen;
  const groupId = `kafkalab-drill-read-${process.pid}-${Date.now().toString(36)}`;
  await awaitGroupCoordinator(d, groupId);
  const consumer = kafkaFor(d, opts).consumer({
    groupId,
    sessionTimeout: 10_000,
    heartbeatInterval: 1000,
    readUncommitted: opts.readUncommitted ?? false,
    maxWaitTimeInMs: 500,
  });
  let timer: NodeJS.Timeout | undefined;
  let idle: NodeJS.Timeout | undefined;
  try {
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      timer = setTimeout(resolve, opts.timeoutMs ?? 30_000);
      const poke = (): void => {
        clearTimeout(idle);
        idle = setTimeout(resolve, opts.idleMs ?? 2500);
      };
      // The idle clock starts once the group is joined: joining can take seconds on a cluster that
      // just moved a group coordinator (after a broker restart), and that is not "no more records".
      consumer.on(consumer.events.GROUP_JOIN, poke);
      consumer.on(consumer.events.CRASH, (e) => {
        if (!e.payload.restart) reject(e.payload.error);
      });
      consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: true,
        eachBatch: async ({ batch }) => {
          for (const m of batch.messages) {
            seen.push(readRecordOf(batch.partition, m));
            const end = pending.get(batch.partition);
            if (end !== undefined && Number(m.offset) >= end - 1) pending.delete(batch.partition);
          }
          if (pending.size === 0) resolve();
          else poke();
        },
      }).catch(reject);
    });
  } finally {
    clearTimeout(timer);
    clearTimeout(idle);
    await consumer.disconnect().catch(() => undefined);
    await deleteGroupsIfPresent(d, [groupId], opts).catch(() => undefined);
  }
  return seen.sort((a, b) => a.partition - b.partition || a.offset - b.offset);
}

export interface ConsumeAndCommitOptions extends ClientOptions {
  /** Fail when the end is not reached within this long. @default 60000 */
  readonly timeoutMs?: number;
}

/**
 * Consume a topic to its end as `groupId` with auto-commit off, committing the next offset of
 * each partition after processing (what a careful application does). Returns the records read.
 */
export async function consumeAndCommit(d: ConnectionDescriptor, topic: string, groupId: string, opts: ConsumeAndCommitOptions = {}): Promise<number> {
  const ends = await topicOffsets(d, topic, opts);
  const pending = new Map(ends.filter((e) => e.high > e.low).map((e) => [e.partition, e.high]));
  await awaitGroupCoordinator(d, groupId);
  const consumer = kafkaFor(d, opts).consumer({ groupId, sessionTimeout: 10_000, heartbeatInterval: 1000 });
  let count = 0;
  let timer: NodeJS.Timeout | undefined;
  try {
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`consumed ${count} records of '${topic}' but did not reach its end within ${(opts.timeoutMs ?? 60_000) / 1000}s`)), opts.timeoutMs ?? 60_000);
      if (pending.size === 0) resolve();
      void consumer.run({
        autoCommit: false,
        eachMessage: async ({ partition, message }) => {
          count++;
          const next = Number(message.offset) + 1;
          await consumer.commitOffsets([{ topic, partition, offset: String(next) }]);
          const end = pending.get(partition);
          if (end !== undefined && next >= end) pending.delete(partition);
          if (pending.size === 0) resolve();
        },
      });
    });
  } finally {
    clearTimeout(timer);
    await consumer.disconnect().catch(() => undefined);
  }
  return count;
}
