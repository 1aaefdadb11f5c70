import { deleteTopicsIfPresent, produceRecords, readTopic } from '../../../kafka/index.ts';
import { grade, notTried, partitionsOf, seedTopic } from '../kit/kit.ts';
import { topicBatches } from '../kit/segments.ts';
import type { Drill } from '../kit/types.ts';

const TOPIC = 'dev-idempotent';
const COUNT = 100;
const KEYS = Array.from({ length: COUNT }, (_, i) => `k${i}`);

/** Keys missing, and keys seen more than once. */
export function keyCensus(keys: readonly (string | null)[], want: readonly string[]): { missing: string[]; duplicated: string[]; foreign: number } {
  const counts = new Map<string, number>();
  let foreign = 0;
  for (const k of keys) {
    if (k === null || !want.includes(k)) foreign++;
    else counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return { missing: want.filter((k) => !counts.has(k)), duplicated: [...counts].filter(([, n]) => n > 1).map(([k]) => k), foreign };
}

const few = (xs: readonly string[]): string => `${xs.slice(0, 5).join(', ')}${xs.length > 5 ? `, … (${xs.length})` : ''}`;

export const idempotentProducer: Drill = {
  id: 'idempotent-producer',
  title: 'Produce exactly once per record with an idempotent producer',
  track: 'dev',
  domain: 'producers',
  difficulty: 'easy',
  minutes: 15,
  needs: { minBrokers: 1, mode: 'any', security: 'any' },
  task: () =>
    [
      `Write a small producer (any language or tool) that sends ${COUNT} records to '${TOPIC}' (3 partitions), keyed`,
      `k0 … k${COUNT - 1} (any values), with enable.idempotence=true and acks=all, so that retries can never write a`,
      'record twice. The grader reads the topic back and looks at the record batches in the segment files.',
      'Connection details: npm run info (client.properties, kafkajs.json, kcat.conf).',
    ].join('\n'),
  async setup(ctx) {
    await seedTopic(ctx, TOPIC, { partitions: 3, count: 0 });
    return {};
  },
  async check(ctx) {
    if (!(await partitionsOf(ctx, TOPIC))) return [notTried(`topic '${TOPIC}' exists`, `topic '${TOPIC}' is gone: npm run drill -- start ${'idempotent-producer'} again`)];
    const records = await readTopic(await ctx.live(), TOPIC);
    const census = keyCensus(records.map((r) => r.key), KEYS);
    return [
      await grade(`exactly ${COUNT} records`, async () => ({ ok: records.length === COUNT, saw: `${records.length} records` })),
      await grade(`keys k0 … k${COUNT - 1}, each exactly once`, async () => ({
        ok: census.missing.length === 0 && census.duplicated.length === 0 && census.foreign === 0,
        saw:
          census.missing.length + census.duplicated.length + census.foreign === 0
            ? `all ${COUNT} keys once`
            : [census.missing.length > 0 ? `missing ${few(census.missing)}` : '', census.duplicated.length > 0 ? `twice or more ${few(census.duplicated)}` : '', census.foreign > 0 ? `${census.foreign} records with other keys` : ''].filter(Boolean).join('; '),
      })),
      await grade('every batch carries a producer id (written by an idempotent producer)', async () => {
        const batches = (await topicBatches(ctx, TOPIC)).filter((b) => !b.isControl);
        const without = batches.filter((b) => b.producerId < 0);
        const ids = [...new Set(batches.filter((b) => b.producerId >= 0).map((b) => b.producerId))];
        return {
          ok: batches.length > 0 && without.length === 0,
          saw: batches.length === 0 ? 'no batches in the segment files' : `${batches.length} batches; producer ids [${ids.join(', ')}]${without.length > 0 ? `; ${without.length} batches with producerId -1 (not idempotent)` : ''}`,
        };
      }),
    ];
  },
  hints: [
    'With enable.idempotence=true the broker gives the producer an id and every batch a sequence number, and drops a retried batch it already has.',
    'Java/librdkafka: enable.idempotence=true (needs acks=all); kafkajs: producer({ idempotent: true }) and send({ acks: -1 }); kcat: -X enable.idempotence=true; kafka-console-producer.sh: --producer-property enable.idempotence=true (the default since Kafka 3.0).',
    'Keys: printf \'k%d:v%d\\n\' … | kafka-console-producer.sh --bootstrap-server … --producer.config client.properties --topic dev-idempotent --property parse.key=true --property key.separator=:',
  ],
  solution: {
    steps: [`an idempotent producer (kafkajs: idempotent: true, acks: -1) sends ${COUNT} records keyed k0..k${COUNT - 1} to ${TOPIC}`],
    async run(ctx) {
      ctx.say(`producing ${COUNT} records (idempotent: true, acks: -1) to '${TOPIC}'`);
      await produceRecords(ctx.d, TOPIC, KEYS.map((key, i) => ({ key, value: `record ${i}` })), { idempotent: true });
      ctx.say('done: every batch carries the producer id the broker assigned');
    },
  },
  explain: [
    'An idempotent producer gets a producer id (InitProducerId) and numbers its batches per partition. If a',
    'batch is retried after a lost acknowledgement, the leader sees a sequence it already has and drops it:',
    'no duplicates, no reordering (up to 5 in-flight requests). kafka-dump-log.sh shows producerId and',
    'baseSequence on every batch; a non-idempotent producer writes producerId -1. It is per producer',
    'session and partition: exactly-once across partitions or restarts needs transactions.',
  ].join('\n'),
  async reset(ctx) {
    await deleteTopicsIfPresent(ctx.d, [TOPIC]);
  },
};
