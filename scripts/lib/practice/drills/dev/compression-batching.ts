import { deleteTopicsIfPresent, describeTopicOverrides, produceRecords, readTopic } from '../../../kafka/index.ts';
import type { BatchInfo } from '../kit/dump-log.ts';
import { grade, notTried, partitionsOf, seedTopic } from '../kit/kit.ts';
import { topicBatches } from '../kit/segments.ts';
import type { Drill } from '../kit/types.ts';

const TOPIC = 'dev-batching';
const RECORDS = 2000;
const MIN_AVERAGE = 100;

/** Data batches (control batches left out): how many, records per batch on average, codecs seen. */
export function batchStats(batches: readonly BatchInfo[]): { batches: number; records: number; average: number; codecs: Record<string, number> } {
  const data = batches.filter((b) => !b.isControl);
  const records = data.reduce((n, b) => n + b.count, 0);
  const codecs: Record<string, number> = {};
  for (const b of data) codecs[b.compression] = (codecs[b.compression] ?? 0) + 1;
  return { batches: data.length, records, average: data.length === 0 ? 0 : records / data.length, codecs };
}

const valueOf = (i: number): string => `{"event":${i},"kind":"page-view","path":"/catalog/item/${i % 97}","agent":"kafkalab-drill"}`;

export const compressionBatching: Drill = {
  id: 'compression-batching',
  title: 'Tune a producer for throughput: batching and compression',
  track: 'dev',
  domain: 'producers',
  difficulty: 'medium',
  minutes: 15,
  needs: { minBrokers: 1, mode: 'any', security: 'any' },
  task: () =>
    [
      `Write ${RECORDS} small records (any keys; values like {"event":N,...}, any text) to '${TOPIC}' (1 partition) with a`,
      'producer tuned for throughput:',
      '- compressed batches (compression.type gzip, snappy, lz4 or zstd; set on the PRODUCER, the topic stays at',
      "  compression.type=producer so the log holds what your client sent);",
      `- big batches: on average at least ${MIN_AVERAGE} records per batch (batch.size, linger.ms, or send them together).`,
      'The grader reads the record batches in the segment files (kafka-dump-log): codec and record count of each.',
    ].join('\n'),
  async setup(ctx) {
    await seedTopic(ctx, TOPIC, { partitions: 1, count: 0 });
    return {};
  },
  async check(ctx) {
    if (!(await partitionsOf(ctx, TOPIC))) return [notTried(`topic '${TOPIC}' exists`, 'it is gone: start the drill again')];
    const d = await ctx.live();
    const records = await readTopic(d, TOPIC);
    const overrides = (await describeTopicOverrides(d, [TOPIC]))[TOPIC] ?? {};
    const stats = batchStats(await topicBatches(ctx, TOPIC));
    const codecs = Object.entries(stats.codecs).map(([c, n]) => `${c} ×${n}`).join(', ') || 'none';
    return [
      await grade(`${RECORDS} records`, async () => ({ ok: records.length === RECORDS, saw: `${records.length} records` })),
      await grade('every batch is compressed by the producer', async () => ({
        ok: stats.batches > 0 && !stats.codecs.none && (overrides['compression.type'] ?? 'producer') === 'producer',
        saw: `${stats.batches} batches, codecs ${codecs}; topic compression.type ${overrides['compression.type'] ? `overridden to ${overrides['compression.type']} (the broker recompresses: set it on the producer)` : 'producer (default)'}`,
      })),
      await grade(`at least ${MIN_AVERAGE} records per batch on average`, async () => ({
        ok: stats.batches > 0 && stats.average >= MIN_AVERAGE,
        saw: `${stats.records} records in ${stats.batches} batches: ${stats.average.toFixed(1)} per batch`,
      })),
    ];
  },
  hints: [
    'A producer groups records per partition into batches (up to batch.size bytes, waiting up to linger.ms for more) and compresses whole batches: bigger batches compress better and cost fewer requests.',
    'Java: compression.type=lz4, linger.ms=50, batch.size=131072. kafkajs: send({ topic, compression: CompressionTypes.GZIP, messages: [...hundreds] }) writes one batch per partition per send. kcat: -X compression.codec=lz4 -X linger.ms=100.',
    'kafka-producer-perf-test.sh can do it too: --num-records 2000 --record-size 100 --throughput -1 --producer-props compression.type=lz4 linger.ms=50 batch.size=131072 (plus the client config).',
  ],
  solution: {
    steps: [`send ${RECORDS} records in requests of 500, compression gzip (kafkajs has it built in): 4 batches of 500`],
    async run(ctx) {
      ctx.say(`producing ${RECORDS} records to '${TOPIC}', 500 per request, gzip`);
      await produceRecords(ctx.d, TOPIC, Array.from({ length: RECORDS }, (_, i) => ({ key: `visitor-${i % 50}`, value: valueOf(i) })), { gzip: true, perRequest: 500 });
    },
  },
  explain: [
    'The producer batches records per partition: a batch is sent when it reaches batch.size bytes or after linger.ms.',
    'Compression (gzip, snappy, lz4, zstd) applies to the whole batch, so it pays off with big batches, and the',
    'broker stores the batch as it came when the topic\'s compression.type is "producer". Consumers decompress.',
    'Larger batches mean fewer requests and better ratios at the cost of a little latency; linger.ms=0 with small',
    'batches maximises requests. Kafka 4 defaults linger.ms to 5 ms.',
  ].join('\n'),
  async reset(ctx) {
    await deleteTopicsIfPresent(ctx.d, [TOPIC]);
  },
};
