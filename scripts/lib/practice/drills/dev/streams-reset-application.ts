/**
 * Kafka Streams: the order-totals app summed orders whose amounts were in cents (an upstream bug),
 * so its store holds totals 100 times too big. The input has been fixed since (the bad records
 * deleted, the orders sent again in euros), but the app went on from where it was. The learner
 * resets the application (the reset tool, with the app stopped, and fresh local state) so that it
 * reprocesses the input from its start and the totals come out right.
 */
import { randomBytes } from 'node:crypto';
import { readWholeTopic, topicOffsets, withAdmin } from '../../../kafka/index.ts';
import { startStreamsApp, stopStreamsApp } from '../../../streams/index.ts';
import { grade, indent, notTried } from '../kit/kit.ts';
import {
  appCaughtUp,
  ORDER_TOTALS,
  produceOrders,
  removeOrderTotals,
  runStreamsResetter,
  showApp,
  streamsResetterCommand,
  sumOrders,
  totalsOf,
  waitForAppRunning,
  waitForTotals,
  type Order,
} from '../kit/streams.ts';
import { criterion, type Criterion, type Drill } from '../kit/types.ts';

const APP = ORDER_TOTALS;
const CUSTOMERS = 5;
const ORDERS = 40;

/** The day's orders: five customers, amounts from 1.00 to 49.99. */
export const DAY_ORDERS: readonly Order[] = Array.from({ length: ORDERS }, (_, i) => ({ key: `o-${i}`, customer: `c-${(i % CUSTOMERS) + 1}`, cents: 100 + ((i * 1237) % 4900) }));

/** The totals the bad run left: the cents read as euros (100 times each order), then the good orders on top. */
export function staleTotals(orders: readonly Order[]): Map<string, number> {
  const t = new Map<string, number>();
  for (const o of orders) t.set(o.customer, (t.get(o.customer) ?? 0) + o.cents * 100 + o.cents);
  return t;
}

/** The reset tool's arguments the solution uses: the app, its input, and --force for the members a stopped Streams app leaves in its group. */
export const RESET_ARGS = ['--application-id', APP.applicationId, '--input-topics', APP.inputTopic, '--force'] as const;

