/**
 * Monitoring: partitions stay under-replicated although every broker is up. A reassignment long
 * finished left its replication throttle behind (nobody ran --verify); a broker restarted for
 * maintenance now catches up at a few hundred bytes a second and never rejoins the ISRs. The
 * learner goes from the KafkaUnderReplicatedPartitions alert to the throttle and removes it.
 */
import { $ } from 'zx';
import { brokersOf } from '../../../../../stacks/model/spec.ts';
import { deleteTopicsIfPresent, describeBrokerDynamicConfig, describeBrokers, describePartitions, describeTopicOverrides, produceRecords, withAdmin } from '../../../kafka/index.ts';
import { alerts } from '../../../monitoring/index.ts';
import { brokerIds, grade, indent, notTried, seedTopic, seededRecordsCriterion, serviceCriteria, waitFor } from '../kit/kit.ts';
import { pickVictim, waitUntilWhole } from '../kit/nodes.ts';
import { prometheusOf, waitForMetric } from '../kit/metrics.ts';
import { BROKER_THROTTLES, TOPIC_THROTTLES, brokerThrottles } from './throttled-reassignment.ts';
import type { Criterion, Drill, DrillContext } from '../kit/types.ts';

const TOPIC = 'ops-catchup';
const RECORDS = 30;
/** The leftover rate, bytes/s: what a --throttle 500 left on every broker. */
export const LEFTOVER_RATE = 500;
/**
 * Written while the broker is down: per partition, this many records of this size, 20 MB. A throttled
 * follower still gets a fetch through (up to replica.fetch.max.bytes, 1 MiB a partition) each time
 * the quota's 11 s window has passed: measured 120-130 KB/s, so 60 MB keep it out of the ISRs for
 * about 8 minutes (36 MB held 4.5).
 */
const FILLER = { perPartition: 40, bytes: 500_000 } as const;

/** `key=value` pairs of a config map, or `none`. */
export const showConfigs = (c: Readonly<Record<string, string>>): string => Object.entries(c).map(([k, v]) => `${k}=${v}`).join(', ') || 'none';

/** Topics that still list throttled replicas, `topic: key=value; …`. */
export function throttledTopics(overrides: Readonly<Record<string, Readonly<Record<string, string>>>>): string[] {
  return Object.entries(overrides)
    .map(([topic, o]) => [topic, TOPIC_THROTTLES.filter((k) => o[k] !== undefined && o[k] !== '').map((k) => `${k}=${o[k]}`)] as const)
    .filter(([, set]) => set.length > 0)
    .map(([topic, set]) => `${topic}: ${set.join(', ')}`);
}

async function allTopicOverrides(ctx: DrillContext): Promise<Record<string, Record<string, string>>> {
  const d = await ctx.live();
  const topics = await withAdmin(d, async (admin) => (await admin.listTopics()).filter((t) => !t.startsWith('__')));
  return describeTopicOverrides(d, topics);
}

/** Every partition reassignment running in the cluster, `topic-p`. */
async function reassignments(ctx: DrillContext): Promise<string[]> {
  return withAdmin(await ctx.live(), async (admin) =>
    (await admin.listPartitionReassignments({})).topics.flatMap((t) => t.partitions.map((p) => `${t.topic}-${(p as { partition?: number; partitionIndex?: number }).partition ?? (p as { partitionIndex?: number }).partitionIndex}`)),
  );
}

/** Broker id → the replication throttle rates it has set, for the brokers registered now (a stopped one cannot be asked). */
async function liveThrottles(ctx: DrillContext): Promise<Map<number, Record<string, string>>> {
  const d = await ctx.live();
  const out = new Map<number, Record<string, string>>();
  for (const b of (await describeBrokers(d)).sort((x, y) => x.nodeId - y.nodeId)) out.set(b.nodeId, await describeBrokerDynamicConfig(d, b.nodeId, BROKER_THROTTLES));
  return out;
}

/** Remove every replication throttle: the registered brokers' rates and the topics' throttled-replica lists. */
async function clearAllThrottles(ctx: DrillContext, narrate: boolean): Promise<void> {
  for (const [id, set] of await liveThrottles(ctx)) {
    if (Object.keys(set).length === 0) continue;
    const args = ['--alter', '--entity-type', 'brokers', '--entity-name', String(id), '--delete-config', Object.keys(set).join(',')];
    if (narrate) ctx.say(`$ kafka-configs.sh ${args.join(' ')}`);
    await ctx.tool('kafka-configs.sh', args);
  }
  for (const line of throttledTopics(await allTopicOverrides(ctx))) {
    const topic = line.slice(0, line.indexOf(':'));
    const args = ['--alter', '--entity-type', 'topics', '--entity-name', topic, '--delete-config', TOPIC_THROTTLES.join(',')];
    if (narrate) ctx.say(`$ kafka-configs.sh ${args.join(' ')}`);
    await ctx.tool('kafka-configs.sh', args);
  }
}

