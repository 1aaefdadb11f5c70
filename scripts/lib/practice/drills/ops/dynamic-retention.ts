import { deleteTopicsIfPresent, describeTopicOverrides } from '../../../kafka/index.ts';
import { grade, indent, notTried, partitionsOf, seedTopic } from '../kit/kit.ts';
import { nodeHealth } from '../kit/nodes.ts';
import type { Drill } from '../kit/types.ts';

const TOPIC = 'ops-retention';
const WANT = { 'retention.ms': '3600000', 'segment.bytes': '1048576' } as const;

export const dynamicRetention: Drill = {
  id: 'dynamic-retention',
  title: "Change a topic's retention and segment size without a restart",
  track: 'ops',
  domain: 'operations-and-maintenance',
  difficulty: 'easy',
  minutes: 8,
  needs: { minBrokers: 1, mode: 'any', security: 'any' },
  task: () =>
    [
      `Topic '${TOPIC}' keeps data for the broker default (7 days) in 1 GiB segments. Keep it for 1 hour`,
      'instead, in 1 MiB segments, on this topic only: retention.ms=3600000 and segment.bytes=1048576 as',
      'topic-level overrides. No broker may be restarted, and no other topic changes.',
    ].join('\n'),
  async setup(ctx) {
    await seedTopic(ctx, TOPIC, { partitions: 3, count: 6 });
    const started = (await nodeHealth(ctx.cluster)).map((n) => `${n.container}=${n.startedAt}`);
    return { started };
  },
  async check(ctx) {
    if (!(await partitionsOf(ctx, TOPIC))) return [notTried(`topic '${TOPIC}' exists`, `topic '${TOPIC}' is gone`)];
    const overrides = (await describeTopicOverrides(await ctx.live(), [TOPIC]))[TOPIC] ?? {};
    const criteria = await Promise.all(
      Object.entries(WANT).map(([key, want]) =>
        grade(`${key} is ${want} on '${TOPIC}'`, async () => ({ ok: overrides[key] === want, saw: overrides[key] === undefined ? `${key} not set on the topic (broker default applies)` : `${key}=${overrides[key]}` })),
      ),
    );
    criteria.push(
      await grade('no broker was restarted', async () => {
        const before = new Map(((ctx.facts.started ?? []) as readonly string[]).map((s) => s.split('=') as [string, string]));
        const now = await nodeHealth(ctx.cluster);
        const restarted = now.filter((n) => before.has(n.container) && before.get(n.container) !== n.startedAt);
        return { ok: restarted.length === 0, saw: restarted.length === 0 ? `all ${now.length} containers running since the drill started` : `restarted: ${restarted.map((n) => n.container).join(', ')}` };
      }),
    );
    return criteria;
  },
  hints: [
    'Topic configs are dynamic: kafka-configs.sh changes them on a running cluster and the brokers apply them without a restart.',
    'kafka-configs.sh --describe --entity-type topics --entity-name ops-retention shows the overrides; --alter --add-config key=value,key=value sets them.',
    'kafka-configs.sh --bootstrap-server … --command-config … --alter --entity-type topics --entity-name ops-retention --add-config retention.ms=3600000,segment.bytes=1048576',
  ],
  solution: {
    steps: ['kafka-configs.sh --alter --entity-type topics --entity-name ops-retention --add-config retention.ms=3600000,segment.bytes=1048576'],
    async run(ctx) {
      const args = ['--alter', '--entity-type', 'topics', '--entity-name', TOPIC, '--add-config', Object.entries(WANT).map(([k, v]) => `${k}=${v}`).join(',')];
      ctx.say(`$ kafka-configs.sh ${args.join(' ')}`);
      ctx.say(indent((await ctx.tool('kafka-configs.sh', args)).stdout));
    },
  },
  explain: [
    'Topic-level configs override the broker defaults (log.retention.ms becomes retention.ms, log.segment.bytes',
    'becomes segment.bytes) and live in the cluster metadata, so every broker applies them at once, without a',
    'restart. Retention deletes whole closed segments: with 1 GiB segments a low-traffic topic keeps data far',
    'longer than retention.ms; smaller segments (or segment.ms) make retention precise, at the cost of more files.',
  ].join('\n'),
  async reset(ctx) {
    await deleteTopicsIfPresent(ctx.d, [TOPIC]);
  },
};
