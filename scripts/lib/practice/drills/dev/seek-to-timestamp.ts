import { deleteGroupsIfPresent, deleteTopicsIfPresent, ensureTopic, offsetsForTimestamp, processTopic, produceRecords, readTopic } from '../../../kafka/index.ts';
import { brokersOf } from '../../../../../stacks/model/spec.ts';
import { valueCensus } from './consume-transform-produce.ts';
import { grade, notTried, partitionsOf, seedTopic } from '../kit/kit.ts';
import { kafkaDateTime } from '../ops/reset-offsets-to-timestamp.ts';
import type { Drill } from '../kit/types.ts';

const INPUT = 'dev-time-in';
const OUTPUT = 'dev-time-out';
const PARTITIONS = 3;
const PER_PARTITION = 20;
const STEP_MS = 60_000;

/** One record a minute per partition from `base`, partitions shifted by 20 s so they interleave. */
export function eventTimes(base: number): number[][] {
  return Array.from({ length: PARTITIONS }, (_, p) => Array.from({ length: PER_PARTITION }, (_, i) => base + i * STEP_MS + p * 20_000));
}

export const seekToTimestamp: Drill = {
  id: 'seek-to-timestamp',
  title: 'Seek a consumer to a point in time with offsetsForTimes',
  track: 'dev',
  domain: 'consumers',
  difficulty: 'medium',
  minutes: 15,
  needs: { minBrokers: 1, mode: 'any', security: 'any' },
  task: (facts) =>
    [
      `'${INPUT}' (${PARTITIONS} partitions) holds ${PARTITIONS * PER_PARTITION} events, one a minute per partition, with their event times as record`,
      `timestamps. Copy to '${OUTPUT}' (1 partition) exactly the events whose timestamp is at or after`,
      `${String(facts.targetIso ?? '<time>')} UTC (epoch ${String(facts.targetMs ?? '?')} ms), from every partition: the same key and value, each once.`,
      'Find the start of each partition by time (offsetsForTimes / ListOffsets by timestamp) and seek there, rather than reading everything.',
    ].join('\n'),
  async setup(ctx) {
    await deleteTopicsIfPresent(ctx.d, [INPUT, OUTPUT]);
    await ensureTopic(ctx.d, { name: INPUT, partitions: PARTITIONS, replicationFactor: Math.min(3, brokersOf(ctx.cluster).length) });
    const base = Math.floor((Date.now() - 2 * 3600_000) / STEP_MS) * STEP_MS;
    const times = eventTimes(base);
    await produceRecords(
      ctx.d,
      INPUT,
      times.flatMap((ts, p) => ts.map((timestamp, i) => ({ key: `sensor-${p}`, value: `sensor-${p} reading ${i}`, partition: p, timestamp }))),
    );
    await seedTopic(ctx, OUTPUT, { partitions: 1, count: 0 });
    // Between two records of partition 0 (so partitions 1 and 2 start one record apart from it).
    const target = base + 11 * STEP_MS + 10_000;
    return { targetMs: target, targetIso: kafkaDateTime(target) };
  },
  async check(ctx) {
    if (!(await partitionsOf(ctx, INPUT)) || !(await partitionsOf(ctx, OUTPUT))) return [notTried(`topics '${INPUT}' and '${OUTPUT}' exist`, 'one is gone: start the drill again')];
    const d = await ctx.live();
    const target = Number(ctx.facts.targetMs);
    const input = await readTopic(d, INPUT);
    const want = input.filter((r) => r.timestamp >= target).map((r) => r.value ?? 'null');
    const got = await readTopic(d, OUTPUT);
    const census = valueCensus(got.map((r) => r.value), want);
    const early = got.filter((r) => input.some((i) => i.value === r.value && i.timestamp < target)).length;
    return [
      await grade(`'${OUTPUT}' holds the ${want.length} events at or after ${String(ctx.facts.targetIso)}, each once`, async () => ({
        ok: census.missing.length === 0 && census.repeated.length === 0,
        saw: `${got.length} records; ${want.length - census.missing.length} of ${want.length} wanted${census.repeated.length > 0 ? `, ${census.repeated.length} more than once` : ''}`,
      })),
      await grade('nothing from before that time (nor anything else)', async () => ({ ok: census.foreign === 0, saw: census.foreign === 0 ? 'none' : `${census.foreign} other records (${early} from before the time)` })),
      await grade('the keys came along', async () => {
        const keyOf = new Map(input.map((r) => [r.value, r.key]));
        const bad = got.filter((r) => keyOf.has(r.value) && keyOf.get(r.value) !== r.key);
        return { ok: got.length > 0 && bad.length === 0, saw: bad.length === 0 ? `${got.length} of ${got.length} keyed as in the input` : `${bad.length} with another key, e.g. ${bad[0]!.key} for '${bad[0]!.value}'` };
      }),
    ];
  },
  hints: [
    'offsetsForTimes({partition: timestamp}) asks each partition\'s leader for the first offset whose timestamp is at or after the time (ListOffsets with a timestamp). Seek each partition there.',
    'Java: consumer.assign(partitions); var m = consumer.offsetsForTimes(Map.of(tp, T)); consumer.seek(tp, m.get(tp).offset()) (null when no record is that late: seek to the end). kafkajs: admin.fetchTopicOffsetsByTimestamp(topic, T), then consumer.seek after run().',
    'kcat can do it in one go: kcat -C -t dev-time-in -o s@T -e -K: (s@ is a timestamp in ms), piped into kcat -P -t dev-time-out -K:',
  ],
  solution: {
    steps: [`admin.fetchTopicOffsetsByTimestamp(${INPUT}, <T>)  # the first offset at or after T, per partition`, `seek each partition there; copy key and value to ${OUTPUT} until the end offsets`],
    async run(ctx) {
      const target = Number(ctx.facts.targetMs);
      const starts = await offsetsForTimestamp(ctx.d, INPUT, target);
      ctx.say(`offsets for ${String(ctx.facts.targetIso)}: ${[...starts].sort((a, b) => a[0] - b[0]).map(([p, o]) => `p${p} ${o}`).join(', ')}`);
      const groupId = `dev-time-copy-${Date.now().toString(36)}`;
      const r = await processTopic(ctx.d, INPUT, (rec) => [{ topic: OUTPUT, record: { key: rec.key, value: rec.value } }], {
        groupId,
        startAt: starts,
        commit: false,
      });
      await deleteGroupsIfPresent(ctx.d, [groupId]).catch(() => undefined);
      ctx.say(`copied ${r.written} records to '${OUTPUT}'`);
    },
  },
  explain: [
    'Every record carries a timestamp (the producer\'s CreateTime, or the broker\'s LogAppendTime), and each segment',
    'has a time index. ListOffsets with a timestamp returns, per partition, the first offset whose timestamp is at',
    'or after it: offsetsForTimes in Java. Time is per partition, so the offsets differ from partition to partition;',
    'seeking each one there replays "everything since T" without scanning the log. Timestamps are not guaranteed',
    'to increase with offsets when producers set them, which is why the lookup returns the first one that qualifies.',
  ].join('\n'),
  async reset(ctx) {
    await deleteTopicsIfPresent(ctx.d, [INPUT, OUTPUT]);
  },
};
