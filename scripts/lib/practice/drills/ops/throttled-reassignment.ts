import { deleteTopicsIfPresent, describeBrokerDynamicConfig, describeTopicOverrides, produceRecords, withAdmin } from '../../../kafka/index.ts';
import { brokerIds, grade, indent, notTried, partitionsOf, seedTopic, seededRecordsCriterion, showPartitions, waitFor } from '../kit/kit.ts';
import { reassignmentJson } from './raise-replication-factor.ts';
import type { Drill, DrillContext } from '../kit/types.ts';

const TOPIC = 'ops-throttle';
const RECORDS = 30;
/**
 * Filler that makes the move take long under the setup's throttle: per partition 4 requests of
 * 50 × 10 KB, 2 MB, more than a follower fetches in one go (replica.fetch.max.bytes, 1 MiB) before
 * the throttle holds it back.
 */
const FILLER = { rounds: 4, perRound: 50, bytes: 10_000 } as const;
/** The throttle the setup's reassignment runs with, bytes/s: far too low for the data to move. */
const STUCK_RATE = 1000;
const PLAN_PATH = '/tmp/ops-throttle-plan.json';

export const BROKER_THROTTLES = ['leader.replication.throttled.rate', 'follower.replication.throttled.rate'] as const;
export const TOPIC_THROTTLES = ['leader.replication.throttled.replicas', 'follower.replication.throttled.replicas'] as const;

/** Where the topic starts (RF 2 on the first two brokers) and where it must go (one replica each onto the third). */
export function throttleAssignments(ids: readonly number[]): { from: number[][]; to: number[][] } {
  const [a, b, c] = ids as [number, number, number];
  return {
    from: [
      [a, b],
      [b, a],
      [a, b],
    ],
    to: [
      [a, c],
      [b, c],
      [c, a],
    ],
  };
}

const setOf = (r: readonly number[]): string => [...r].sort((x, y) => x - y).join(',');

/** "p0 [1,3]" lines of a plan, for the task. */
export const describePlan = (to: readonly (readonly number[])[]): string => to.map((r, p) => `p${p} → [${r.join(',')}]`).join(', ');

/** kafkajs's types say partitionIndex; its decoder returns `partition`. */
const reassigningPartition = (p: object): number => {
  const x = p as { partition?: number; partitionIndex?: number };
  return x.partition ?? x.partitionIndex ?? -1;
};

async function reassigning(ctx: DrillContext): Promise<number[]> {
  return withAdmin(await ctx.live(), async (admin) =>
    (await admin.listPartitionReassignments({ topics: [{ topic: TOPIC, partitions: [0, 1, 2] }] })).topics.flatMap((t) => t.partitions.map((p) => reassigningPartition(p))),
  );
}

/** Broker id → the replication throttle rates it has set. */
export async function brokerThrottles(ctx: DrillContext): Promise<Map<number, Record<string, string>>> {
  const d = await ctx.live();
  const out = new Map<number, Record<string, string>>();
  for (const id of brokerIds(ctx, ctx.cluster.nodes.length)) out.set(id, await describeBrokerDynamicConfig(d, id, BROKER_THROTTLES));
  return out;
}

async function clearBrokerThrottles(ctx: DrillContext): Promise<void> {
  for (const [id, set] of await brokerThrottles(ctx)) {
    const keys = Object.keys(set);
    if (keys.length > 0) await ctx.tool('kafka-configs.sh', ['--alter', '--entity-type', 'brokers', '--entity-name', String(id), '--delete-config', keys.join(',')]);
  }
}

