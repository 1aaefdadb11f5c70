/**
 * Kafka Streams: the order-totals app runs with processing.guarantee=at_least_once, so a crash
 * between two commits makes it reprocess orders it had already forwarded, and some totals count
 * an order twice. The learner turns exactly-once on (exactly_once_v2). The check asks the running
 * app for its guarantee, then kills its container in the middle of a stream of orders, starts it
 * again and compares the totals.
 */
import { randomBytes } from 'node:crypto';
import { $ } from 'zx';
import { containerState } from '../../../core/index.ts';
import { runningGuarantee, startStreamsApp, stopStreamsApp } from '../../../streams/index.ts';
import { grade, indent, notTried } from '../kit/kit.ts';
import { appContainer, ORDER_TOTALS, produceOrders, removeOrderTotals, showApp, totalsOf, waitForAppRunning, waitForTotals, type Order } from '../kit/streams.ts';
import { criterion, type Criterion, type Drill, type DrillContext } from '../kit/types.ts';

const APP = ORDER_TOTALS;
const WANTED = 'exactly_once_v2';

/** The orders setup feeds the app (a normal morning). */
export const MORNING_ORDERS: readonly Order[] = Array.from({ length: 30 }, (_, i) => ({ key: `o-${i}`, customer: `c-${(i % 6) + 1}`, cents: 100 + ((i * 977) % 2900) }));

/** The check's stream: `waves` waves of `perWave` orders over four customers of its own (tagged), amounts varying. */
export function crashStream(tag: string, waves: number, perWave: number): Order[][] {
  return Array.from({ length: waves }, (_, w) =>
    Array.from({ length: perWave }, (_, k) => {
      const i = w * perWave + k;
      return { key: `crash-${tag}-${i}`, customer: `x-${tag}-${i % 4}`, cents: 1 + ((i * 7919) % 999) };
    }),
  );
}

/** Waves of the stream, and the wave after which the app is killed (mid-stream: writing goes on while it is down). */
export const WAVES = 24;
export const PER_WAVE = 10;
export const KILL_AFTER_WAVE = 10;
const WAVE_GAP_MS = 250;

const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

/**
 * Write the stream in waves, kill the app's container (SIGKILL: no commit, no close) after wave
 * `KILL_AFTER_WAVE`, write the rest, then start the same container again (Docker does not restart a
 * killed one). Returns what it did, for the criterion.
 */
async function crashMidStream(ctx: DrillContext, waves: readonly Order[][]): Promise<string> {
  const container = appContainer(ctx.cluster);
  let killedAt = -1;
  for (const [w, wave] of waves.entries()) {
    await produceOrders(ctx, wave);
    if (w + 1 === KILL_AFTER_WAVE) {
      const k = await $({ quiet: true, nothrow: true })`docker kill ${container}`;
      if (k.exitCode !== 0) throw new Error(`docker kill ${container} failed: ${k.stderr.trim()}`);
      killedAt = w + 1;
    }
    await sleep(WAVE_GAP_MS);
  }
  const state = await containerState(container);
  if (!state?.running) {
    const s = await $({ quiet: true, nothrow: true })`docker start ${container}`;
    if (s.exitCode !== 0) throw new Error(`docker start ${container} failed: ${s.stderr.trim()}`);
  }
  return `killed after ${killedAt} of ${waves.length} waves, started again`;
}