export const leftoverThrottle: Drill = {
  id: 'leftover-throttle',
  title: 'Partitions stay under-replicated with every broker up: find the cause from the alerts',
  track: 'ops',
  domain: 'monitoring-and-troubleshooting',
  difficulty: 'medium',
  minutes: 15,
  needs: { minBrokers: 3, mode: 'any', security: 'any', monitoring: true },
  task: () =>
    [
      'After a broker was restarted for maintenance, the alert KafkaUnderReplicatedPartitions fires and does not',
      'clear (npm run alerts; the overview and brokers dashboards). Every broker is up and registered. Find out why',
      `its replicas do not catch up and fix the cause, so that the cluster is whole again: 0 under-replicated partitions,`,
      'no partition reassignment running, no replication throttle left on any broker or topic, and the',
      `${RECORDS} records of '${TOPIC}' all still readable.`,
    ].join('\n'),
  async setup(ctx) {
    await clearAllThrottles(ctx, false);
    const ids = brokerIds(ctx, brokersOf(ctx.cluster).length);
    const seeded = await seedTopic(ctx, TOPIC, { partitions: 3, replicationFactor: 3, count: RECORDS });
    // What a reassignment run with --throttle and never --verify'd leaves: rates on the brokers, lists on the topic.
    for (const id of ids) {
      await ctx.tool('kafka-configs.sh', ['--alter', '--entity-type', 'brokers', '--entity-name', String(id), '--add-config', BROKER_THROTTLES.map((k) => `${k}=${LEFTOVER_RATE}`).join(',')]);
    }
    await ctx.tool('kafka-configs.sh', ['--alter', '--entity-type', 'topics', '--entity-name', TOPIC, '--add-config', TOPIC_THROTTLES.map((k) => `${k}=*`).join(',')]);
    const victim = pickVictim(ctx.cluster);
    await $({ quiet: true })`docker stop ${victim.containerName}`;
    await waitFor(
      async () => {
        const parts = (await describePartitions(await ctx.live(), [TOPIC])).filter((p) => p.isr.includes(victim.id));
        if (parts.length > 0) throw new Error(`broker ${victim.id} still in ${parts.length} ISRs`);
        return true;
      },
      { what: `broker ${victim.id} to drop out of the ISRs of '${TOPIC}'`, timeoutMs: 90_000 },
    );
    const pad = 'x'.repeat(FILLER.bytes);
    for (let p = 0; p < 3; p++) {
      for (let i = 0; i < FILLER.perPartition; i += 2) {
        await produceRecords(await ctx.live(), TOPIC, Array.from({ length: 2 }, (_, j) => ({ key: `filler-${p}-${i + j}`, value: `${i + j} ${pad}`, partition: p })));
      }
    }
    await $({ quiet: true })`docker start ${victim.containerName}`;
    // Ready when the broker is back and only the throttled topic is left behind (the others caught up).
    await waitFor(
      async () => {
        const d = await ctx.live();
        const registered = (await describeBrokers(d)).length;
        if (registered < ids.length) throw new Error(`${registered} of ${ids.length} brokers registered`);
        const behind = (await describePartitions(d)).filter((p) => p.isr.length < p.replicas.length);
        const others = behind.filter((p) => p.topic !== TOPIC);
        if (others.length > 0) throw new Error(`${others.length} partitions of other topics still catching up`);
        if (behind.length === 0) throw new Error(`'${TOPIC}' caught up already: the throttle did not hold`);
        return true;
      },
      { what: `broker ${victim.id} back, behind on '${TOPIC}' only`, timeoutMs: 120_000, intervalMs: 2000 },
    );
    await waitForMetric(
      ctx,
      'sum(kafka_server_replicamanager_underreplicatedpartitions)',
      (s) => ((s[0]?.value ?? 0) > 0 ? undefined : 'Prometheus shows no under-replicated partition yet'),
      'the under-replicated partitions on the dashboards',
    );
    return { marker: seeded.marker, victimId: victim.id };
  },
  async check(ctx) {
    const out: Criterion[] = [...(await serviceCriteria(ctx))];
    out.push(
      await grade('no partition reassignment is running', async () => {
        const running = await reassignments(ctx);
        return { ok: running.length === 0, saw: running.length === 0 ? 'none' : `reassigning ${running.join(', ')}` };
      }),
      await grade('no broker has a replication throttle rate set', async () => {
        const set = [...(await brokerThrottles(ctx))].filter(([, c]) => Object.keys(c).length > 0);
        return { ok: set.length === 0, saw: set.length === 0 ? 'none set on any broker' : set.map(([id, c]) => `broker ${id}: ${showConfigs(c)}`).join('; ') };
      }),
      await grade('no topic lists throttled replicas', async () => {
        const set = throttledTopics(await allTopicOverrides(ctx));
        return { ok: set.length === 0, saw: set.length === 0 ? 'no *.replication.throttled.replicas on any topic' : set.join('; ') };
      }),
    );
    const whole = out.every((c) => c.ok);
    out.push(whole ? await seededRecordsCriterion(ctx, TOPIC, String(ctx.facts.marker), RECORDS) : notTried(`the ${RECORDS} records written to '${TOPIC}' before are all readable`, 'the cluster is not whole yet'));
    return out;
  },
  hints: [
    "npm run alerts names the brokers reporting under-replicated partitions (the leaders); kafka-topics.sh --describe --under-replicated-partitions shows which broker is missing from the ISRs. It is up (no KafkaNodeDown), so it is too slow to catch up: why?",
    'A follower that is out of the ISR is subject to replication throttling; in-sync ones never are. kafka-configs.sh --describe --entity-type brokers --entity-name <id> shows leader/follower.replication.throttled.rate; kafka-configs.sh --describe --entity-type topics --entity-name <topic> shows which replicas are throttled.',
    'These are the leftovers of kafka-reassign-partitions.sh --throttle without a final --verify. Remove them: kafka-configs.sh --alter --entity-type brokers --entity-name <id> --delete-config leader.replication.throttled.rate,follower.replication.throttled.rate on every broker, and --delete-config leader.replication.throttled.replicas,follower.replication.throttled.replicas on the topic.',
  ],
  solution: {
    steps: [
      'npm run alerts -- --cluster <cluster>   # KafkaUnderReplicatedPartitions, no KafkaNodeDown',
      'kafka-topics.sh --describe --under-replicated-partitions   # one broker missing from the ISRs, though it is up',
      'kafka-configs.sh --describe --entity-type brokers --entity-name <id>   # leader/follower.replication.throttled.rate=500',
      'kafka-configs.sh --alter --entity-type brokers --entity-name <id> --delete-config leader.replication.throttled.rate,follower.replication.throttled.rate   # each broker',
      'kafka-configs.sh --alter --entity-type topics --entity-name <topic> --delete-config leader.replication.throttled.replicas,follower.replication.throttled.replicas',
      'kafka-topics.sh --describe --under-replicated-partitions   # empty once the follower has caught up',
    ],
    async run(ctx) {
      const firing = await alerts(prometheusOf(ctx));
      ctx.say(`alerts: ${firing.map((a) => `${a.name} (${a.state}) ${a.summary}`).join('; ') || 'none yet'}`);
      ctx.say('$ kafka-topics.sh --describe --under-replicated-partitions');
      ctx.say(indent((await ctx.tool('kafka-topics.sh', ['--describe', '--under-replicated-partitions'])).stdout.split('\n').slice(0, 6).join('\n')));
      for (const [id, c] of await liveThrottles(ctx)) ctx.say(`broker ${id} dynamic config: ${showConfigs(c)}`);
      ctx.say(`topics with throttled replicas: ${throttledTopics(await allTopicOverrides(ctx)).join('; ') || 'none'}`);
      await clearAllThrottles(ctx, true);
      await waitUntilWhole(ctx.cluster, ctx.d, 180_000);
      ctx.say('every broker registered and 0 partitions under-replicated: the follower caught up at full speed');
    },
  },
  explain: [
    'Replication throttling (leader/follower.replication.throttled.rate on a broker, in bytes/s, applied to the',
    'replicas listed in a topic\'s leader/follower.replication.throttled.replicas) caps only replicas that are',
    'out of the ISR, so it slows moves and catch-ups and never touches in-sync replication. kafka-reassign-partitions.sh',
    '--throttle sets both; only --verify, once the move is complete, removes them. Left behind, they sit unnoticed',
    'until a broker restarts: its followers must catch up through the throttle, stay out of the ISR and the',
    'partitions stay under-replicated (one more failure from unavailable with min.insync.replicas=2). The URP',
    'alert with no node down points at a slow follower: a throttle, a saturated disk or network, or too few fetchers.',
  ].join('\n'),
  async beforeHeal(ctx) {
    // The runner waits for 0 under-replicated partitions: that needs the throttle gone first.
    await clearAllThrottles(ctx, false);
  },
  async reset(ctx) {
    await deleteTopicsIfPresent(ctx.d, [TOPIC]);
    await clearAllThrottles(ctx, false);
    await waitUntilWhole(ctx.cluster, ctx.d, 180_000, 1);
  },
};
