/**
 * Monitoring: one consumer group among several stopped reading while its topic kept growing. The
 * learner finds which one on the consumer-lag dashboard (or kafka_consumergroup_lag, or the alert)
 * and catches it up by consuming with it, leaving every other group as it was.
 */
import { randomInt } from 'node:crypto';
import { committedOffsets, deleteGroupsIfPresent, deleteTopicsIfPresent, ensureTopic, produceRecords, topicOffsets, withAdmin } from '../../../kafka/index.ts';
import { brokersOf } from '../../../../../stacks/model/spec.ts';
import { grade, indent, notTried } from '../kit/kit.ts';
import { dashboardsOf, metricQuery, waitForMetric } from '../kit/metrics.ts';
import type { Criterion, Drill, DrillContext } from '../kit/types.ts';

const PARTITIONS = 3;
/** Each topic and the groups that read it (every one of them healthy but the one setup stalls). */
export const SHOP: Readonly<Record<string, readonly string[]>> = {
  'shop-orders': ['shop-billing', 'shop-shipping', 'shop-audit'],
  'shop-payments': ['shop-fraud-check', 'shop-ledger'],
};
export const SHOP_GROUPS = Object.entries(SHOP).flatMap(([topic, groups]) => groups.map((group) => ({ topic, group })));
/** Records per partition and round: the first round every group reads, the later ones the stalled group misses. */
const PER_ROUND = 40;
const ROUNDS = 3;

/** `group@topic=o0,o1,o2`: a group's committed offsets as facts keep them. */
export const offsetsFact = (group: string, topic: string, offsets: readonly number[]): string => `${group}@${topic}=${offsets.join(',')}`;

export function parseOffsetsFact(fact: string): { group: string; topic: string; offsets: number[] } {
  const m = /^([^@]+)@([^=]+)=([\d,-]*)$/.exec(fact);
  if (!m) throw new Error(`'${fact}' is not group@topic=offsets`);
  return { group: m[1]!, topic: m[2]!, offsets: m[3] === '' ? [] : m[3]!.split(',').map(Number) };
}

/** Lag per partition (end − committed; a partition with nothing committed lags by its whole end). */
export function lagOf(ends: readonly number[], committed: ReadonlyMap<number, number>): number[] {
  return ends.map((end, p) => {
    const c = committed.get(p) ?? -1;
    return c < 0 ? end : Math.max(0, end - c);
  });
}

export const showLag = (lags: readonly number[]): string => `${lags.reduce((a, b) => a + b, 0)} (${lags.map((l, p) => `p${p} ${l}`).join(', ')})`;

const ends = async (ctx: DrillContext, topic: string): Promise<number[]> => (await topicOffsets(await ctx.live(), topic)).map((o) => o.high);

async function committedList(ctx: DrillContext, group: string, topic: string): Promise<number[]> {
  const c = await committedOffsets(await ctx.live(), group, topic);
  return Array.from({ length: PARTITIONS }, (_, p) => c.get(p) ?? -1);
}

async function writeRound(ctx: DrillContext, round: number): Promise<void> {
  for (const topic of Object.keys(SHOP)) {
    const records = Array.from({ length: PARTITIONS * PER_ROUND }, (_, i) => ({ key: `${topic}-r${round}-${i}`, value: `${topic} round ${round} #${i}`, partition: i % PARTITIONS }));
    await produceRecords(ctx.d, topic, records);
  }
}

/** What each group's application does after reading: commit the end of every partition. */
async function commitEnds(ctx: DrillContext, groups: readonly { group: string; topic: string }[]): Promise<void> {
  const endsOf = new Map<string, number[]>();
  for (const topic of new Set(groups.map((g) => g.topic))) endsOf.set(topic, await ends(ctx, topic));
  // kafkajs commits for an empty group by joining it for a moment (about 5 s): the groups side by side.
  await withAdmin(ctx.d, (admin) =>
    Promise.all(groups.map((g) => admin.setOffsets({ groupId: g.group, topic: g.topic, partitions: endsOf.get(g.topic)!.map((o, partition) => ({ partition, offset: String(o) })) }))),
  );
}