export const throttledReassignment: Drill = {
  id: 'throttled-reassignment',
  title: 'Finish a throttled reassignment that is stuck, and clean up its throttles',
  track: 'ops',
  domain: 'operations-and-maintenance',
  difficulty: 'hard',
  minutes: 20,
  needs: { minBrokers: 3, mode: 'any', security: 'any' },
  task: (_facts, cluster) => {
    const ids = cluster.nodes.filter((n) => n.roles.includes('broker')).slice(0, 3).map((n) => n.id);
    return [
      `A colleague started moving topic '${TOPIC}' (3 partitions, RF 2) with kafka-reassign-partitions.sh`,
      `--throttle, to the plan ${describePlan(throttleAssignments(ids).to)}, and went home. Hours later it`,
      'has not finished. Finish the move: every partition on its planned brokers and in sync, no reassignment',
      'still running, and no replication throttle left behind, neither on the brokers',
      `(${BROKER_THROTTLES.join(', ')}) nor on the topic (*.replication.throttled.replicas).`,
      `The ${RECORDS} records written to '${TOPIC}' (among its other data) must all stay readable.`,
    ].join('\n');
  },
  async setup(ctx) {
    await clearBrokerThrottles(ctx);
    const { from, to } = throttleAssignments(brokerIds(ctx));
    const seeded = await seedTopic(ctx, TOPIC, { partitions: 3, replicaAssignment: from, count: RECORDS });
    const pad = 'x'.repeat(FILLER.bytes);
    for (let round = 0; round < FILLER.rounds; round++) {
      for (let p = 0; p < 3; p++) {
        await produceRecords(ctx.d, TOPIC, Array.from({ length: FILLER.perRound }, (_, i) => ({ key: `filler-${p}-${round}-${i}`, value: `${i} ${pad}`, partition: p })));
      }
    }
    const plan = reassignmentJson(TOPIC, to);
    await ctx.tool('kafka-reassign-partitions.sh', ['--reassignment-json-file', PLAN_PATH, '--execute', '--throttle', String(STUCK_RATE)], { files: { [PLAN_PATH]: plan } });
    await waitFor(
      async () => {
        if ((await reassigning(ctx)).length === 0) throw new Error('no reassignment of the topic is running');
        return true;
      },
      { what: `the throttled reassignment of '${TOPIC}' to be running`, timeoutMs: 60_000 },
    );
    return { marker: seeded.marker, plan: to.map((r) => r.join(',')) };
  },
  async check(ctx) {
    const parts = await partitionsOf(ctx, TOPIC);
    if (!parts) return [notTried(`topic '${TOPIC}' exists`, `topic '${TOPIC}' is gone (was it deleted?)`)];
    const plan = ((ctx.facts.plan ?? []) as readonly string[]).map((s) => s.split(',').map(Number));
    const running = await reassigning(ctx);
    return [
      await grade('every partition has its planned replicas', async () => ({
        ok: plan.length === parts.length && parts.every((p) => setOf(p.replicas) === setOf(plan[p.partition] ?? [])),
        saw: `${showPartitions(parts, (p) => `[${p.replicas.join(',')}]`)}${plan.length > 0 ? ` (plan ${describePlan(plan)})` : ''}`,
      })),
      await grade('no reassignment is running and every replica is in sync', async () => ({
        ok: running.length === 0 && parts.every((p) => p.isr.length === p.replicas.length && p.leader >= 0),
        saw: `${running.length > 0 ? `still reassigning p${running.join(', p')}; ` : ''}${showPartitions(parts, (p) => `isr [${p.isr.join(',')}]`)}`,
      })),
      await grade('no broker has a replication throttle rate set', async () => {
        const set = [...(await brokerThrottles(ctx))].filter(([, c]) => Object.keys(c).length > 0);
        return {
          ok: set.length === 0,
          saw: set.length === 0 ? 'none set on any broker' : set.map(([id, c]) => `broker ${id}: ${Object.entries(c).map(([k, v]) => `${k}=${v}`).join(', ')}`).join('; '),
        };
      }),
      await grade(`'${TOPIC}' lists no throttled replicas`, async () => {
        const o = (await describeTopicOverrides(await ctx.live(), [TOPIC]))[TOPIC] ?? {};
        const set = TOPIC_THROTTLES.filter((k) => o[k] !== undefined && o[k] !== '');
        return { ok: set.length === 0, saw: set.length === 0 ? 'no *.replication.throttled.replicas on the topic' : set.map((k) => `${k}=${o[k]}`).join('; ') };
      }),
      await seededRecordsCriterion(ctx, TOPIC, String(ctx.facts.marker), RECORDS),
    ];
  },
  hints: [
    'kafka-reassign-partitions.sh --verify with the same plan (or kafka-topics.sh --describe, whose Adding/Removing Replicas columns show a move in progress) tells you it is still running. Why so slow? Look at the brokers\' dynamic configs: kafka-configs.sh --describe --entity-type brokers.',
    'The throttle is leader/follower.replication.throttled.rate on each broker, in bytes per second: the setup\'s value lets almost nothing through. Raise it (kafka-reassign-partitions.sh --execute --additional --throttle <higher> with the same plan, or kafka-configs.sh on each broker).',
    'When every partition is in sync on its new brokers, kafka-reassign-partitions.sh --verify with the plan reports it complete and removes the throttles on the brokers and the topic. Without --verify they stay and slow the next follower that ever falls behind.',
  ],
  solution: {
    steps: [
      'kafka-configs.sh --describe --entity-type brokers --entity-name <id>   # leader/follower.replication.throttled.rate=1000',
      'write plan.json: the plan from the task',
      'kafka-reassign-partitions.sh --reassignment-json-file plan.json --execute --additional --throttle 50000000   # a usable throttle',
      'kafka-reassign-partitions.sh --reassignment-json-file plan.json --verify   # until complete; it also clears every throttle',
    ],
    async run(ctx) {
      const rates = await brokerThrottles(ctx);
      ctx.say(`broker throttles now: ${[...rates].map(([id, c]) => `${id}: ${Object.entries(c).map(([k, v]) => `${k}=${v}`).join(', ') || 'none'}`).join('; ')}`);
      const plan = reassignmentJson(TOPIC, ((ctx.facts.plan ?? []) as readonly string[]).map((s) => s.split(',').map(Number)));
      ctx.say(`plan (${PLAN_PATH}): ${plan}`);
      const raise = ['--reassignment-json-file', PLAN_PATH, '--execute', '--additional', '--throttle', '50000000'];
      ctx.say(`$ kafka-reassign-partitions.sh ${raise.join(' ')}`);
      const r = await ctx.tool('kafka-reassign-partitions.sh', raise, { files: { [PLAN_PATH]: plan } });
      ctx.say(indent(r.stdout.split('\n').filter((l) => /throttle|Successfully/i.test(l)).join('\n')));
      await waitFor(
        async () => {
          const running = await reassigning(ctx);
          if (running.length > 0) throw new Error(`p${running.join(', p')} still moving`);
          return true;
        },
        { what: `the reassignment of '${TOPIC}' to complete`, timeoutMs: 180_000 },
      );
      const verify = ['--reassignment-json-file', PLAN_PATH, '--verify'];
      ctx.say(`$ kafka-reassign-partitions.sh ${verify.join(' ')}`);
      const v = await ctx.tool('kafka-reassign-partitions.sh', verify, { files: { [PLAN_PATH]: plan } });
      ctx.say(indent(v.stdout.trim()));
    },
  },
  explain: [
    'A reassignment copies whole partitions between brokers, which can saturate disks and the network. The',
    '--throttle of kafka-reassign-partitions.sh sets leader/follower.replication.throttled.rate on the brokers',
    'and lists the moving replicas in the topic\'s leader/follower.replication.throttled.replicas: only that',
    'replication traffic is capped. Too low a rate and the move never catches up with the log end; --additional',
    '--throttle changes it on the fly. The throttles are not removed by the move finishing: --verify removes',
    'them once every partition is complete. Left behind, they throttle the next follower that has to catch up.',
  ].join('\n'),
  async reset(ctx) {
    await deleteTopicsIfPresent(ctx.d, [TOPIC]);
    await clearBrokerThrottles(ctx);
  },
};