export const streamsResetApplication: Drill = {
  id: 'streams-reset-application',
  title: 'Reprocess a Kafka Streams app from the start with the application reset tool',
  track: 'dev',
  domain: 'streams-and-connect',
  difficulty: 'hard',
  minutes: 25,
  needs: { minBrokers: 1, mode: 'any', security: 'any' },
  task: (_facts, cluster) =>
    [
      `The repo's Kafka Streams app order-totals (npm run streams -- status --cluster ${cluster.name}) sums the orders of`,
      `'${APP.inputTopic}' per customer in its store '${APP.store}' and writes each total to '${APP.outputTopic}'.`,
      `This morning an upstream bug sent ${ORDERS} orders with their amounts in cents ("amount": 1250 for 12.50 euros); the app`,
      'summed them as euros. The upstream team has fixed the input since: the bad records are deleted from the topic',
      `(its start offsets moved past them) and the same orders were sent again in euros. But the app went on from where it`,
      'was, so every total is still about 100 times too big.',
      `Make the totals right: have the app reprocess '${APP.inputTopic}' from its start, with its state rebuilt from nothing`,
      '(the application reset tool, with the app stopped; mind the local state), then have it running again.',
      `The check compares each customer's latest total in '${APP.outputTopic}' with the sum of the orders in '${APP.inputTopic}'`,
      'after writing one more order itself.',
    ].join('\n'),
  async setup(ctx) {
    await removeOrderTotals(ctx);
    await startStreamsApp(ctx.cluster, ctx.d, APP);
    // The bad batch: amounts in cents, summed as euros.
    await produceOrders(ctx, DAY_ORDERS, 'cents');
    const bad = new Map([...totalsOf(DAY_ORDERS)].map(([c, cents]) => [c, cents * 100] as const));
    const first = await waitForTotals(ctx, bad, 120_000);
    if (!first.exact) throw new Error(`the app did not sum the bad orders: ${first.saw}`);
    // The upstream fix: the bad records deleted (the log start moves past them), the orders sent again in euros.
    await withAdmin(await ctx.live(), async (admin) => {
      // kafkajs finds the leaders from metadata it must have loaded first (else "Topic metadata not loaded").
      const ends = await admin.fetchTopicOffsets(APP.inputTopic);
      await admin.deleteTopicRecords({ topic: APP.inputTopic, partitions: ends.map((e) => ({ partition: e.partition, offset: '-1' })) });
    });
    await produceOrders(ctx, DAY_ORDERS);
    const stale = await waitForTotals(ctx, staleTotals(DAY_ORDERS), 120_000);
    if (!stale.exact) throw new Error(`the app did not sum the corrected orders: ${stale.saw}`);
    const starts = await topicOffsets(await ctx.live(), APP.inputTopic);
    return { customers: CUSTOMERS, logStarts: starts.map((s) => s.low) };
  },
  async check(ctx) {
    if (!ctx.facts.customers) return [notTried('the totals are right', 'the drill has nothing on record: start it again')];
    const out: Criterion[] = [];
    const app = await waitForAppRunning(ctx, 20_000);
    const running = app.report?.state === 'RUNNING';
    out.push(criterion('the app is RUNNING', running, showApp(app)));
    if (!running) {
      out.push(notTried(`each customer's total in '${APP.outputTopic}' is the sum of its orders in '${APP.inputTopic}'`, 'the app is not running'));
      return out;
    }
    const tag = randomBytes(3).toString('hex');
    out.push(
      await grade(`each customer's latest total in '${APP.outputTopic}' is the sum of its orders in '${APP.inputTopic}' (one more written by the check)`, async () => {
        // One more order for a known customer: its total must come from the app's store, not a hand-written record.
        await produceOrders(ctx, [{ key: `probe-${tag}`, customer: 'c-1', cents: 1 }]);
        const input = await readWholeTopic(await ctx.live(), APP.inputTopic);
        const want = sumOrders(input.map((r) => r.value));
        // customer-totals keeps the old totals until the app has re-summed each customer: too big is final only once it has caught up.
        const r = await waitForTotals(ctx, want, 90_000, { overIsFinal: () => appCaughtUp(ctx) });
        const hint = r.over.length > 0 ? ' (still counting the bad orders: the app was not reprocessed from a clean state)' : '';
        return { ok: r.exact, saw: `${r.saw}${hint} (${input.length} orders in '${APP.inputTopic}', waited ${r.seconds}s)` };
      }),
    );
    return out;
  },
  hints: [
    'Kafka Streams keeps its progress in three places: the committed offsets of its group (the application.id, kafkalab-order-totals), its internal topics (the repartition topic and the store\'s changelog, named <application.id>-…), and the local state (RocksDB under state.dir, in the app\'s container). Reprocessing from scratch resets all three.',
    'The application reset tool (kafka-streams-application-reset.sh upstream) is not a script in this image, but its class is in /opt/kafka/libs/kafka-tools-<version>.jar: in a broker, kafka-run-class.sh org.apache.kafka.tools.StreamsResetter --bootstrap-server kafka-1:9092 --command-config /opt/kafka/config/admin-client.properties --application-id kafkalab-order-totals --input-topics orders-in (try --dry-run first). It refuses while the group has members: stop the app first; a stopped Streams app stays a member until its session times out (10 s here, consumer.session.timeout.ms; Kafka\'s default is 45 s), which --force cuts short.',
    'The tool does not touch the local state: with npm run streams -- stop and start, the app gets a new container, so an empty state.dir (else KafkaStreams#cleanUp() or deleting state.dir/<application.id>). Stop, reset, start: the app rebuilds its store from the start of orders-in (now past the bad records).',
  ],
  solution: {
    steps: [
      'npm run streams -- stop   # the reset tool refuses a group with members',
      `docker exec <broker> ${streamsResetterCommand('4.4.0', 'kafka-1', [...RESET_ARGS])}`,
      '  # input offsets to the earliest (the log start, past the deleted bad records); the repartition topic and the changelog deleted',
      'npm run streams -- start   # a new container: no local state left; it reprocesses orders-in and rebuilds its store',
    ],
    async run(ctx) {
      ctx.say(`$ npm run streams -- stop --cluster ${ctx.cluster.name}`);
      await stopStreamsApp(ctx.cluster, APP);
      const host = ctx.cluster.nodes.find((n) => n.roles.includes('broker'))!.hostname;
      ctx.say(`$ ${streamsResetterCommand(ctx.cluster.kafkaVersion, host, [...RESET_ARGS])}`);
      ctx.say(indent(await runStreamsResetter(ctx, RESET_ARGS)));
      ctx.say(`$ npm run streams -- start --cluster ${ctx.cluster.name}   # a new container, so no local state`);
      const r = await startStreamsApp(ctx.cluster, ctx.d, APP);
      ctx.say(indent(`RUNNING after ${(r.ms / 1000).toFixed(1)}s`));
      const input = await readWholeTopic(await ctx.live(), APP.inputTopic);
      const t = await waitForTotals(ctx, sumOrders(input.map((x) => x.value)), 120_000, { overIsFinal: () => appCaughtUp(ctx) });
      ctx.say(indent(`totals: ${t.saw}`));
    },
  },
  explain: [
    'Reprocessing a Streams application means forgetting everything it did: the reset tool (StreamsResetter, behind',
    'kafka-streams-application-reset.sh) resets the group\'s committed offsets of the input topics (to the earliest by',
    'default, or --to-datetime, --by-duration, --to-offset, --from-file), moves intermediate topics to their end, and',
    'deletes the internal topics (repartition topics and changelogs: <application.id>-…). It needs the application',
    'stopped (a group with members is refused; --force removes the members a stopped app leaves behind, since',
    'Streams does not leave its group on close) and it leaves the local state alone: run KafkaStreams#cleanUp() or',
    'delete state.dir/<application.id> on every instance, or the restored stores mix old and new. Output topics keep',
    'their old records: consumers of a table topic take the latest value per key, so new totals supersede the old.',
  ].join('\n'),
  async reset(ctx) {
    await removeOrderTotals(ctx);
  },
};
