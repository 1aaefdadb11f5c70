import { deleteTopicsIfPresent, describeTopicConfig, produceRecords, readTopic } from '../../../kafka/index.ts';
import { grade, notTried, partitionsOf, seedTopic } from '../kit/kit.ts';
import { kafkaDateTime } from '../ops/reset-offsets-to-timestamp.ts';
import type { Drill } from '../kit/types.ts';

const TOPIC = 'dev-event-time';
const READINGS = ['21.4', '21.9', '22.3', '19.8', '20.1', '23.0'];
/** Minutes after the base, out of order on purpose: event time is not arrival time. */
const MINUTES = [0, 7, 3, 12, 9, 15];

export interface Reading {
  readonly key: string;
  readonly value: string;
  readonly timestamp: number;
}

/** The readings the task lists: key, value, and the time each was measured. */
export function readingsFrom(base: number): Reading[] {
  return READINGS.map((value, i) => ({ key: `thermo-${i + 1}`, value, timestamp: base + MINUTES[i]! * 60_000 }));
}

export const eventTime: Drill = {
  id: 'event-time',
  title: "Stamp records with their event time, not the send time",
  track: 'dev',
  domain: 'producers',
  difficulty: 'easy',
  minutes: 10,
  needs: { minBrokers: 1, mode: 'any', security: 'any' },
  task: (facts) => {
    const base = Number(facts.baseMs);
    const lines = Number.isFinite(base) ? readingsFrom(base).map((r) => `  key ${r.key}  value ${r.value}  measured ${kafkaDateTime(r.timestamp)}Z (epoch ${r.timestamp} ms)`) : ['  (the readings are listed when the drill starts)'];
    return [
      `A gateway buffered these thermometer readings while offline. Write them to '${TOPIC}' (1 partition), one record`,
      'each with exactly this key and value, and with the time each was MEASURED as the record timestamp',
      '(CreateTime), so that time-based lookups and stream processors see when things happened, not when they were sent:',
      ...lines,
    ].join('\n');
  },
  async setup(ctx) {
    await seedTopic(ctx, TOPIC, { partitions: 1, count: 0 });
    // Yesterday, on a whole minute: well inside any retention, clearly not "now".
    return { baseMs: Math.floor((Date.now() - 26 * 3600_000) / 60_000) * 60_000 };
  },
  async check(ctx) {
    if (!(await partitionsOf(ctx, TOPIC))) return [notTried(`topic '${TOPIC}' exists`, 'it is gone: start the drill again')];
    const d = await ctx.live();
    const want = readingsFrom(Number(ctx.facts.baseMs));
    const got = await readTopic(d, TOPIC);
    const type = (await describeTopicConfig(d, [TOPIC], 'message.timestamp.type'))[TOPIC];
    const found = want.map((w) => got.filter((r) => r.key === w.key && r.value === w.value));
    return [
      await grade(`exactly the ${want.length} readings, each once`, async () => ({
        ok: got.length === want.length && found.every((f) => f.length === 1),
        saw: `${got.length} records; ${want.map((w, i) => `${w.key}=${w.value} ×${found[i]!.length}`).join(', ')}`,
      })),
      await grade('each record carries the time its reading was measured', async () => {
        const off = want.flatMap((w, i) => found[i]!.filter((r) => r.timestamp !== w.timestamp).map((r) => `${w.key} at ${kafkaDateTime(r.timestamp)}Z (want ${kafkaDateTime(w.timestamp)}Z)`));
        return { ok: found.every((f) => f.length > 0) && off.length === 0, saw: off.length === 0 ? `${found.filter((f) => f.length > 0).length} of ${want.length} on time` : off.slice(0, 3).join('; ') };
      }),
      await grade("the topic keeps the producer's timestamps (message.timestamp.type=CreateTime)", async () => ({ ok: type === 'CreateTime', saw: `message.timestamp.type=${type ?? 'unknown'}` })),
    ];
  },
  hints: [
    'Every record has a timestamp field. The producer fills it with the current time unless you set it yourself; with message.timestamp.type=CreateTime (the default) the broker keeps what the producer sent.',
    'Java: new ProducerRecord<>("dev-event-time", null, timestampMs, key, value) (the partition may be null); kafkajs: messages: [{ key, value, timestamp: String(ms) }]; librdkafka: the timestamp argument of produce(). Command-line producers usually stamp the current time: write a small program.',
    'Check what you wrote: kafka-console-consumer.sh --topic dev-event-time --from-beginning --property print.timestamp=true --property print.key=true',
  ],
  solution: {
    steps: ['produce each reading with key, value and timestamp = its measured time (epoch ms)'],
    async run(ctx) {
      const rs = readingsFrom(Number(ctx.facts.baseMs));
      ctx.say(`producing ${rs.length} readings to '${TOPIC}' with their measured times as timestamps`);
      await produceRecords(ctx.d, TOPIC, rs);
    },
  },
  explain: [
    'A record timestamp is event time when the producer sets it (CreateTime), or ingestion time when the topic uses',
    'LogAppendTime (the broker overwrites it). Time indexes, offsetsForTimes, time-based retention and the windows of',
    'Kafka Streams all use it, so late or replayed data keeps its place in time only if the producer sends the real',
    'event time. Brokers can reject timestamps too far from their clock (message.timestamp.before.max.ms and',
    'after.max.ms), and retention deletes a segment once its newest timestamp is older than retention.ms.',
  ].join('\n'),
  async reset(ctx) {
    await deleteTopicsIfPresent(ctx.d, [TOPIC]);
  },
};
