/**
 * Data through the cluster (Kafka's Produce and Fetch APIs) for the checks and tests: produce a
 * few records with acks=all, read a topic back until a condition holds, and read as one consumer
 * group with the broker's refusal reported as it is.
 */
import { Kafka, Partitioners, logLevel } from 'kafkajs';
import type { ConnectionDescriptor } from '../cluster/index.ts';
import { kafkaFor, kafkajsConfigFrom, withAdmin, type ClientOptions } from './connection.ts';
import { awaitGroupCoordinator } from './admin-groups.ts';

export interface OutRecord {
  /** @default - no key (null) */
  readonly key?: string;
  /** Text, or bytes (e.g. a schema registry's encoding). */
  readonly value: string | Buffer;
  /** @default - the default partitioner's choice */
  readonly partition?: number;
  /** @default - no headers */
  readonly headers?: Readonly<Record<string, string>>;
}

/** Produce with acks=all and an idempotent producer, bootstrapping through `bootstrap` only. */
export async function produce(
  d: ConnectionDescriptor,
  topic: string,
  records: readonly OutRecord[],
  opts: ClientOptions = {},
): Promise<void> {
  const producer = kafkaFor(d, opts).producer({
    createPartitioner: Partitioners.DefaultPartitioner,
    idempotent: true,
    allowAutoTopicCreation: false,
  });
  await producer.connect();
  try {
    await producer.send({
      topic,
      acks: -1,
      messages: records.map((r) => ({
        key: r.key ?? null,
        value: r.value,
        ...(r.partition !== undefined ? { partition: r.partition } : {}),
        ...(r.headers ? { headers: { ...r.headers } } : {}),
      })),
    });
  } finally {
    await producer.disconnect();
  }
}

export interface InRecord {
  readonly partition: number;
  readonly offset: string;
  readonly key: string | null;
  readonly value: string | null;
  /** The value as it came (e.g. for a schema registry's decoder), where the reader keeps it. @default - not kept */
  readonly valueBytes?: Buffer | null;
}

export interface ConsumeUntilOptions extends ClientOptions {
  /** Stop waiting after this long and return what was read. @default 60000 */
  readonly timeoutMs?: number;
  /** The consumer group (deleted afterwards). @default - a fresh `kafkalab-read-<pid>-<time>` */
  readonly groupId?: string;
}

/**
 * Read a topic from the beginning with a fresh consumer group until `done(records)` is true or the
 * timeout passes; returns what was read either way.
 */
export async function consumeUntil(
  d: ConnectionDescriptor,
  topic: string,
  done: (records: readonly InRecord[]) => boolean,
  opts: ConsumeUntilOptions = {},
): Promise<InRecord[]> {
  const groupId = opts.groupId ?? `kafkalab-read-${process.pid}-${Date.now()}`;
  await awaitGroupCoordinator(d, groupId);
  const consumer = kafkaFor(d, opts).consumer({ groupId, sessionTimeout: 10_000, heartbeatInterval: 1000 });
  const seen: InRecord[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    let finish: () => void = () => {};
    const finished = new Promise<void>((r) => {
      finish = r;
    });
    await consumer.run({
      eachMessage: async ({ partition, message }) => {
        seen.push({
          partition,
          offset: message.offset,
          key: message.key ? message.key.toString() : null,
          value: message.value ? message.value.toString() : null,
          valueBytes: message.value ?? null,
        });
        if (done(seen)) finish();
      },
    });
    // A live (not unref'd) timer: while kafkajs's sockets sit idle it is what keeps the process
    // waiting, instead of exiting with an unsettled promise.
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((r) => {
      timer = setTimeout(r, opts.timeoutMs ?? 60_000);
    });
    await Promise.race([finished, timeout]);
    clearTimeout(timer);
    return seen;
  } finally {
    await consumer.disconnect();
    await withAdmin(d, (admin) => admin.deleteGroups([groupId])).catch(() => undefined);
  }
}

export interface ConsumeAsOptions extends ClientOptions {
  readonly groupId: string;
  /** Stop waiting after this long and return what was read. @default 30000 */
  readonly timeoutMs?: number;
  /** kafkajs retries per request (one, so a refusal comes back fast). @default 1 */
  readonly retries?: number;
}

/**
 * Read a topic as one consumer group until `count` records came or the timeout passed; fails
 * fast (rejects) with Kafka's own error when the broker refuses, e.g. an authorization failure.
 */
export async function consumeAs(d: ConnectionDescriptor, topic: string, count: number, opts: ConsumeAsOptions): Promise<InRecord[]> {
  // kafkajs drops the broker's answer when no broker finds a coordinator (e.g. the group is not
  // authorized) and reports "coordinator not found"; its debug log still has the real error.
  let refusal: Error | undefined;
  await awaitGroupCoordinator(d, opts.groupId);
  const kafka = new Kafka({
    ...kafkajsConfigFrom(d, { ...opts, retries: opts.retries ?? 1 }),
    logLevel: logLevel.DEBUG,
    logCreator: () => (entry) => {
      const err = (entry.log as { error?: unknown }).error as { type?: string; message?: string } | undefined;
      if (!refusal && err && typeof err === 'object' && /AUTHORIZATION_FAILED/.test(err.type ?? '')) {
        refusal = Object.assign(new Error(`${err.type}: ${err.message ?? ''}`), { type: err.type });
      }
    },
  });
  const consumer = kafka.consumer({
    groupId: opts.groupId,
    sessionTimeout: 10_000,
    heartbeatInterval: 1000,
    retry: { retries: 1, restartOnFailure: async () => false },
  });
  const seen: InRecord[] = [];
  let timer: NodeJS.Timeout | undefined;
  try {
    await consumer.connect();
    const outcome = new Promise<void>((resolve, reject) => {
      consumer.on(consumer.events.CRASH, (e) => reject(refusal ?? e.payload.error));
      timer = setTimeout(resolve, opts.timeoutMs ?? 30_000);
      void consumer.subscribe({ topic, fromBeginning: true }).then(() =>
        consumer.run({
          // Never moves the group's committed offsets: reading is all a check may do.
          autoCommit: false,
          eachMessage: async ({ partition, message }) => {
            seen.push({ partition, offset: message.offset, key: message.key?.toString() ?? null, value: message.value?.toString() ?? null });
            if (seen.length >= count) resolve();
          },
        }),
      ).catch((e: unknown) => reject(refusal ?? e));
    });
    await outcome;
    return seen;
  } finally {
    clearTimeout(timer);
    await consumer.disconnect().catch(() => undefined);
  }
}
