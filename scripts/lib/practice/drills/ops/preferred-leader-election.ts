import { brokersOf } from '../../../../../stacks/model/spec.ts';
import { deleteTopicsIfPresent } from '../../../kafka/index.ts';
import { grade, indent, notTried, partitionsOf, seedTopic, showPartitions, waitFor } from '../kit/kit.ts';
import type { Drill } from '../kit/types.ts';

const TOPIC = 'ops-leaders';
const PARTITIONS = 6;

/** Every permutation-style replica list of 3 brokers, twice: preferred leaders spread evenly. */
export function spreadAssignment(ids: readonly number[], partitions: number): number[][] {
  const [a, b, c] = ids as [number, number, number];
  const orders = [
    [a, b, c],
    [b, c, a],
    [c, a, b],
    [a, c, b],
    [b, a, c],
    [c, b, a],
  ];
  return Array.from({ length: partitions }, (_, p) => orders[p % orders.length]!);
}

/** The same replica sets, each with `first` moved to the front: it becomes every partition's leader. */
export function skewedAssignment(spread: readonly (readonly number[])[], first: number): number[][] {
  return spread.map((r) => [first, ...r.filter((x) => x !== first)]);
}

const PLAN_PATH = '/tmp/ops-leaders-reorder.json';

/** Each broker's count of partitions it is the preferred leader of. */
export function preferredCounts(replicas: readonly (readonly number[])[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const r of replicas) if (r[0] !== undefined) out.set(r[0], (out.get(r[0]) ?? 0) + 1);
  return out;
}

const setOf = (r: readonly number[]): string => [...r].sort((a, b) => a - b).join(',');

