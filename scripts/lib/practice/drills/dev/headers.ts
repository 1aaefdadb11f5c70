import { randomUUID } from 'node:crypto';
import { deleteTopicsIfPresent, produceRecords, readTopic } from '../../../kafka/index.ts';
import { grade, notTried, partitionsOf, seedTopic } from '../kit/kit.ts';
import type { Drill } from '../kit/types.ts';

const TOPIC = 'dev-headers';
const MIN = 5;
const SOURCE = 'billing';

export const headers: Drill = {
  id: 'headers',
  title: 'Carry metadata in record headers',
  track: 'dev',
  domain: 'producers',
  difficulty: 'easy',
  minutes: 10,
  needs: { minBrokers: 1, mode: 'any', security: 'any' },
  task: () =>
    [
      `Write at least ${MIN} records (any keys and values) to '${TOPIC}'. Each record carries two headers:`,
      `'source' with the value '${SOURCE}', and 'trace-id' with a value unique to that record (e.g. a UUID).`,
      'Every record in the topic is graded, so do not write any without them.',
    ].join('\n'),
  async setup(ctx) {
    await seedTopic(ctx, TOPIC, { partitions: 1, count: 0 });
    return {};
  },
  async check(ctx) {
    if (!(await partitionsOf(ctx, TOPIC))) return [notTried(`topic '${TOPIC}' exists`, `topic '${TOPIC}' is gone`)];
    const records = await readTopic(await ctx.live(), TOPIC);
    const traces = records.map((r) => r.headers['trace-id']).filter((t): t is string => Boolean(t));
    return [
      await grade(`at least ${MIN} records`, async () => ({ ok: records.length >= MIN, saw: `${records.length} records` })),
      await grade(`every record has header source=${SOURCE}`, async () => {
        const bad = records.filter((r) => r.headers.source !== SOURCE);
        return { ok: records.length > 0 && bad.length === 0, saw: bad.length === 0 ? `${records.length} of ${records.length}` : `offsets ${bad.slice(0, 5).map((r) => `${r.offset} (source=${r.headers.source ?? 'missing'})`).join(', ')}` };
      }),
      await grade('every record has its own trace-id header', async () => ({
        ok: records.length > 0 && traces.length === records.length && new Set(traces).size === traces.length,
        saw: `${traces.length} of ${records.length} have one, ${new Set(traces).size} distinct`,
      })),
    ];
  },
  hints: [
    'Headers are key/value pairs next to the record\'s key and value (Kafka 0.11+): the record stays unchanged for consumers that ignore them.',
    'Java: record.headers().add("source", bytes); kafkajs: send({ messages: [{ value, headers: { source: "billing", "trace-id": id } }] }); kcat: -H source=billing -H trace-id=…',
    'kafka-console-producer.sh can too: --property parse.headers=true, lines like source:billing,trace-id:1\tvalue (headers, a tab, the value).',
  ],
  solution: {
    steps: [`send ${MIN} records with headers { source: '${SOURCE}', 'trace-id': <a new UUID> }`],
    async run(ctx) {
      ctx.say(`producing ${MIN} records to '${TOPIC}' with headers source=${SOURCE} and a UUID trace-id each`);
      await produceRecords(ctx.d, TOPIC, Array.from({ length: MIN }, (_, i) => ({ key: `invoice-${i}`, value: `invoice ${i}`, headers: { source: SOURCE, 'trace-id': randomUUID() } })));
    },
  },
  explain: [
    'Record headers (KIP-82) carry metadata (tracing ids, content types, origins) without touching the',
    'payload: routers and tracers read them without deserializing the value. Header keys are strings and',
    'may repeat; values are bytes. They are stored in the record batch, count toward the record size, and',
    'are kept by compaction with the record they belong to.',
  ].join('\n'),
  async reset(ctx) {
    await deleteTopicsIfPresent(ctx.d, [TOPIC]);
  },
};
