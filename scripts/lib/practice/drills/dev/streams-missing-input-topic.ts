/**
 * Kafka Streams: the order-totals app is started while its input topic does not exist (deleted by
 * mistake after the app had run, so its internal topics, and the totals in its store, are there).
 * The learner finds what Streams does then, creates the topic with the partitions the app's
 * internal topics have, and brings the app back to RUNNING, its totals kept.
 *
 * Measured on Kafka Streams 4.4.0 (classic group protocol, 3 brokers): the group leader's assignor
 * logs "Subtopology 0 has missing source topics [orders-in] and will be excluded from the current
 * assignment" and "MissingSourceTopicException: Missing source topics. [orders-in]", answers every
 * member with INCOMPLETE_SOURCE_TOPIC_METADATA, and the stream thread throws MissingSourceTopicException
 * ("One or more source topics were missing during rebalance"). The app's handler replaces the thread
 * (REPLACE_THREAD; Streams' default, SHUTDOWN_CLIENT, would take it to ERROR), so it stays REBALANCING
 * and fails again about every 10 s: the dead thread's consumer stays in the group until its session
 * times out. Once the topic exists, the next rebalance succeeds: RUNNING with no restart, 71 s after
 * the topic was created (one more failed rebalance on stale metadata, then a session timeout).
 * A topic auto-created by a producer (num.partitions 1) is refused instead: "Existing internal topic
 * kafkalab-order-totals-by-customer-repartition has invalid partitions: expected: 1; actual: 3".
 * Deleting a topic also deletes the group's committed offsets on it, so the new topic is read from its start.
 */
import { randomBytes } from 'node:crypto';
import { deleteTopicsIfPresent, describePartitions, ensureTopic, listTopicNames, readWholeTopic } from '../../../kafka/index.ts';
import { internalTopicsOf, launchStreamsApp, startStreamsApp, stopStreamsApp } from '../../../streams/index.ts';
import { grade, indent, notTried, waitFor } from '../kit/kit.ts';
import {
  appContainer,
  appLogTail,
  ORDER_TOTALS,
  produceOrders,
  removeOrderTotals,
  showApp,
  sumOrders,
  totalsOf,
  waitForAppRunning,
  waitForTotals,
  type Order,
} from '../kit/streams.ts';
import { criterion, type Criterion, type Drill, type DrillContext, type Facts } from '../kit/types.ts';

const APP = ORDER_TOTALS;

/** The orders the app summed before its input topic was deleted: four customers, three orders each. */
export const EARLIER_ORDERS: readonly Order[] = Array.from({ length: 12 }, (_, i) => ({ key: `o-${i}`, customer: `c-${(i % 4) + 1}`, cents: 250 + ((i * 731) % 4000) }));

/** What Streams says in its log when a source topic is missing (measured on 4.4.0). */
export const MISSING_TOPIC_LOG = /MissingSourceTopicException|missing source topic|INCOMPLETE_SOURCE_TOPIC_METADATA/i;

/** The log lines that show the missing topic (the last few, shortened). */
export function missingTopicLines(log: string, max = 2): string[] {
  return log
    .split('\n')
    .filter((l) => MISSING_TOPIC_LOG.test(l))
    .slice(-max)
    .map((l) => (l.length > 240 ? `${l.slice(0, 240)}…` : l));
}

/** Facts ↔ totals: `customer:cents` strings (facts hold strings and numbers only). */
export const totalsToFacts = (t: ReadonlyMap<string, number>): string[] => [...t].map(([c, cents]) => `${c}:${cents}`);
export function totalsFromFacts(facts: Facts): Map<string, number> {
  const raw = facts.earlier;
  const list = Array.isArray(raw) ? (raw as readonly (string | number)[]).map(String) : [];
  return new Map(list.map((s) => [s.slice(0, s.lastIndexOf(':')), Number(s.slice(s.lastIndexOf(':') + 1))] as const));
}

/** Earlier totals plus what the input holds now: what the app's totals must be. */
export function wantedTotals(earlier: ReadonlyMap<string, number>, inputValues: readonly (string | null)[]): Map<string, number> {
  const want = new Map(earlier);
  for (const [c, cents] of sumOrders(inputValues)) want.set(c, (want.get(c) ?? 0) + cents);
  return want;
}

/** The probe orders a check writes: one more for each earlier customer, two for a new one. */
export function probeOrders(tag: string, earlierCustomers: readonly string[]): Order[] {
  const fresh = `n-${tag}`;
  return [
    ...earlierCustomers.map((customer, i) => ({ key: `probe-${tag}-${i}`, customer, cents: 101 + i * 11 })),
    { key: `probe-${tag}-a`, customer: fresh, cents: 1999 },
    { key: `probe-${tag}-b`, customer: fresh, cents: 1 },
  ];
}

