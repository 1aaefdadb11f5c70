import { committedOffsets, consumeAndCommit, deleteGroupsIfPresent, deleteTopicsIfPresent, groupState, topicOffsets } from '../../../kafka/index.ts';
import { grade, notTried, partitionsOf, seedTopic } from '../kit/kit.ts';
import type { Drill } from '../kit/types.ts';

const TOPIC = 'dev-commit';
const GROUP = 'dev-committer';
const RECORDS = 30;

export const manualCommit: Drill = {
  id: 'manual-commit',
  title: 'Consume with manual offset commits',
  track: 'dev',
  domain: 'consumers',
  difficulty: 'medium',
  minutes: 15,
  needs: { minBrokers: 1, mode: 'any', security: 'any' },
  task: () =>
    [
      `Write a consumer in group '${GROUP}' that reads all ${RECORDS} records of '${TOPIC}' (3 partitions) with`,
      'auto-commit off (enable.auto.commit=false) and commits the offsets itself after processing, so that',
      'when it stops the group is committed exactly at the end of every partition. Then stop it (the grader',
      'wants the group with no active member).',
    ].join('\n'),
  async setup(ctx) {
    await deleteGroupsIfPresent(ctx.d, [GROUP]);
    await seedTopic(ctx, TOPIC, { partitions: 3, count: RECORDS });
    return {};
  },
  async check(ctx) {
    if (!(await partitionsOf(ctx, TOPIC))) return [notTried(`topic '${TOPIC}' exists`, `topic '${TOPIC}' is gone`)];
    const d = await ctx.live();
    const ends = await topicOffsets(d, TOPIC);
    const got = await committedOffsets(d, GROUP, TOPIC);
    const state = await groupState(d, GROUP);
    return [
      await grade(`group '${GROUP}' is committed at the end of every partition`, async () => ({
        ok: ends.every((e) => got.get(e.partition) === e.high),
        saw: ends.map((e) => `p${e.partition} ${got.get(e.partition) === undefined || got.get(e.partition)! < 0 ? 'nothing committed' : `at ${got.get(e.partition)}`} (end ${e.high})`).join(', '),
      })),
      await grade('the consumer has stopped (no active member)', async () => ({ ok: state.members === 0, saw: `group state ${state.state}, ${state.members} members` })),
    ];
  },
  hints: [
    'A committed offset is the position of the NEXT record to read: after processing offset 9 of a partition, commit 10. The group is "at the end" when the committed offset equals the log end offset.',
    'Java: enable.auto.commit=false and consumer.commitSync() after each poll\'s records; kafkajs: consumer.run({ autoCommit: false, eachMessage }) and consumer.commitOffsets([{ topic, partition, offset: String(Number(message.offset) + 1) }]).',
    'kafka-consumer-groups.sh --describe --group dev-committer shows CURRENT-OFFSET against LOG-END-OFFSET per partition (LAG 0 is the goal).',
  ],
  solution: {
    steps: [`a consumer in group ${GROUP} with autoCommit false commits offset+1 after each record, stops at the end`],
    async run(ctx) {
      ctx.say(`consuming '${TOPIC}' as group '${GROUP}' (autoCommit: false), committing offset+1 after each record`);
      const n = await consumeAndCommit(ctx.d, TOPIC, GROUP);
      ctx.say(`read and committed ${n} records, consumer stopped`);
    },
  },
  explain: [
    'The committed offset of a group is where a consumer of that group resumes: the next record to read.',
    'Auto-commit commits in the background on a timer, so a crash can skip records (committed before they',
    'were processed) or replay them. Committing yourself after processing gives at-least-once: a crash',
    'replays at most what was processed but not yet committed. Exactly-once needs transactions',
    '(sendOffsetsToTransaction).',
  ].join('\n'),
  async reset(ctx) {
    await deleteGroupsIfPresent(ctx.d, [GROUP]);
    await deleteTopicsIfPresent(ctx.d, [TOPIC]);
  },
};
