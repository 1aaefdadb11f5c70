import { deleteTopicsIfPresent, produceRecords, type ReadRecord, readTopic } from '../../../kafka/index.ts';
import { grade, notTried, partitionsOf, seedTopic } from '../kit/kit.ts';
import type { Drill } from '../kit/types.ts';

const TOPIC = 'dev-ordering';
const ACCOUNTS = ['acct-1', 'acct-2', 'acct-3', 'acct-4', 'acct-5'];
const EVENTS = 10;

export interface KeyOrder {
  readonly key: string;
  readonly partitions: number[];
  /** Values in the order a consumer of those partitions sees them. */
  readonly values: string[];
}

/** Per key: the partitions its records are in and the values in offset order (partition by partition). */
export function ordersByKey(records: readonly ReadRecord[]): Map<string, KeyOrder> {
  const out = new Map<string, { partitions: Set<number>; values: string[] }>();
  for (const r of [...records].sort((a, b) => a.partition - b.partition || a.offset - b.offset)) {
    if (r.key === null) continue;
    const e = out.get(r.key) ?? { partitions: new Set<number>(), values: [] };
    e.partitions.add(r.partition);
    e.values.push(r.value ?? 'null');
    out.set(r.key, e);
  }
  return new Map([...out].map(([key, e]) => [key, { key, partitions: [...e.partitions], values: e.values }]));
}

const inOrder = (values: readonly string[]): boolean => values.length === EVENTS && values.every((v, i) => v === String(i));

export const orderingByKey: Drill = {
  id: 'ordering-by-key',
  title: "Keep each account's events in order with keys",
  track: 'dev',
  domain: 'topics-and-partitions',
  difficulty: 'easy',
  minutes: 15,
  needs: { minBrokers: 1, mode: 'any', security: 'any' },
  task: () =>
    [
      `Topic '${TOPIC}' has 6 partitions. Write the ${EVENTS} events of each of the accounts ${ACCOUNTS.join(', ')} to it`,
      `(${ACCOUNTS.length * EVENTS} records), so that every consumer sees each account's events in order:`,
      `key = the account id, value = the event's sequence number 0 … ${EVENTS - 1} as text, sent in that order.`,
      'Kafka orders records only within a partition: make sure all events of an account land in the same one.',
    ].join('\n'),
  async setup(ctx) {
    await seedTopic(ctx, TOPIC, { partitions: 6, count: 0 });
    return {};
  },
  async check(ctx) {
    if (!(await partitionsOf(ctx, TOPIC))) return [notTried(`topic '${TOPIC}' exists`, `topic '${TOPIC}' is gone`)];
    const records = await readTopic(await ctx.live(), TOPIC);
    const by = ordersByKey(records);
    const keys = ACCOUNTS.map((a) => by.get(a));
    return [
      await grade(`${ACCOUNTS.length * EVENTS} records, keyed by account`, async () => ({
        ok: records.length === ACCOUNTS.length * EVENTS && keys.every((k) => k?.values.length === EVENTS),
        saw: `${records.length} records; ${ACCOUNTS.map((a) => `${a}: ${by.get(a)?.values.length ?? 0}`).join(', ')}${records.some((r) => r.key === null) ? `; ${records.filter((r) => r.key === null).length} without a key` : ''}`,
      })),
      await grade('each account in exactly one partition', async () => ({
        ok: keys.every((k) => k?.partitions.length === 1),
        saw: ACCOUNTS.map((a) => `${a} in [${by.get(a)?.partitions.join(',') ?? ''}]`).join(', '),
      })),
      await grade(`each account's events read back in order 0 … ${EVENTS - 1}`, async () => ({
        ok: keys.every((k) => k !== undefined && inOrder(k.values)),
        saw: ACCOUNTS.map((a) => `${a}: ${(by.get(a)?.values ?? []).join(' ')}`).join('; '),
      })),
    ];
  },
  hints: [
    'The default partitioner hashes the key (murmur2) modulo the partition count: the same key always goes to the same partition while the count does not change.',
    'Records without a key are spread over partitions (sticky or round-robin): their order across partitions is lost. So is the order of a key you send to explicit, different partitions.',
    'for i in 0..9, for each account: send(key=account, value=String(i)); with kafka-console-producer.sh use --property parse.key=true --property key.separator=: and lines like acct-1:0',
  ],
  solution: {
    steps: ['send acct-1:0 … acct-5:9 in sequence order, key = account id (the default partitioner keeps each key on one partition)'],
    async run(ctx) {
      const records = Array.from({ length: EVENTS }, (_, i) => ACCOUNTS.map((key) => ({ key, value: String(i) }))).flat();
      ctx.say(`producing ${records.length} keyed records (idempotent, acks=all) in sequence order`);
      await produceRecords(ctx.d, TOPIC, records);
    },
  },
  explain: [
    'Kafka guarantees order only inside one partition. The key chooses the partition (murmur2 hash modulo the',
    'partition count), so all records of a key are in one partition, in the order the producer sent them;',
    'an idempotent producer keeps that order even with retries and several requests in flight. Adding',
    'partitions later changes where keys hash to: plan the partition count up front for keyed topics.',
  ].join('\n'),
  async reset(ctx) {
    await deleteTopicsIfPresent(ctx.d, [TOPIC]);
  },
};