export const stalledConsumerGroup: Drill = {
  id: 'stalled-consumer-group',
  title: 'Find the consumer group that stopped reading, from the lag dashboard, and catch it up',
  track: 'ops',
  domain: 'monitoring-and-troubleshooting',
  difficulty: 'easy',
  minutes: 10,
  needs: { minBrokers: 1, mode: 'any', security: 'any', monitoring: true },
  task: (_facts, cluster) =>
    [
      `The shop's five consumer groups read '${Object.keys(SHOP).join("' and '")}' (${SHOP_GROUPS.map((g) => g.group).join(', ')}).`,
      'Support says one service shows stale data. Find the group that stopped reading, from the monitoring:',
      `the consumer-lag dashboard (${cluster.monitoring ? `http://127.0.0.1:${cluster.monitoring.prometheusPort}/user/index.html` : '<prometheusUrl>/user/index.html'}) or the`,
      'metric kafka_consumergroup_lag in Prometheus (the alert KafkaConsumerLagGrowing waits for 10 minutes of growth).',
      'Its service is gone for now; you take over: catch the group up by consuming as a member of it, to the end of',
      'every partition, committing its offsets. It must see every record it missed: do not skip them (no reset to',
      'latest, no deleted records). Leave the other four groups exactly where they are.',
    ].join('\n'),
  async setup(ctx) {
    await deleteGroupsIfPresent(ctx.d, SHOP_GROUPS.map((g) => g.group));
    await deleteTopicsIfPresent(ctx.d, Object.keys(SHOP));
    const rf = Math.min(3, brokersOf(ctx.cluster).length);
    for (const topic of Object.keys(SHOP)) await ensureTopic(ctx.d, { name: topic, partitions: PARTITIONS, replicationFactor: rf });
    const stalled = SHOP_GROUPS[randomInt(0, SHOP_GROUPS.length)]!;
    // Every group reads the first round; then one stops and the others keep up.
    await writeRound(ctx, 1);
    await commitEnds(ctx, SHOP_GROUPS);
    for (let round = 2; round <= ROUNDS; round++) await writeRound(ctx, round);
    await commitEnds(ctx, SHOP_GROUPS.filter((g) => g.group !== stalled.group));
    const missed = PARTITIONS * PER_ROUND * (ROUNDS - 1);
    // Ready when the learner's tools see it: the lag exporter's gauge, scraped by Prometheus.
    await waitForMetric(
      ctx,
      `sum(kafka_consumergroup_lag{group="${stalled.group}",topic="${stalled.topic}"})`,
      (s) => (s[0]?.value === missed ? undefined : `Prometheus shows a lag of ${s[0]?.value ?? 'nothing'} for ${stalled.group}, expected ${missed}`),
      `the lag of '${stalled.group}' on the dashboards`,
    );
    const healthy: string[] = [];
    for (const g of SHOP_GROUPS.filter((x) => x.group !== stalled.group)) healthy.push(offsetsFact(g.group, g.topic, await committedList(ctx, g.group, g.topic)));
    return { stalled: stalled.group, topic: stalled.topic, missed, healthy };
  },
  async check(ctx) {
    const group = String(ctx.facts.stalled ?? '');
    const topic = String(ctx.facts.topic ?? '');
    if (!group || !topic) return [notTried('the stalled group caught up', 'the drill has no stalled group on record: start it again')];
    const out: Criterion[] = [];
    out.push(
      await grade('the group that stopped reading has caught up: lag 0 on every partition', async () => {
        const lag = lagOf(await ends(ctx, topic), new Map((await committedList(ctx, group, topic)).map((o, p) => [p, o])));
        return { ok: lag.every((l) => l === 0), saw: `'${group}' on '${topic}': lag ${showLag(lag)}` };
      }),
    );
    out.push(
      await grade(`no record of '${topic}' was deleted`, async () => {
        const low = (await topicOffsets(await ctx.live(), topic)).map((o) => o.low);
        return { ok: low.every((l) => l === 0), saw: `log start offsets ${low.map((l, p) => `p${p} ${l}`).join(', ')}` };
      }),
    );
    out.push(
      await grade('the other groups are where they were', async () => {
        const moved: string[] = [];
        for (const f of ((ctx.facts.healthy ?? []) as readonly string[]).map(parseOffsetsFact)) {
          const now = await committedList(ctx, f.group, f.topic);
          if (now.join(',') !== f.offsets.join(',')) moved.push(`${f.group} [${f.offsets.join(',')}] → [${now.join(',')}]`);
        }
        return { ok: moved.length === 0, saw: moved.length === 0 ? `${SHOP_GROUPS.length - 1} groups untouched` : `moved: ${moved.join('; ')}` };
      }),
    );
    return out;
  },
  hints: [
    "Open the consumer lag dashboard: 'Lag per group and topic' has one line far above the others. Or ask Prometheus: curl -s '<prometheusUrl>/api/v1/query' --data-urlencode 'query=sum by (group, topic) (kafka_consumergroup_lag) > 0'.",
    'kafka-consumer-groups.sh --describe --group <group> confirms it: CURRENT-OFFSET stays behind LOG-END-OFFSET, and it has no active members (CONSUMER-ID -).',
    'A consumer that joins the group starts from its committed offsets: kafka-console-consumer.sh --topic <topic> --group <group> --timeout-ms 15000 > /dev/null reads what was missed and commits when it closes. Do not use --from-beginning tricks or --reset-offsets --to-latest: those skip or re-read.',
  ],
  solution: {
    steps: [
      "query Prometheus: sum by (group, topic) (kafka_consumergroup_lag) > 0   # the consumer-lag dashboard's 'Lag per group and topic' panel",
      'kafka-consumer-groups.sh --describe --group <that group>   # behind on every partition, no active member',
      'kafka-console-consumer.sh --topic <its topic> --group <that group> --timeout-ms 15000 > /dev/null   # resumes at the committed offsets, commits on close',
      'kafka-consumer-groups.sh --describe --group <that group>   # LAG 0 everywhere',
    ],
    async run(ctx) {
      ctx.say(`dashboards: ${dashboardsOf(ctx)} (consumer lag)`);
      const lagging = await metricQuery(ctx, 'sum by (group, topic) (kafka_consumergroup_lag) > 0');
      ctx.say(`Prometheus, sum by (group, topic) (kafka_consumergroup_lag) > 0: ${lagging.map((s) => `${s.labels.group} on ${s.labels.topic}: ${s.value}`).join('; ') || 'none'}`);
      const top = [...lagging].sort((a, b) => b.value - a.value)[0];
      if (!top?.labels.group || !top.labels.topic) throw new Error('Prometheus shows no group with a lag: is the drill started?');
      const { group, topic } = top.labels as { group: string; topic: string };
      const describe = ['--describe', '--group', group];
      ctx.say(`$ kafka-consumer-groups.sh ${describe.join(' ')}`);
      ctx.say(indent((await ctx.tool('kafka-consumer-groups.sh', describe)).stdout));
      const consume = ['--topic', topic, '--group', group, '--timeout-ms', '15000'];
      ctx.say(`$ kafka-console-consumer.sh ${consume.join(' ')} > /dev/null`);
      const r = await ctx.tool('kafka-console-consumer.sh', consume, { timeoutMs: 120_000 });
      ctx.say(indent(r.stderr.split('\n').filter((l) => /Processed/.test(l)).join('\n') || `${r.stdout.split('\n').filter(Boolean).length} records read`));
      ctx.say(`$ kafka-consumer-groups.sh ${describe.join(' ')}`);
      ctx.say(indent((await ctx.tool('kafka-consumer-groups.sh', describe)).stdout));
    },
  },
  explain: [
    'Brokers do not know what lag is: it is the log end offset minus the group\'s committed offset, per',
    'partition, so it is watched from outside (kafka-consumer-groups.sh, or an exporter such as this',
    'cluster\'s, which turns it into kafka_consumergroup_lag for Prometheus). A lag that only grows and a group',
    'with no members mean the application stopped; a growing lag with members means it is too slow (add',
    'consumers, up to the partition count). A consumer that joins the group resumes at the committed offsets,',
    'so catching up needs no offset surgery. --reset-offsets --to-latest (only while the group is empty) is',
    'the choice when the missed records are worthless, e.g. a live view: it skips them for good.',
  ].join('\n'),
  async reset(ctx) {
    await deleteGroupsIfPresent(ctx.d, SHOP_GROUPS.map((g) => g.group));
    await deleteTopicsIfPresent(ctx.d, Object.keys(SHOP));
  },
};