export const streamsExactlyOnce: Drill = {
  id: 'streams-exactly-once',
  title: 'Turn on exactly-once in a Kafka Streams app, and keep totals exact through a crash',
  track: 'dev',
  domain: 'streams-and-connect',
  difficulty: 'medium',
  minutes: 20,
  needs: { minBrokers: 1, mode: 'any', security: 'any' },
  task: (_facts, cluster) =>
    [
      `The repo's Kafka Streams app order-totals (npm run streams -- status --cluster ${cluster.name}) sums the orders of`,
      `'${APP.inputTopic}' per customer and writes each total to '${APP.outputTopic}'. On another cluster its container was`,
      'killed in the middle of the evening rush, and afterwards some customers\' totals were too big: orders counted twice.',
      'Find out how the app processes records (its processing guarantee), and make it process each order exactly once,',
      'through crashes too. Keep its application.id and its topics.',
      `The check asks the running app for its guarantee, then writes ${WAVES * PER_WAVE} orders in waves, kills the app's container`,
      '(docker kill) in the middle, starts it again and compares the totals of those orders.',
    ].join('\n'),
  async setup(ctx) {
    await removeOrderTotals(ctx);
    await startStreamsApp(ctx.cluster, ctx.d, APP, { guarantee: 'at_least_once' });
    await produceOrders(ctx, MORNING_ORDERS);
    // At least once commits (and flushes its store's cache) every 30 s: the totals show up then.
    const summed = await waitForTotals(ctx, totalsOf(MORNING_ORDERS), 120_000);
    if (!summed.exact) throw new Error(`the app did not sum the morning's orders: ${summed.saw}`);
    return { guarantee: 'at_least_once' };
  },
  async check(ctx) {
    if (!ctx.facts.guarantee) return [notTried('the app runs exactly once', 'the drill has nothing on record: start it again')];
    const out: Criterion[] = [];
    const app = await waitForAppRunning(ctx, 20_000);
    const running = app.report?.state === 'RUNNING';
    out.push(criterion('the app is RUNNING', running, showApp(app)));
    out.push(
      await grade(`the running app's processing.guarantee is ${WANTED}`, async () => {
        if (!app.report) return { ok: false, saw: app.why ?? 'the app does not answer' };
        const g = await runningGuarantee(appContainer(ctx.cluster), app.report);
        return { ok: g === WANTED, saw: `processing.guarantee=${g ?? '(unknown)'}` };
      }),
    );
    if (!running) {
      out.push(notTried('totals stay exact through a crash of the app', 'the app is not running'));
      return out;
    }
    const tag = randomBytes(3).toString('hex');
    const waves = crashStream(tag, WAVES, PER_WAVE);
    out.push(
      await grade(`the totals of ${WAVES * PER_WAVE} orders stay exact through a crash of the app (docker kill mid-stream, then docker start)`, async () => {
        const how = await crashMidStream(ctx, waves);
        // The restarted instance waits for the killed one's session to time out (10 s: consumer.session.timeout.ms of the app), then restores and catches up.
        const r = await waitForTotals(ctx, totalsOf(waves.flat()), 180_000);
        const why = r.over.length > 0 ? ': orders processed before the crash were processed again (at least once)' : '';
        return { ok: r.exact, saw: `${how}; ${r.saw}${why} (waited ${r.seconds}s)` };
      }),
    );
    return out;
  },
  hints: [
    'npm run streams -- status shows the app\'s processing.guarantee (and npm run streams -- --help how to start it with another). With at_least_once, Streams commits every commit.interval.ms (30 s): a crash between two commits replays the orders since the last one, and what they had already sent downstream (to the repartition topic) is sent again.',
    'exactly_once_v2 makes every commit a transaction over the output records, the changelog writes and the input offsets (commit.interval.ms 100 ms), reads its internal topics read_committed, and after a crash wipes the local state and restores it from the changelog. It needs brokers of 2.5 or later; kafka-transactions.sh list then shows the app\'s transactional ids.',
    'A guarantee is set when the app starts: npm run streams -- stop, then npm run streams -- start --guarantee exactly_once_v2 (the default), and npm run streams -- status shows it.',
  ],
  solution: {
    steps: [
      'npm run streams -- status   # processing.guarantee=at_least_once',
      'npm run streams -- stop',
      `npm run streams -- start --guarantee ${WANTED}`,
      `npm run streams -- status   # processing.guarantee=${WANTED}; kafka-transactions.sh list shows its transactional ids (kafkalab-order-totals-…)`,
    ],
    async run(ctx) {
      const before = await waitForAppRunning(ctx, 5_000);
      ctx.say(`$ npm run streams -- status --cluster ${ctx.cluster.name}`);
      ctx.say(indent(showApp(before)));
      ctx.say(`$ npm run streams -- stop --cluster ${ctx.cluster.name}`);
      await stopStreamsApp(ctx.cluster, APP);
      ctx.say(`$ npm run streams -- start --guarantee ${WANTED} --cluster ${ctx.cluster.name}`);
      const r = await startStreamsApp(ctx.cluster, ctx.d, APP, { guarantee: WANTED });
      ctx.say(indent(`RUNNING after ${(r.ms / 1000).toFixed(1)}s: ${showApp({ report: r.report })}`));
    },
  },
  explain: [
    'processing.guarantee decides what a Streams app does about crashes. at_least_once (the default of Kafka Streams',
    'itself) commits the input offsets every commit.interval.ms (30 s) after flushing its stores and producers: a crash',
    'in between replays the input since the last commit, and records already forwarded (to a repartition topic, a',
    'changelog, an output topic) are written again, so an aggregate counts them twice. exactly_once_v2 (KIP-447, brokers',
    '2.5+) runs each commit as one transaction per stream thread over the produced records, the changelog updates and',
    'the input offsets (sendOffsetsToTransaction), commits every 100 ms, reads read_committed, fences a zombie instance',
    'through its transactional.id, and after an unclean stop restores the stores from the committed changelog. Its cost',
    'is latency (output becomes visible at each commit) and some throughput; read_committed consumers downstream see',
    'only committed totals.',
  ].join('\n'),
  async reset(ctx) {
    await removeOrderTotals(ctx);
  },
};
