import { brokersOf } from '../../../../../stacks/model/spec.ts';
import { commitGroupOffsets, committedOffsets, deleteGroupsIfPresent, deleteTopicsIfPresent, ensureTopic, groupState, offsetsForTimestamp, produceRecords, topicOffsets } from '../../../kafka/index.ts';
import { grade, indent, notTried, partitionsOf } from '../kit/kit.ts';
import type { Drill } from '../kit/types.ts';

const TOPIC = 'ops-replay';
const GROUP = 'ops-replay-app';
const PARTITIONS = 3;
const PER_PARTITION = 20;
const STEP_MS = 60_000;
/** The bug shipped at the 13th minute of the records' hour. */
const TARGET_INDEX = 12;

/** The records' timestamps: one a minute, starting on a whole minute three hours ago. */
export function replayTimes(now: number): { base: number; target: number } {
  const base = Math.floor((now - 3 * 3600_000) / STEP_MS) * STEP_MS;
  return { base, target: base + TARGET_INDEX * STEP_MS };
}

/** `2025-11-25T13:12:00.000` (UTC, the form --to-datetime takes). */
export const kafkaDateTime = (ms: number): string => new Date(ms).toISOString().replace(/Z$/, '');

export const resetOffsetsToTimestamp: Drill = {
  id: 'reset-offsets-to-timestamp',
  title: "Rewind a consumer group's offsets to a point in time",
  track: 'ops',
  domain: 'operations-and-maintenance',
  difficulty: 'medium',
  minutes: 10,
  needs: { minBrokers: 1, mode: 'any', security: 'any' },
  task: (facts) =>
    [
      `Consumer group '${GROUP}' has read all of '${TOPIC}' (${PARTITIONS} partitions, ${PARTITIONS * PER_PARTITION} records, one a minute per partition).`,
      `A bug shipped at ${String(facts.targetIso ?? '<target time>')} UTC (epoch ${String(facts.targetMs ?? '?')} ms) corrupted what it`,
      'processed since. The application is stopped. Move the group back so that it re-reads, on every',
      'partition, exactly the records with a timestamp at or after that time. Change nothing else.',
    ].join('\n'),
  async setup(ctx) {
    await deleteGroupsIfPresent(ctx.d, [GROUP]);
    await deleteTopicsIfPresent(ctx.d, [TOPIC]);
    await ensureTopic(ctx.d, { name: TOPIC, partitions: PARTITIONS, replicationFactor: Math.min(3, brokersOf(ctx.cluster).length) });
    const { base, target } = replayTimes(Date.now());
    const records = Array.from({ length: PARTITIONS * PER_PARTITION }, (_, n) => {
      const partition = n % PARTITIONS;
      const i = Math.floor(n / PARTITIONS);
      return { key: `order-${partition}-${i}`, value: `event ${i} of partition ${partition}`, partition, timestamp: base + i * STEP_MS };
    });
    await produceRecords(ctx.d, TOPIC, records);
    const ends = await topicOffsets(ctx.d, TOPIC);
    await commitGroupOffsets(ctx.d, GROUP, TOPIC, new Map(ends.map((e) => [e.partition, e.high])));
    const expected = await offsetsForTimestamp(ctx.d, TOPIC, target);
    return {
      targetMs: target,
      targetIso: kafkaDateTime(target),
      expected: [...expected].sort((a, b) => a[0] - b[0]).map(([, o]) => o),
    };
  },
  async check(ctx) {
    if (!(await partitionsOf(ctx, TOPIC))) return [notTried(`topic '${TOPIC}' exists`, `topic '${TOPIC}' is gone`)];
    const d = await ctx.live();
    const want = (ctx.facts.expected ?? []) as readonly number[];
    const got = await committedOffsets(d, GROUP, TOPIC);
    const state = await groupState(d, GROUP);
    return [
      await grade(`group '${GROUP}' is committed at the first offset at or after ${String(ctx.facts.targetIso)} on every partition`, async () => ({
        ok: want.length > 0 && want.every((o, p) => got.get(p) === o),
        saw: want.map((o, p) => `p${p} at ${got.get(p) ?? 'none'} (want ${o})`).join(', '),
      })),
      await grade('the application is still stopped (no active member)', async () => ({
        ok: state.members === 0,
        saw: `group state ${state.state}, ${state.members} members`,
      })),
    ];
  },
  hints: [
    'kafka-consumer-groups.sh --describe --group ops-replay-app shows where the group is; --reset-offsets moves it (only while the group has no active member).',
    '--reset-offsets has --to-datetime YYYY-MM-DDTHH:mm:SS.sss (and --by-duration, --to-offset, --shift-by…). Without --execute it only prints the plan: a dry run.',
    'kafka-consumer-groups.sh --bootstrap-server … --command-config … --group ops-replay-app --topic ops-replay --reset-offsets --to-datetime <the time in the task> --execute',
  ],
  solution: {
    steps: [
      'kafka-consumer-groups.sh --group ops-replay-app --topic ops-replay --reset-offsets --to-datetime <target> --dry-run   # the plan',
      'kafka-consumer-groups.sh --group ops-replay-app --topic ops-replay --reset-offsets --to-datetime <target> --execute',
    ],
    async run(ctx) {
      const args = ['--group', GROUP, '--topic', TOPIC, '--reset-offsets', '--to-datetime', String(ctx.facts.targetIso), '--execute'];
      ctx.say(`$ kafka-consumer-groups.sh ${args.join(' ')}`);
      ctx.say(indent((await ctx.tool('kafka-consumer-groups.sh', args)).stdout));
    },
  },
  explain: [
    'Every record has a timestamp (CreateTime by default, set by the producer). The ListOffsets API finds,',
    'per partition, the first offset whose timestamp is at or after a given time: that is what',
    '--to-datetime asks the brokers for. A group\'s position is just its committed offsets (stored in',
    '__consumer_offsets), so rewinding is a commit on behalf of the group, allowed only while no member is active.',
  ].join('\n'),
  async reset(ctx) {
    await deleteGroupsIfPresent(ctx.d, [GROUP]);
    await deleteTopicsIfPresent(ctx.d, [TOPIC]);
  },
};
