import { brokersOf } from '../../../stacks/model/spec.ts';
import { deleteTopicsIfPresent, reassign } from '../kafka/admin-ops.ts';
import { grade, indent, notTried, partitionsOf, seedTopic, showPartitions, waitFor } from './kit.ts';
import type { Drill } from './types.ts';

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

export const preferredLeaderElection: Drill = {
  id: 'preferred-leader-election',
  title: 'Move leadership back to the preferred replicas',
  track: 'ops',
  domain: 'operations-and-maintenance',
  difficulty: 'easy',
  minutes: 10,
  needs: { minBrokers: 3, mode: 'any', security: 'any' },
  task: (_facts, cluster) => {
    const first = brokersOf(cluster)[0]!.id;
    return [
      `Broker ${first} leads all ${PARTITIONS} partitions of '${TOPIC}' (replication factor 3), although the`,
      'preferred leader of each partition (the first broker in its replica list) is spread over three',
      'brokers: one broker does all the serving. Move leadership back to the preferred replicas, without',
      'changing any replica list. (The controller would do it by itself within',
      'leader.imbalance.check.interval.seconds, 300 s by default, once the imbalance passes 10 %: do it now.)',
    ].join('\n');
  },
  async setup(ctx) {
    const ids = brokersOf(ctx.cluster).slice(0, 3).map((b) => b.id);
    const spread = spreadAssignment(ids, PARTITIONS);
    // Created with the first broker leading everywhere, then only the order of each list changes:
    // a reassignment that keeps the leader in the set does not move leadership.
    await seedTopic(ctx, TOPIC, { partitions: PARTITIONS, replicaAssignment: skewedAssignment(spread, ids[0]!), count: 0 });
    await reassign(ctx.d, TOPIC, spread);
    const parts = await waitFor(
      async () => {
        const p = (await partitionsOf(ctx, TOPIC)) ?? [];
        if (p.length !== PARTITIONS || !p.every((x) => x.replicas.join(',') === spread[x.partition]!.join(','))) throw new Error('replica order not applied yet');
        return p;
      },
      { what: `the replica order of '${TOPIC}'`, timeoutMs: 60_000 },
    );
    if (!parts.every((p) => p.leader === ids[0])) throw new Error(`setup could not skew leadership: ${showPartitions(parts, (p) => `led by ${p.leader}`)}`);
    return { assignment: spread.map((r) => r.join(',')) };
  },
  async check(ctx) {
    const parts = await partitionsOf(ctx, TOPIC);
    if (!parts) return [notTried(`topic '${TOPIC}' exists`, `topic '${TOPIC}' is gone`)];
    const want = (ctx.facts.assignment ?? []) as readonly string[];
    return [
      await grade('replica lists unchanged', async () => ({
        ok: parts.every((p) => p.replicas.join(',') === want[p.partition]),
        saw: showPartitions(parts, (p) => `[${p.replicas.join(',')}]`),
      })),
      await grade('every partition is led by its preferred replica', async () => ({
        ok: parts.every((p) => p.leader === p.replicas[0]),
        saw: showPartitions(parts, (p) => `led by ${p.leader} (preferred ${p.replicas[0]})`),
      })),
    ];
  },
  hints: [
    'kafka-topics.sh --describe --topic ops-leaders: compare each partition\'s Leader with the first id of its Replicas.',
    'kafka-leader-election.sh elects leaders on demand; --election-type PREFERRED picks the first replica when it is in sync.',
    'kafka-leader-election.sh --bootstrap-server … --command-config … --election-type PREFERRED --all-topic-partitions (or --topic ops-leaders --partition N, or --path-to-json-file).',
  ],
  solution: {
    steps: ['kafka-topics.sh --describe --topic ops-leaders     # Leader vs the first of Replicas', 'kafka-leader-election.sh --election-type PREFERRED --all-topic-partitions'],
    async run(ctx) {
      const before = (await partitionsOf(ctx, TOPIC)) ?? [];
      ctx.say(`leaders now: ${showPartitions(before, (p) => `${p.leader} (preferred ${p.replicas[0]})`)}`);
      ctx.say('$ kafka-leader-election.sh --election-type PREFERRED --all-topic-partitions');
      const r = await ctx.tool('kafka-leader-election.sh', ['--election-type', 'PREFERRED', '--all-topic-partitions']);
      ctx.say(indent(r.stdout.split('\n').filter((l) => l.includes(TOPIC) || /Successfully|Valid replica/.test(l)).join('\n')));
      const after = await waitFor(
        async () => {
          const p = (await partitionsOf(ctx, TOPIC)) ?? [];
          if (!p.every((x) => x.leader === x.replicas[0])) throw new Error(showPartitions(p, (x) => `led by ${x.leader}`));
          return p;
        },
        { what: `every partition of '${TOPIC}' led by its preferred replica`, timeoutMs: 60_000 },
      );
      ctx.say(`leaders after: ${showPartitions(after, (p) => String(p.leader))}`);
    },
  },
  explain: [
    'The first replica in a partition\'s list is its preferred leader. Leadership moves away when a broker',
    'stops or falls out of the ISR and does not come back by itself when the broker returns, so after',
    'restarts one broker can end up leading most partitions. A preferred election (kafka-leader-election.sh,',
    'or auto.leader.rebalance.enable with leader.imbalance.per.broker.percentage) hands leadership back',
    'to the first in-sync replica of each list: replica lists stay as they are.',
  ].join('\n'),
  async reset(ctx) {
    await deleteTopicsIfPresent(ctx.d, [TOPIC]);
  },
};
