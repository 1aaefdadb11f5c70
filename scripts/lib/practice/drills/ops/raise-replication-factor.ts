import { brokersOf } from '../../../../../stacks/model/spec.ts';
import { deleteTopicsIfPresent, withAdmin } from '../../../kafka/index.ts';
import { grade, indent, notTried, partitionsOf, seedTopic, seededRecordsCriterion, showPartitions, waitFor } from '../kit/kit.ts';
import type { Drill } from '../kit/types.ts';

const TOPIC = 'ops-rf';
const RECORDS = 30;
const JSON_PATH = '/tmp/ops-rf-reassignment.json';

/** Replica lists of RF `rf` that keep each partition's current leader first (so leadership does not move). */
export function raisedAssignment(leaders: readonly number[], brokers: readonly number[], rf: number): number[][] {
  return leaders.map((leader) => {
    const start = Math.max(0, brokers.indexOf(leader));
    return Array.from({ length: rf }, (_, i) => brokers[(start + i) % brokers.length]!);
  });
}

/** The JSON kafka-reassign-partitions.sh reads. */
export function reassignmentJson(topic: string, replicas: readonly (readonly number[])[]): string {
  return JSON.stringify({ version: 1, partitions: replicas.map((r, partition) => ({ topic, partition, replicas: [...r] })) });
}

export const raiseReplicationFactor: Drill = {
  id: 'raise-replication-factor',
  title: "Raise a topic's replication factor from 1 to 3",
  track: 'ops',
  domain: 'replication-and-durability',
  difficulty: 'medium',
  minutes: 15,
  needs: { minBrokers: 3, mode: 'any', security: 'any' },
  task: () =>
    [
      `Topic '${TOPIC}' (3 partitions, ${RECORDS} records) was created with replication factor 1:`,
      'losing any one broker loses a third of it. Raise its replication factor to 3, in place:',
      'the topic must not be recreated and keep all its records. Kafka has no "alter RF" switch;',
      'kafka-reassign-partitions.sh with a plan that lists 3 replicas per partition does it.',
    ].join('\n'),
  async setup(ctx) {
    const ids = brokersOf(ctx.cluster).slice(0, 3).map((b) => b.id);
    const seeded = await seedTopic(ctx, TOPIC, { partitions: 3, replicaAssignment: ids.map((id) => [id]), count: RECORDS });
    return { marker: seeded.marker };
  },
  async check(ctx) {
    const parts = await partitionsOf(ctx, TOPIC);
    if (!parts) return [notTried(`topic '${TOPIC}' exists`, `topic '${TOPIC}' is gone (was it deleted and recreated?)`)];
    const reassigning = await withAdmin(await ctx.live(), async (admin) =>
      (await admin.listPartitionReassignments({ topics: [{ topic: TOPIC, partitions: parts.map((p) => p.partition) }] })).topics.flatMap((t) => t.partitions),
    );
    return [
      await grade('every partition has 3 replicas', async () => ({
        ok: parts.every((p) => new Set(p.replicas).size === 3),
        saw: showPartitions(parts, (p) => `[${p.replicas.join(',')}]`),
      })),
      await grade('every replica is in sync (ISR = replicas) and no reassignment is still running', async () => ({
        ok: reassigning.length === 0 && parts.every((p) => p.isr.length === p.replicas.length && p.leader >= 0),
        saw: `${showPartitions(parts, (p) => `isr [${p.isr.join(',')}]`)}${reassigning.length > 0 ? `; ${reassigning.length} partitions still reassigning` : ''}`,
      })),
      await seededRecordsCriterion(ctx, TOPIC, String(ctx.facts.marker), RECORDS),
    ];
  },
  hints: [
    'kafka-topics.sh --describe --topic ops-rf shows each partition\'s replicas: one broker each. A reassignment plan lists the replicas you want, partition by partition.',
    'The plan is JSON: {"version":1,"partitions":[{"topic":"ops-rf","partition":0,"replicas":[1,2,3]}, ...]}. Put the current leader first in each list so leadership does not move.',
    'kafka-reassign-partitions.sh --bootstrap-server … --command-config … --reassignment-json-file plan.json --execute, then the same with --verify until every partition "is completed" (it also removes the replication throttles).',
  ],
  solution: {
    steps: [
      'kafka-topics.sh --describe --topic ops-rf                      # replicas: one broker per partition',
      'write plan.json: 3 replicas per partition, the current leader first',
      'kafka-reassign-partitions.sh --reassignment-json-file plan.json --execute',
      'kafka-reassign-partitions.sh --reassignment-json-file plan.json --verify   # until every partition is completed',
    ],
    async run(ctx) {
      const parts = (await partitionsOf(ctx, TOPIC)) ?? [];
      ctx.say(`current replicas of '${TOPIC}': ${showPartitions(parts, (p) => `[${p.replicas.join(',')}]`)}`);
      const brokers = brokersOf(ctx.cluster).map((b) => b.id);
      const plan = reassignmentJson(TOPIC, raisedAssignment(parts.map((p) => p.leader), brokers, 3));
      ctx.say(`plan (${JSON_PATH}): ${plan}`);
      ctx.say(`$ kafka-reassign-partitions.sh --reassignment-json-file ${JSON_PATH} --execute`);
      const exec = await ctx.tool('kafka-reassign-partitions.sh', ['--reassignment-json-file', JSON_PATH, '--execute'], { files: { [JSON_PATH]: plan } });
      ctx.say(indent(exec.stdout.split('\n').filter((l) => /Successfully|started/i.test(l)).join('\n')));
      await waitFor(
        async () => {
          const now = (await partitionsOf(ctx, TOPIC)) ?? [];
          if (!now.every((p) => p.replicas.length === 3 && p.isr.length === 3)) throw new Error(showPartitions(now, (p) => `isr [${p.isr.join(',')}]`));
          return true;
        },
        { what: `every partition of '${TOPIC}' to have 3 in-sync replicas`, timeoutMs: 120_000 },
      );
      ctx.say(`$ kafka-reassign-partitions.sh --reassignment-json-file ${JSON_PATH} --verify`);
      const verify = await ctx.tool('kafka-reassign-partitions.sh', ['--reassignment-json-file', JSON_PATH, '--verify'], { files: { [JSON_PATH]: plan } });
      ctx.say(indent(verify.stdout.trim()));
    },
  },
  explain: [
    'The replication factor is not a topic config: it is the length of each partition\'s replica list, and',
    'only a reassignment changes that list. The controller adds the new replicas, they fetch from the',
    'leader until they catch up and join the ISR, then the reassignment completes. Nothing is recreated,',
    'so the topic id, offsets and records stay. On a busy cluster, throttle it',
    '(--throttle bytes/s) and run --verify at the end: it removes the throttles.',
  ].join('\n'),
  async reset(ctx) {
    await deleteTopicsIfPresent(ctx.d, [TOPIC]);
  },
};