export const preferredLeaderElection: Drill = {
  id: 'preferred-leader-election',
  title: 'Spread leadership with preferred replicas and an election',
  track: 'ops',
  domain: 'operations-and-maintenance',
  difficulty: 'medium',
  minutes: 15,
  needs: { minBrokers: 3, mode: 'any', security: 'any' },
  task: (_facts, cluster) => {
    const ids = brokersOf(cluster).slice(0, 3).map((b) => b.id);
    return [
      `Broker ${ids[0]} leads all ${PARTITIONS} partitions of '${TOPIC}' (replication factor 3): every replica list starts`,
      `with ${ids[0]}, so it is every partition's preferred leader, and one broker does all the serving.`,
      `Spread the load: make each of brokers ${ids.join(', ')} the preferred leader of ${PARTITIONS / 3} partitions and`,
      'the actual leader of those, without moving any replica to another broker (only the order of each',
      'replica list may change).',
    ].join('\n');
  },
  async setup(ctx) {
    const ids = brokersOf(ctx.cluster).slice(0, 3).map((b) => b.id);
    const skewed = skewedAssignment(spreadAssignment(ids, PARTITIONS), ids[0]!);
    await seedTopic(ctx, TOPIC, { partitions: PARTITIONS, replicaAssignment: skewed, count: 0 });
    return { sets: skewed.map(setOf) };
  },
  async check(ctx) {
    const parts = await partitionsOf(ctx, TOPIC);
    if (!parts) return [notTried(`topic '${TOPIC}' exists`, `topic '${TOPIC}' is gone`)];
    const sets = (ctx.facts.sets ?? []) as readonly string[];
    const counts = preferredCounts(parts.map((p) => p.replicas));
    const brokers = brokersOf(ctx.cluster).slice(0, 3).map((b) => b.id);
    return [
      await grade('every partition keeps its brokers (only the order changed)', async () => ({
        ok: parts.every((p) => setOf(p.replicas) === sets[p.partition]),
        saw: showPartitions(parts, (p) => `[${p.replicas.join(',')}]`),
      })),
      await grade(`each broker is the preferred leader of ${PARTITIONS / 3} partitions`, async () => ({
        ok: brokers.every((b) => counts.get(b) === PARTITIONS / 3),
        saw: brokers.map((b) => `broker ${b}: ${counts.get(b) ?? 0}`).join(', '),
      })),
      await grade('every partition is led by its preferred replica', async () => ({
        ok: parts.every((p) => p.leader === p.replicas[0]),
        saw: showPartitions(parts, (p) => `led by ${p.leader} (preferred ${p.replicas[0]})`),
      })),
    ];
  },
  hints: [
    'The preferred leader is the first broker of a partition\'s replica list. kafka-topics.sh --describe --topic ops-leaders shows Leader and Replicas.',
    'kafka-reassign-partitions.sh changes the order of a replica list when the plan lists the same brokers in another order: no data moves. Leadership does not follow by itself at once.',
    'Then kafka-leader-election.sh --election-type PREFERRED --topic ops-leaders --partition N (or --all-topic-partitions) hands leadership to the new first replicas.',
  ],
  solution: {
    steps: [
      'write plan.json: the same brokers per partition, first brokers rotating 1, 2, 3, 1, 2, 3',
      'kafka-reassign-partitions.sh --reassignment-json-file plan.json --execute   # reorders, moves no data',
      'kafka-leader-election.sh --election-type PREFERRED --all-topic-partitions',
    ],
    async run(ctx) {
      const ids = brokersOf(ctx.cluster).slice(0, 3).map((b) => b.id);
      const spread = spreadAssignment(ids, PARTITIONS);
      const plan = JSON.stringify({ version: 1, partitions: spread.map((replicas, partition) => ({ topic: TOPIC, partition, replicas })) });
      ctx.say(`plan (${PLAN_PATH}): ${plan}`);
      ctx.say(`$ kafka-reassign-partitions.sh --reassignment-json-file ${PLAN_PATH} --execute`);
      const r = await ctx.tool('kafka-reassign-partitions.sh', ['--reassignment-json-file', PLAN_PATH, '--execute'], { files: { [PLAN_PATH]: plan } });
      ctx.say(indent(r.stdout.split('\n').filter((l) => /Successfully/.test(l)).join('\n')));
      await waitFor(
        async () => {
          const p = (await partitionsOf(ctx, TOPIC)) ?? [];
          if (!p.every((x) => x.replicas.join(',') === spread[x.partition]!.join(','))) throw new Error('replica order not applied yet');
          return true;
        },
        { what: `the new replica order of '${TOPIC}'`, timeoutMs: 60_000 },
      );
      ctx.say('$ kafka-leader-election.sh --election-type PREFERRED --all-topic-partitions');
      const e = await ctx.tool('kafka-leader-election.sh', ['--election-type', 'PREFERRED', '--all-topic-partitions']);
      ctx.say(indent(e.stdout.split('\n').filter((l) => l.includes(TOPIC)).join('\n')));
      const after = await waitFor(
        async () => {
          const p = (await partitionsOf(ctx, TOPIC)) ?? [];
          if (!p.every((x) => x.leader === x.replicas[0])) throw new Error(showPartitions(p, (x) => `led by ${x.leader}`));
          return p;
        },
        { what: `every partition of '${TOPIC}' led by its preferred replica`, timeoutMs: 60_000 },
      );
      ctx.say(`leaders now: ${showPartitions(after, (p) => String(p.leader))}`);
    },
  },
  explain: [
    'The first replica in a partition\'s list is its preferred leader; leadership is balanced when the first',
    'replicas are spread over the brokers. Reordering a replica list is a reassignment that moves no data,',
    'and leadership does not follow it at once: a preferred election (kafka-leader-election.sh, or the',
    'controller itself every leader.imbalance.check.interval.seconds when auto.leader.rebalance.enable is on',
    'and a broker\'s imbalance passes leader.imbalance.per.broker.percentage) hands it to the first in-sync replica.',
  ].join('\n'),
  async reset(ctx) {
    await deleteTopicsIfPresent(ctx.d, [TOPIC]);
  },
};
