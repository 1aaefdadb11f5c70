import { deleteTopicsIfPresent } from '../../../kafka/index.ts';
import { renderRollReport, rollCluster, rollOptionsFrom } from '../../../roll/index.ts';
import { indent, notTried, seedTopic, seededRecordsCriterion, serviceCriteria } from '../kit/kit.ts';
import { nodeHealth } from '../kit/nodes.ts';
import { criterion, type Criterion, type Drill } from '../kit/types.ts';

const TOPIC = 'ops-roll';
const RECORDS = 40;
/** Restarts closer together than this were not one node at a time (a broker takes longer to come back in sync). */
export const MIN_GAP_MS = 5000;

/** `container=startedAt` pairs, as setup stores them. */
export const parseStarts = (pairs: readonly string[]): Map<string, string> =>
  new Map(pairs.map((s) => [s.slice(0, s.indexOf('=')), s.slice(s.indexOf('=') + 1)] as const));

/** Nodes whose container has not started again since `before` (or whose start time cannot be read). */
export function notRestarted(before: ReadonlyMap<string, string>, now: readonly { container: string; startedAt: string }[]): string[] {
  return now
    .filter((n) => {
      const was = Date.parse(before.get(n.container) ?? '');
      const is = Date.parse(n.startedAt);
      return !(Number.isFinite(was) && Number.isFinite(is) && is > was);
    })
    .map((n) => n.container);
}

/** The smallest gap between consecutive (re)start times, in ms (Infinity for fewer than two). */
export function smallestGap(startedAt: readonly string[]): number {
  const t = startedAt.map((s) => Date.parse(s)).filter(Number.isFinite).sort((a, b) => a - b);
  let min = Infinity;
  for (let i = 1; i < t.length; i++) min = Math.min(min, t[i]! - t[i - 1]!);
  return min;
}

export const rollingRestart: Drill = {
  id: 'rolling-restart',
  title: 'Restart every node, one at a time, without losing a record',
  track: 'ops',
  domain: 'operations-and-maintenance',
  difficulty: 'medium',
  minutes: 20,
  needs: { minBrokers: 3, mode: 'any', security: 'any' },
  task: (_facts, cluster) =>
    [
      `A config change needs every node of '${cluster.name}' restarted. Do a rolling restart: one node at a time,`,
      'each back and in sync (no under-replicated partitions) before the next is stopped, so that producers',
      `with acks=all never stop and nothing acknowledged is lost. Topic '${TOPIC}' holds ${RECORDS} records that`,
      'must all be readable afterwards. Any tool: docker restart with your own checks in between, or',
      `npm run roll -- --cluster ${cluster.name} --validate.`,
    ].join('\n'),
  async setup(ctx) {
    const seeded = await seedTopic(ctx, TOPIC, { partitions: 3, count: RECORDS });
    const started = (await nodeHealth(ctx.cluster)).map((n) => `${n.container}=${n.startedAt}`);
    return { marker: seeded.marker, started };
  },
  async check(ctx) {
    const before = parseStarts((ctx.facts.started ?? []) as readonly string[]);
    const now = await nodeHealth(ctx.cluster);
    const stale = notRestarted(before, now);
    const out: Criterion[] = [
      criterion(
        'every node was restarted after the drill started',
        stale.length === 0,
        stale.length === 0 ? `all ${now.length} started again (${now.map((n) => `${n.hostname} at ${n.startedAt.slice(11, 19)}`).join(', ')})` : `not restarted: ${stale.join(', ')}`,
      ),
    ];
    const gap = smallestGap(now.map((n) => n.startedAt));
    out.push(
      criterion(
        `the restarts were one at a time (start times at least ${MIN_GAP_MS / 1000} s apart)`,
        stale.length === 0 && gap >= MIN_GAP_MS,
        stale.length > 0 ? 'not every node was restarted yet' : `closest two starts ${(gap / 1000).toFixed(1)} s apart`,
      ),
    );
    const service = await serviceCriteria(ctx);
    out.push(...service);
    out.push(
      service.every((c) => c.ok)
        ? await seededRecordsCriterion(ctx, TOPIC, String(ctx.facts.marker), RECORDS)
        : notTried(`the ${RECORDS} records written to '${TOPIC}' before are all readable`, 'the cluster is not whole yet'),
    );
    return out;
  },
  hints: [
    'Order matters: in KRaft restart the controllers first (in combined mode every node is one), the active controller last, and the broker that leads most partitions late. kafka-metadata-quorum.sh describe --status names the leader.',
    'Before stopping a node: 0 under-replicated partitions (kafka-topics.sh --describe --under-replicated-partitions) and every partition it holds has another in-sync replica. After starting it: wait until it is registered and the ISRs are full again, then move on.',
    'npm run roll -- --cluster <cluster> --validate does all of it, with a verifiable producer and consumer running through the roll to prove nothing acknowledged was lost; --dry-run shows the order first.',
  ],
  solution: {
    steps: [
      'npm run roll -- --cluster <cluster> --dry-run     # the order and the checks around each node',
      'npm run roll -- --cluster <cluster> --validate    # one node at a time, acks=all traffic throughout',
    ],
    async run(ctx) {
      ctx.say(`$ npm run roll -- --cluster ${ctx.cluster.name} --validate`);
      const report = await rollCluster(ctx.cluster, ctx.d, { ...rollOptionsFrom({ validate: true }), clusterArg: ctx.cluster.name, progress: false });
      ctx.say(indent(renderRollReport(report)));
      if (!report.ok) throw new Error(`the roll did not complete: ${report.refusal?.reason ?? 'see the report above'}`);
    },
  },
  explain: [
    'A rolling restart keeps the cluster serving because each partition has other in-sync replicas while one',
    'node is down: with RF 3 and min.insync.replicas=2, acks=all writes continue with one broker out. A',
    'controlled shutdown (SIGTERM, not kill -9) moves leaderships away first and skips log recovery on start.',
    'The discipline is in the waits: the next node only goes when the previous one is registered and every ISR',
    'is full again, or two replicas of one partition end up down at once and writes (or the quorum) stop.',
  ].join('\n'),
  async reset(ctx) {
    await deleteTopicsIfPresent(ctx.d, [TOPIC]);
  },
};