/** Partition counts of the app's input and internal topics (absent topics left out). */
async function partitionCounts(ctx: DrillContext): Promise<Map<string, number>> {
  const d = await ctx.live();
  const topics = await listTopicNames(d);
  const mine = [APP.inputTopic, ...internalTopicsOf(APP, topics)].filter((t) => topics.includes(t));
  const parts = mine.length > 0 ? await describePartitions(d, mine) : [];
  return new Map(mine.map((t) => [t, parts.filter((p) => p.topic === t).length]));
}

export const streamsMissingInputTopic: Drill = {
  id: 'streams-missing-input-topic',
  title: 'A Kafka Streams app started without its input topic: make it process again',
  track: 'dev',
  domain: 'streams-and-connect',
  difficulty: 'medium',
  minutes: 20,
  needs: { minBrokers: 1, mode: 'any', security: 'any' },
  task: (_facts, cluster) =>
    [
      `The repo's Kafka Streams app order-totals (npm run streams -- status --cluster ${cluster.name}) reads orders from`,
      `'${APP.inputTopic}', re-keys them by customer through its repartition topic, sums them in its store '${APP.store}'`,
      `and writes each customer's total to '${APP.outputTopic}'. It had run for a while when '${APP.inputTopic}' was deleted by`,
      'mistake; then the app was restarted, and it has processed nothing since.',
      'Find out what Streams does without its source topic (its state, its log: docker logs ' + appContainer(cluster) + '),',
      `then make the app process orders again: create '${APP.inputTopic}' as the app needs it, and bring the app back to`,
      'RUNNING (restart it only if Streams needs that). Keep what it has summed so far: do not reset it.',
      `The check writes orders to '${APP.inputTopic}' and waits for their totals in '${APP.outputTopic}', on top of the earlier ones.`,
    ].join('\n'),
  async setup(ctx) {
    await removeOrderTotals(ctx);
    // A first run: the app makes its internal topics (3 partitions, from its input's) and sums some orders.
    await startStreamsApp(ctx.cluster, ctx.d, APP);
    await produceOrders(ctx, EARLIER_ORDERS);
    const earlier = totalsOf(EARLIER_ORDERS);
    const summed = await waitForTotals(ctx, earlier, 120_000);
    if (!summed.exact) throw new Error(`the app did not sum the first orders: ${summed.saw}`);
    // Stopped, its input deleted, started again without it.
    await stopStreamsApp(ctx.cluster, APP);
    await deleteTopicsIfPresent(ctx.d, [APP.inputTopic]);
    await launchStreamsApp(ctx.cluster, ctx.d, APP, { makeTopics: false });
    await waitFor(
      async () => {
        const lines = missingTopicLines(await appLogTail(ctx.cluster, 400), 1);
        if (lines.length === 0) throw new Error('the app has not met the missing topic yet');
        return true;
      },
      { what: `the Streams app to report its missing source topic '${APP.inputTopic}'`, timeoutMs: 180_000, intervalMs: 2000 },
    );
    return { earlier: totalsToFacts(earlier) };
  },
  async check(ctx) {
    const out: Criterion[] = [];
    const earlier = totalsFromFacts(ctx.facts);
    if (earlier.size === 0) return [notTried('the app processes orders again', 'the drill has nothing on record: start it again')];
    const counts = await partitionCounts(ctx);
    const inputParts = counts.get(APP.inputTopic);
    const internal = [...counts].filter(([t]) => t !== APP.inputTopic);
    const needed = internal.length > 0 ? Math.max(...internal.map(([, n]) => n)) : APP.partitions;
    const partitionsOk = inputParts !== undefined && internal.every(([, n]) => n === inputParts);
    out.push(
      criterion(
        `'${APP.inputTopic}' exists with as many partitions as the app's internal topics (${needed})`,
        partitionsOk,
        `${inputParts === undefined ? `'${APP.inputTopic}' does not exist` : `'${APP.inputTopic}': ${inputParts} partition(s)`}; ${internal.map(([t, n]) => `${t}: ${n}`).join(', ') || 'no internal topics'}`,
      ),
    );
    // A topic created a moment ago: Streams takes it at its next good rebalance (71 s measured).
    const app = await waitForAppRunning(ctx, partitionsOk ? 100_000 : 0);
    out.push(criterion('the app is RUNNING', app.report?.state === 'RUNNING', showApp(app)));
    if (inputParts === undefined) {
      out.push(notTried(`orders written to '${APP.inputTopic}' come out as totals`, `'${APP.inputTopic}' does not exist (the check does not create it)`));
      return out;
    }
    const tag = randomBytes(3).toString('hex');
    out.push(
      await grade(`orders written to '${APP.inputTopic}' come out as totals in '${APP.outputTopic}', on top of the earlier ones`, async () => {
        await produceOrders(ctx, probeOrders(tag, [...earlier.keys()]));
        const input = await readWholeTopic(await ctx.live(), APP.inputTopic);
        const want = wantedTotals(earlier, input.map((r) => r.value));
        const r = await waitForTotals(ctx, want, app.report?.state === 'RUNNING' ? 60_000 : 10_000);
        return { ok: r.exact, saw: `${r.saw} (after ${r.seconds}s)` };
      }),
    );
    return out;
  },
  hints: [
    'npm run streams -- status shows the app\'s state and its last error; docker logs kafkalab-<cluster>-streams-order-totals what its stream thread met. Streams never creates a source topic (its consumer runs with allow.auto.create.topics=false): the group leader fails every rebalance with MissingSourceTopicException, and this app replaces the failed thread and tries again (REPLACE_THREAD), so it stays REBALANCING.',
    `The app's internal topics are still there (kafka-topics.sh --list | grep kafkalab-order-totals; --describe shows their partitions). A repartition topic and a changelog have as many partitions as the tasks, which come from the source topic's partitions: the input must have as many again, or Streams refuses them ("has invalid partitions"). Do not let a producer auto-create the input: the broker would give it num.partitions (1).`,
    `kafka-topics.sh --create --topic ${APP.inputTopic} --partitions 3 --replication-factor <as the internal topics>, then watch npm run streams -- status: the app takes the topic at its next rebalance, without a restart (within about half a minute: the failed thread\'s consumer stays in the group until its session times out, 10 s as the app sets consumer.session.timeout.ms; Kafka\'s default is 45 s).`,
  ],
  solution: {
    steps: [
      `docker logs kafkalab-<cluster>-streams-order-totals | grep -i MissingSourceTopic   # the source topic ${APP.inputTopic} is missing`,
      'kafka-topics.sh --describe --topic kafkalab-order-totals-by-customer-repartition   # 3 partitions (the changelog too)',
      `kafka-topics.sh --create --topic ${APP.inputTopic} --partitions 3 --replication-factor <the cluster's internal RF>`,
      'npm run streams -- status   # back to RUNNING by itself at its next rebalance, about a minute later: no restart needed',
    ],
    async run(ctx) {
      const container = appContainer(ctx.cluster);
      ctx.say(`$ docker logs ${container} | grep -i MissingSourceTopic`);
      ctx.say(indent(missingTopicLines(await appLogTail(ctx.cluster, 400)).join('\n') || '(nothing: the app has not met it yet)'));
      const counts = await partitionCounts(ctx);
      const internal = [...counts].filter(([t]) => t !== APP.inputTopic);
      const partitions = internal.length > 0 ? Math.max(...internal.map(([, n]) => n)) : APP.partitions;
      ctx.say(`$ kafka-topics.sh --describe   # ${internal.map(([t, n]) => `${t}: ${n} partitions`).join(', ') || 'no internal topics'}`);
      const rf = ctx.cluster.replication.internalReplicationFactor;
      ctx.say(`$ kafka-topics.sh --create --topic ${APP.inputTopic} --partitions ${partitions} --replication-factor ${rf}`);
      await ensureTopic(ctx.d, { name: APP.inputTopic, partitions, replicationFactor: rf });
      ctx.say(`$ npm run streams -- status --cluster ${ctx.cluster.name}   # until RUNNING`);
      let app = await waitForAppRunning(ctx, 150_000);
      if (app.report?.state !== 'RUNNING') {
        ctx.say(indent(`still ${showApp(app)}: restarting it`));
        ctx.say(`$ npm run streams -- stop --cluster ${ctx.cluster.name} && npm run streams -- start --cluster ${ctx.cluster.name}`);
        await stopStreamsApp(ctx.cluster, APP);
        await startStreamsApp(ctx.cluster, ctx.d, APP);
        app = await waitForAppRunning(ctx, 10_000);
      }
      ctx.say(indent(showApp(app)));
    },
  },
  explain: [
    'A Kafka Streams app subscribes to its source topics but never creates them: its consumers run with',
    'allow.auto.create.topics=false, and the group leader\'s assignor, finding a source topic without metadata, fails the',
    'rebalance for every member with MissingSourceTopicException (the error INCOMPLETE_SOURCE_TOPIC_METADATA in the',
    'assignment). What follows is the uncaught exception handler\'s choice: SHUTDOWN_CLIENT (the default) takes the app to',
    'ERROR and a restart is needed; REPLACE_THREAD (this app) retries at each rebalance, so creating the topic is enough.',
    'Its internal topics are another matter: Streams makes the repartition topics and changelogs itself,',
    'with as many partitions as the tasks of their sub-topology, which is the partition count of the source topics.',
    'So a re-created input must have the partitions it had: a repartition topic or changelog of another count is',
    'refused ("invalid partitions"), and changing it takes the application reset tool and a full reprocessing. Keeping',
    'the internal topics keeps the store: its changelog restores the totals, and processing goes on from the group\'s offsets.',
  ].join('\n'),
  async reset(ctx) {
    await removeOrderTotals(ctx);
  },
};
