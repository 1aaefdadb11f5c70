import { randomInt } from 'node:crypto';
import { commitGroupOffsets, committedOffsets, deleteGroupsIfPresent, deleteTopicsIfPresent, ensureTopic, groupState, processTopic, produceRecords, topicOffsets } from '../../../kafka/index.ts';
import { brokersOf } from '../../../../../stacks/model/spec.ts';
import { grade, notTried, partitionsOf, practiceFile, practicePathForTask, removePracticeFiles, writePracticeFile } from '../kit/kit.ts';
import type { Drill } from '../kit/types.ts';

const TOPIC = 'dev-lag';
const GROUP = 'dev-lag-app';
const PARTITIONS = 4;
const ANSWER = 'dev-lag.txt';

/** `<partition> <lag>` per line (also `p0=12`, `0: 12`); blank lines and `#` comments are skipped. */
export function parseLagAnswer(text: string): { lags: Map<number, number>; bad: string[] } {
  const lags = new Map<number, number>();
  const bad: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.replace(/#.*/, '').trim();
    if (line === '') continue;
    const m = /^p?(\d+)\s*(?:[:=]\s*|\s+)(\d+)$/i.exec(line);
    if (m) lags.set(Number(m[1]), Number(m[2]));
    else bad.push(line);
  }
  return { lags, bad };
}

export const consumerLag: Drill = {
  id: 'consumer-lag',
  title: "Measure a consumer group's lag, then catch it up",
  track: 'dev',
  domain: 'testing-and-monitoring',
  difficulty: 'easy',
  minutes: 15,
  needs: { minBrokers: 1, mode: 'any', security: 'any' },
  task: () =>
    [
      `Consumer group '${GROUP}' fell behind on '${TOPIC}' (${PARTITIONS} partitions); its application is stopped.`,
      `1. Measure its lag per partition (log end offset minus committed offset) and write it to ${practicePathForTask(ANSWER)},`,
      '   one line per partition: "<partition> <lag>", e.g. "0 12". Do this before step 2: the grader compares it with the',
      '   lag the drill created.',
      `2. Catch the group up: consume the remaining records as a member of '${GROUP}', committing as you go, until the lag is 0`,
      '   on every partition; then stop the consumer.',
    ].join('\n'),
  async setup(ctx) {
    await deleteGroupsIfPresent(ctx.d, [GROUP]);
    await deleteTopicsIfPresent(ctx.d, [TOPIC]);
    removePracticeFiles(ctx, [ANSWER]);
    await ensureTopic(ctx.d, { name: TOPIC, partitions: PARTITIONS, replicationFactor: Math.min(3, brokersOf(ctx.cluster).length) });
    const counts = Array.from({ length: PARTITIONS }, () => randomInt(15, 41));
    await produceRecords(ctx.d, TOPIC, counts.flatMap((n, p) => Array.from({ length: n }, (_, i) => ({ key: `job-${p}-${i}`, value: `job ${i} of partition ${p}`, partition: p }))));
    // One partition caught up, the others behind by different amounts.
    const caughtUp = randomInt(0, PARTITIONS);
    const committed = counts.map((n, p) => (p === caughtUp ? n : randomInt(1, n - 3)));
    await commitGroupOffsets(ctx.d, GROUP, TOPIC, new Map(committed.map((o, p) => [p, o])));
    return { lags: counts.map((n, p) => n - committed[p]!) };
  },
  async check(ctx) {
    if (!(await partitionsOf(ctx, TOPIC))) return [notTried(`topic '${TOPIC}' exists`, 'it is gone: start the drill again')];
    const d = await ctx.live();
    const want = (ctx.facts.lags ?? []) as readonly number[];
    const text = practiceFile(ctx, ANSWER);
    const ends = await topicOffsets(d, TOPIC);
    const got = await committedOffsets(d, GROUP, TOPIC);
    const state = await groupState(d, GROUP);
    return [
      await grade(`${practicePathForTask(ANSWER)} gives the lag the group had on each partition`, async () => {
        if (text === undefined) return { ok: false, saw: 'no such file' };
        const { lags, bad } = parseLagAnswer(text);
        const wrong = want.flatMap((w, p) => (lags.get(p) === w ? [] : [`p${p} ${lags.has(p) ? `says ${lags.get(p)}` : 'missing'}`]));
        const extra = [...lags.keys()].filter((p) => p >= want.length);
        return {
          ok: want.length > 0 && wrong.length === 0 && extra.length === 0 && bad.length === 0,
          saw: wrong.length + extra.length + bad.length === 0 ? `all ${want.length} partitions right` : [...wrong, ...extra.map((p) => `p${p} is not a partition`), ...bad.slice(0, 2).map((b) => `unreadable line '${b}'`)].join('; '),
        };
      }),
      await grade(`group '${GROUP}' has lag 0 on every partition`, async () => ({
        ok: ends.every((e) => got.get(e.partition) === e.high),
        saw: ends.map((e) => `p${e.partition} lag ${(got.get(e.partition) ?? -1) < 0 ? '? (nothing committed)' : e.high - got.get(e.partition)!}`).join(', '),
      })),
      await grade('the consumer has stopped (no active member)', async () => ({ ok: state.members === 0, saw: `group state ${state.state}, ${state.members} members` })),
    ];
  },
  hints: [
    'Lag = log end offset - committed offset, per partition. kafka-consumer-groups.sh --describe --group dev-lag-app prints CURRENT-OFFSET, LOG-END-OFFSET and LAG for each one.',
    'In code: the admin client\'s listConsumerGroupOffsets (kafkajs admin.fetchOffsets) and listOffsets/endOffsets (kafkajs admin.fetchTopicOffsets).',
    'To catch up, a consumer in the group resumes from the committed offsets by itself: subscribe, poll until the position reaches the end offsets, commit, close. kafka-console-consumer.sh --group dev-lag-app --topic dev-lag --timeout-ms 10000 does it too.',
  ],
  solution: {
    steps: [
      `lag per partition = fetchTopicOffsets(${TOPIC}).high - fetchOffsets(${GROUP}); write "<partition> <lag>" lines to ${practicePathForTask(ANSWER)}`,
      `consume ${TOPIC} as ${GROUP} from its committed offsets to the end, committing after each batch; stop`,
    ],
    async run(ctx) {
      const ends = await topicOffsets(ctx.d, TOPIC);
      const got = await committedOffsets(ctx.d, GROUP, TOPIC);
      const lines = ends.map((e) => `${e.partition} ${e.high - Math.max(0, got.get(e.partition) ?? 0)}`);
      const path = writePracticeFile(ctx, ANSWER, lines.join('\n'));
      ctx.say(`lag per partition: ${lines.join(', ')} (written to ${path})`);
      const r = await processTopic(ctx.d, TOPIC, () => [], { groupId: GROUP });
      ctx.say(`consumed ${r.read} records as '${GROUP}', committed, stopped`);
    },
  },
  explain: [
    "Consumer lag is how far a group's committed offsets trail the log end offsets, per partition: the work",
    'still to do. It is the first thing to watch on a consumer application (kafka-consumer-groups.sh, the',
    'records-lag-max client metric, or an exporter). A new member resumes from the committed offsets, so',
    'catching up is just running the consumer; growing lag means consumers slower than producers: add members',
    '(up to the partition count) or make processing faster.',
  ].join('\n'),
  async reset(ctx) {
    removePracticeFiles(ctx, [ANSWER]);
    await deleteGroupsIfPresent(ctx.d, [GROUP]);
    await deleteTopicsIfPresent(ctx.d, [TOPIC]);
  },
};
