import { deleteTopicsIfPresent, produceRecords, readTopic } from '../../../kafka/index.ts';
import { grade, notTried, partitionsOf, seedTopic } from '../kit/kit.ts';
import { javaHashCode } from './consume-transform-produce.ts';
import type { Drill } from '../kit/types.ts';

const TOPIC = 'dev-vip';
const PARTITIONS = 4;
const VIP_PARTITION = 0;
const CUSTOMERS = [...['vip-ada', 'vip-grace', 'vip-linus'], ...Array.from({ length: 9 }, (_, i) => `cust-${101 + i}`)];
const EVENTS = 4;

export const isVip = (key: string): boolean => key.startsWith('vip-');

/** A partitioner that fits the task: VIP keys to partition 0, every other key hashed over the rest. */
export function vipPartition(key: string, partitions: number): number {
  if (isVip(key)) return VIP_PARTITION;
  const h = javaHashCode(key) & 0x7fffffff;
  return 1 + (h % (partitions - 1));
}

/** Per key, the partitions its records are in. */
export function partitionsByKey(records: readonly { key: string | null; partition: number }[]): Map<string, number[]> {
  const out = new Map<string, Set<number>>();
  for (const r of records) if (r.key !== null) out.set(r.key, (out.get(r.key) ?? new Set()).add(r.partition));
  return new Map([...out].map(([k, s]) => [k, [...s].sort((a, b) => a - b)]));
}

export const customPartitioner: Drill = {
  id: 'custom-partitioner',
  title: 'Route keys to partitions with a custom partitioner',
  track: 'dev',
  domain: 'topics-and-partitions',
  difficulty: 'medium',
  minutes: 20,
  needs: { minBrokers: 1, mode: 'any', security: 'any' },
  task: () =>
    [
      `'${TOPIC}' has ${PARTITIONS} partitions; partition ${VIP_PARTITION} is served by a dedicated, faster consumer. Write ${EVENTS} events (values`,
      `"<key> event 0" … "<key> event ${EVENTS - 1}") for each of these customers, keyed by customer id:`,
      `  ${CUSTOMERS.join(', ')}`,
      `with a custom partitioner (or explicit partitions computed by your code) so that:`,
      `- every record of a customer whose id starts with "vip-" is in partition ${VIP_PARTITION}, and no other record is;`,
      `- each other customer's records are all in one partition of 1 … ${PARTITIONS - 1}, and those customers use at least 2 of them.`,
    ].join('\n'),
  async setup(ctx) {
    await seedTopic(ctx, TOPIC, { partitions: PARTITIONS, count: 0 });
    return {};
  },
  async check(ctx) {
    if (!(await partitionsOf(ctx, TOPIC))) return [notTried(`topic '${TOPIC}' exists`, 'it is gone: start the drill again')];
    const records = await readTopic(await ctx.live(), TOPIC);
    const by = partitionsByKey(records);
    const vips = CUSTOMERS.filter(isVip);
    const others = CUSTOMERS.filter((c) => !isVip(c));
    const want = new Set(CUSTOMERS.flatMap((c) => Array.from({ length: EVENTS }, (_, i) => `${c}|${c} event ${i}`)));
    const got = records.map((r) => `${r.key}|${r.value}`);
    const missing = [...want].filter((w) => !got.includes(w));
    const strangers = got.filter((g) => !want.has(g));
    const intruders = records.filter((r) => r.partition === VIP_PARTITION && !(r.key !== null && isVip(r.key)));
    const used = new Set(others.flatMap((c) => by.get(c) ?? []));
    return [
      await grade(`the ${CUSTOMERS.length * EVENTS} events, each once`, async () => ({
        ok: missing.length === 0 && strangers.length === 0 && got.length === want.size,
        saw: `${got.length} records${missing.length > 0 ? `; missing e.g. '${missing[0]!.replace('|', ': ')}' (${missing.length})` : ''}${strangers.length > 0 ? `; ${strangers.length} not asked for` : ''}`,
      })),
      await grade(`every VIP record in partition ${VIP_PARTITION}`, async () => ({
        ok: vips.every((v) => (by.get(v) ?? []).join() === String(VIP_PARTITION)),
        saw: vips.map((v) => `${v} in [${(by.get(v) ?? []).join(',')}]`).join(', '),
      })),
      await grade(`nothing else in partition ${VIP_PARTITION}`, async () => ({
        ok: records.length > 0 && intruders.length === 0,
        saw: records.length === 0 ? 'no records at all' : intruders.length === 0 ? `only VIP records (${records.filter((r) => r.partition === VIP_PARTITION).length})` : `${intruders.length} other records, e.g. key ${intruders[0]!.key ?? 'null'}`,
      })),
      await grade(`each other customer in one partition of 1 … ${PARTITIONS - 1}, at least 2 of them used`, async () => {
        const split = others.filter((c) => (by.get(c) ?? []).length > 1);
        return {
          ok: others.every((c) => (by.get(c) ?? []).length === 1) && used.size >= 2 && !used.has(VIP_PARTITION),
          saw: `partitions used [${[...used].sort((a, b) => a - b).join(',')}]${split.length > 0 ? `; split over several: ${split.join(', ')}` : ''}${others.some((c) => !by.has(c)) ? `; no records for ${others.filter((c) => !by.has(c)).join(', ')}` : ''}`,
        };
      }),
    ];
  },
  hints: [
    'The default partitioner hashes the key over ALL partitions, so some ordinary customers would land in partition 0. You need your own rule: VIP → 0, others → 1 + hash(key) % (partitions - 1).',
    'Java: implement org.apache.kafka.clients.producer.Partitioner (partition(topic, key, keyBytes, value, valueBytes, cluster)) and set partitioner.class; kafkajs: producer({ createPartitioner: () => ({ topic, partitionMetadata, message }) => n }); or compute the partition yourself and pass it with each record.',
    'Keep the hash stable (not random, not time-based): the same key must always give the same partition, or its events lose their order.',
  ],
  solution: {
    steps: [`partition = key starts with "vip-" ? 0 : 1 + (javaHash(key) & 0x7fffffff) % 3; send ${EVENTS} events per customer with that partition`],
    async run(ctx) {
      const records = Array.from({ length: EVENTS }, (_, i) => CUSTOMERS.map((key) => ({ key, value: `${key} event ${i}`, partition: vipPartition(key, PARTITIONS) }))).flat();
      ctx.say(`producing ${records.length} records: ${CUSTOMERS.map((c) => `${c}→p${vipPartition(c, PARTITIONS)}`).join(', ')}`);
      await produceRecords(ctx.d, TOPIC, records);
    },
  },
  explain: [
    'The producer, not the broker, chooses the partition: an explicit partition in the record wins, else the',
    'partitioner decides (by default murmur2(key) modulo the partition count, or sticky batching for null keys).',
    'A custom partitioner can reserve partitions for a class of keys, as long as it is deterministic per key so',
    'per-key order holds. The cost: skew (partition 0 carries all VIP traffic), and every producer of the topic',
    'must use the same rule, or a key ends up in two partitions.',
  ].join('\n'),
  async reset(ctx) {
    await deleteTopicsIfPresent(ctx.d, [TOPIC]);
  },
};
