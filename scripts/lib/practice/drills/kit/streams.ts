/**
 * What the Kafka Streams drills share: the repo's order-totals app (scripts/lib/streams) on the
 * drill's cluster, orders written the way the app reads them, its totals read back from
 * customer-totals (the latest record per customer), the application reset tool run in a broker,
 * and the cleanup that leaves no app, group, internal topic or topic of it behind.
 *
 * The app's amounts are parsed here exactly as KafkalabOrderTotals.centsOf parses them (a decimal
 * of at most two places, not negative), so a grader can sum an input topic the way the app does.
 */
import { $ } from 'zx';
import { listenerSetLayout, type ListenerSet } from '../../../../../stacks/model/listener-sets.ts';
import type { ResolvedCluster } from '../../../../../stacks/model/spec.ts';
import { kafkaMajor, type KafkaVersion } from '../../../../../stacks/model/versions.ts';
import { ADMIN_CLIENT_PATH } from '../../../../../stacks/render/admin-client.ts';
import { containerState } from '../../../core/index.ts';
import { deleteGroupsIfPresent, deleteTopicsIfPresent, groupLag, groupState, listTopicNames, produceRecords, readWholeTopic, type PartitionLag } from '../../../kafka/index.ts';
import { consumedTopicsOf, fetchAppReport, internalTopicsOf, stopStreamsApp, streamsAppNamed, streamsContainerName, type AppReport } from '../../../streams/index.ts';
import { QUICK_TOOL_JVM } from './context.ts';
import { nodeHealth } from './nodes.ts';
import type { DrillContext } from './types.ts';

/** The app every Streams drill runs: orders-in → re-keyed by customer → customer-totals-store → customer-totals. */
export const ORDER_TOTALS = streamsAppNamed('order-totals');

/** Its container on the drill's cluster. */
export const appContainer = (cluster: Pick<ResolvedCluster, 'name'>): string => streamsContainerName(cluster, ORDER_TOTALS);

/** One order: its key (the order id), its customer and its amount in cents. */
export interface Order {
  readonly key: string;
  readonly customer: string;
  readonly cents: number;
}

/** A total as the app writes it: cents as a decimal text with two places ("37.50"). */
export function money(cents: number): string {
  if (!Number.isSafeInteger(cents) || cents < 0) throw new Error(`a total in cents must be a whole number of at least 0, not ${cents}`);
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

/** An order's value: the amount in euros (what the app expects), or in cents (the upstream bug one drill stages). */
export function orderValue(o: Order, unit: 'euros' | 'cents' = 'euros'): string {
  return JSON.stringify({ customer: o.customer, amount: unit === 'euros' ? Number(money(o.cents)) : o.cents });
}

/** Orders to write with produceRecords (keyed by order id). */
export const orderRecords = (orders: readonly Order[], unit: 'euros' | 'cents' = 'euros'): { key: string; value: string }[] => orders.map((o) => ({ key: o.key, value: orderValue(o, unit) }));

/** The raw text of a field's value in a flat JSON object, as KafkalabOrderTotals.rawField reads it; undefined when absent. */
export function rawField(json: string, field: string): string | undefined {
  const key = `"${field}"`;
  const k = json.indexOf(key);
  if (k < 0) return undefined;
  const colon = json.indexOf(':', k + key.length);
  if (colon < 0 || json.slice(k + key.length, colon).trim() !== '') return undefined;
  let end = colon + 1;
  let quoted = false;
  while (end < json.length) {
    const c = json[end]!;
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === ',' || c === '}')) break;
    end++;
  }
  return json.slice(colon + 1, end).trim();
}

/** Java's BigDecimal syntax: an optional sign, digits with an optional point, an optional exponent. */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * An order value read as the app reads it: its customer and its amount in whole cents, or undefined
 * when the app skips it (not a flat object with a plain "customer" string and an "amount" that is a
 * decimal of at most two places, not negative).
 */
export function parseOrder(value: string | null): { customer: string; cents: number } | undefined {
  if (value === null) return undefined;
  const rawCustomer = rawField(value, 'customer');
  if (rawCustomer === undefined || rawCustomer.length < 2 || !rawCustomer.startsWith('"') || !rawCustomer.endsWith('"')) return undefined;
  const customer = rawCustomer.slice(1, -1);
  if (customer === '' || customer.includes('"') || customer.includes('\\')) return undefined;
  const raw = rawField(value, 'amount');
  if (raw === undefined || !DECIMAL.test(raw)) return undefined;
  const [mantissa = '', exponent = '0'] = raw.split(/[eE]/);
  const negative = mantissa.startsWith('-');
  const [whole = '', fraction = ''] = mantissa.replace(/^[+-]/, '').split('.');
  // The amount is digits × 10^(exponent - fraction length); in cents, 2 more.
  const digits = BigInt(`${whole}${fraction}` || '0');
  const shift = Number(exponent) - fraction.length + 2;
  let cents: bigint;
  if (shift >= 0) cents = digits * 10n ** BigInt(shift);
  else {
    const unit = 10n ** BigInt(-shift);
    if (digits % unit !== 0n) return undefined; // finer than a cent
    cents = digits / unit;
  }
  if (negative && cents !== 0n) return undefined;
  if (cents > BigInt(Number.MAX_SAFE_INTEGER)) return undefined;
  return { customer, cents: Number(cents) };
}

/** Each customer's total in cents, summed as the app sums (values it would skip are skipped). */
export function sumOrders(values: readonly (string | null)[]): Map<string, number> {
  const totals = new Map<string, number>();
  for (const v of values) {
    const o = parseOrder(v);
    if (o) totals.set(o.customer, (totals.get(o.customer) ?? 0) + o.cents);
  }
  return totals;
}

/** The totals of orders (customer → cents). */
export const totalsOf = (orders: readonly Order[]): Map<string, number> => sumOrders(orders.map((o) => orderValue(o)));

/** The latest value of each key: the record with the highest offset (one key stays in one partition). */
export function latestByKey(records: readonly { key: string | null; value: string | null; offset: string | number }[]): Map<string, string> {
  const latest = new Map<string, { offset: number; value: string }>();
  for (const r of records) {
    if (r.key === null || r.value === null) continue;
    const prev = latest.get(r.key);
    if (!prev || Number(r.offset) > prev.offset) latest.set(r.key, { offset: Number(r.offset), value: r.value });
  }
  return new Map([...latest].map(([k, v]) => [k, v.value]));
}

/** A total as text → cents (undefined when it is not one the app writes). */
export function centsOfTotal(text: string | undefined): number | undefined {
  if (text === undefined || !/^\d+\.\d{2}$/.test(text)) return undefined;
  return Number(text.replace('.', ''));
}

export interface TotalsComparison {
  /** Every wanted customer has exactly its total. */
  readonly exact: boolean;
  /** Some customer's total is above what its orders add up to: an order was counted twice (totals only grow, so this stays wrong). */
  readonly over: readonly string[];
  /** Customers whose total is missing or below theirs (maybe not processed yet). */
  readonly under: readonly string[];
  /** What a criterion shows. */
  readonly saw: string;
}

/** Compare the totals read back with the wanted ones (customer → cents), for the wanted customers only. */
export function compareTotals(want: ReadonlyMap<string, number>, got: ReadonlyMap<string, string>): TotalsComparison {
  const over: string[] = [];
  const under: string[] = [];
  const lines: string[] = [];
  for (const [customer, cents] of want) {
    const text = got.get(customer);
    const have = centsOfTotal(text);
    if (have === cents) continue;
    lines.push(`${customer} ${text ?? 'no total'} (want ${money(cents)}${have !== undefined && have > cents ? `: ${money(have - cents)} too much` : ''})`);
    if (have !== undefined && have > cents) over.push(customer);
    else under.push(customer);
  }
  const exact = lines.length === 0;
  const saw = exact
    ? `${want.size} of ${want.size} customers exact, e.g. ${[...want].slice(0, 2).map(([c, cents]) => `${c} ${money(cents)}`).join(', ')}`
    : `${want.size - lines.length} of ${want.size} exact; ${lines.slice(0, 3).join('; ')}${lines.length > 3 ? `; … (${lines.length} off)` : ''}`;
  return { exact, over, under, saw };
}

/** The latest total of each customer in customer-totals (read_committed, with kcat). */
export async function readTotals(ctx: DrillContext): Promise<Map<string, string>> {
  return latestByKey(await readWholeTopic(await ctx.live(), ORDER_TOTALS.outputTopic));
}

export interface WaitForTotalsOptions {
  /**
   * When a total above its orders' sum is final. By default at once (totals only grow, so a total
   * over its sum counted an order twice); where customer-totals may still hold totals from before a
   * reprocessing, only once this says the app has caught up (caughtUp). @default - at once
   */
  readonly overIsFinal?: () => Promise<boolean>;
}

/**
 * Wait until the wanted totals are all exact. Stops early when a total is above its orders' sum
 * and that is final (see WaitForTotalsOptions); else gives up at the deadline. Never throws for a read that fails.
 */
export async function waitForTotals(ctx: DrillContext, want: ReadonlyMap<string, number>, timeoutMs: number, opts: WaitForTotalsOptions = {}): Promise<TotalsComparison & { readonly seconds: number }> {
  const t0 = Date.now();
  let last: TotalsComparison = { exact: false, over: [], under: [...want.keys()], saw: 'nothing read yet' };
  for (;;) {
    try {
      last = compareTotals(want, await readTotals(ctx));
    } catch (error) {
      last = { ...last, saw: `customer-totals could not be read: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}` };
    }
    const done = last.exact || Date.now() - t0 >= timeoutMs || (last.over.length > 0 && (opts.overIsFinal ? await opts.overIsFinal().catch(() => false) : true));
    if (done) return { ...last, seconds: Math.round((Date.now() - t0) / 1000) };
    await new Promise((done) => setTimeout(done, 2000));
  }
}

/**
 * Whether a group's lag says the app has processed everything: nothing left on its input, and at
 * most one record per partition of its repartition topic (under exactly-once the transaction's
 * commit marker, which a consumer never commits past). False when it has committed nothing.
 */
export function caughtUp(lag: readonly PartitionLag[], inputTopic: string): boolean {
  const input = lag.filter((p) => p.topic === inputTopic);
  const internal = lag.filter((p) => p.topic !== inputTopic);
  return input.length > 0 && input.every((p) => p.committed >= 0 && p.lag === 0) && internal.every((p) => p.lag <= 1);
}

/** The app's lag now, as caughtUp reads it. */
export async function appCaughtUp(ctx: DrillContext): Promise<boolean> {
  const d = await ctx.live();
  return caughtUp(await groupLag(d, ORDER_TOTALS.applicationId, consumedTopicsOf(ORDER_TOTALS, await listTopicNames(d))), ORDER_TOTALS.inputTopic);
}

/** Write orders to the app's input (acks=all). */
export async function produceOrders(ctx: DrillContext, orders: readonly Order[], unit: 'euros' | 'cents' = 'euros'): Promise<void> {
  await produceRecords(await ctx.live(), ORDER_TOTALS.inputTopic, orderRecords(orders, unit), { perRequest: 100 });
}

/** The app's own report, or why there is none (its container not running, no answer yet). */
export async function appReport(ctx: DrillContext): Promise<{ report?: AppReport; why?: string }> {
  const container = appContainer(ctx.cluster);
  const state = await containerState(container);
  if (!state) return { why: `no container ${container}: the app is not started (npm run streams -- start --cluster ${ctx.cluster.name})` };
  if (!state.running) return { why: `its container ${container} is ${state.status}` };
  try {
    return { report: await fetchAppReport(container) };
  } catch (error) {
    return { why: error instanceof Error ? error.message.split('\n')[0]! : String(error) };
  }
}

/** Wait (up to timeoutMs) until the app reports RUNNING; the last report or reason either way. */
export async function waitForAppRunning(ctx: DrillContext, timeoutMs: number): Promise<{ report?: AppReport; why?: string }> {
  const t0 = Date.now();
  for (;;) {
    const r = await appReport(ctx);
    if (r.report?.state === 'RUNNING' || Date.now() - t0 >= timeoutMs) return r;
    await new Promise((done) => setTimeout(done, 2000));
  }
}

/** What a criterion on the app's state shows. */
export function showApp(r: { report?: AppReport; why?: string }): string {
  if (!r.report) return r.why ?? 'no report';
  const x = r.report;
  return `${x.state}${x.processingGuarantee ? `, processing.guarantee=${x.processingGuarantee}` : ''}, store ${x.store.entries === null ? 'not queryable' : `${x.store.entries} key(s)`}${x.lastError ? `; last error: ${x.lastError}` : ''}`;
}

/** The last lines of the app's log (its container's). */
export async function appLogTail(cluster: Pick<ResolvedCluster, 'name'>, lines = 200): Promise<string> {
  const r = await $({ quiet: true, nothrow: true })`docker logs --tail ${lines} ${appContainer(cluster)}`;
  return `${r.stdout}${r.stderr}`;
}

/** The class of the application reset tool (kafka-streams-application-reset.sh upstream; that script is not in kafkalab's image). */
export const STREAMS_RESETTER_CLASS = 'org.apache.kafka.tools.StreamsResetter';

/** The reset tool's flag for the admin's client config: --command-config from Kafka 4.0, --config-file before. */
export const resetterConfigFlag = (version: KafkaVersion): string => (kafkaMajor(version) >= 4 ? '--command-config' : '--config-file');

/** The argv of the reset tool run in a broker's container as the admin, through its internal listener. */
export function streamsResetterArgv(version: KafkaVersion, hostname: string, args: readonly string[], set: ListenerSet = 'a'): string[] {
  return ['env', ...QUICK_TOOL_JVM, 'kafka-run-class.sh', STREAMS_RESETTER_CLASS, '--bootstrap-server', `${hostname}:${listenerSetLayout(set).internalPort}`, resetterConfigFlag(version), ADMIN_CLIENT_PATH, ...args];
}

/** The same, as a learner types it in a broker (`docker exec -it <broker> …`). */
export function streamsResetterCommand(version: KafkaVersion, hostname: string, args: readonly string[]): string {
  return ['kafka-run-class.sh', STREAMS_RESETTER_CLASS, '--bootstrap-server', `${hostname}:9092`, resetterConfigFlag(version), ADMIN_CLIENT_PATH, ...args].join(' ');
}

/** Run the reset tool in the first broker that is up; throws with its last error line. Returns its output. */
export async function runStreamsResetter(ctx: DrillContext, args: readonly string[]): Promise<string> {
  const node = (await nodeHealth(ctx.cluster)).find((n) => n.broker && n.up);
  if (!node) throw new Error(`no broker of cluster '${ctx.cluster.name}' is up to run the reset tool`);
  const r = await ctx.exec(node.container, streamsResetterArgv(ctx.cluster.kafkaVersion, node.hostname, args, ctx.cluster.listeners.set), { timeoutMs: 120_000 });
  const out = `${r.stdout}${r.stderr}`.trim();
  if (r.exitCode !== 0) {
    const why = out.split('\n').map((l) => l.trim()).filter((l) => l && !/^\s*at /.test(l)).find((l) => /ERROR|Exception|still active/i.test(l)) ?? out.split('\n').pop() ?? `exit ${r.exitCode}`;
    throw new Error(`the application reset tool failed in ${node.container} (exit ${r.exitCode}): ${why}`);
  }
  return out;
}

/**
 * Remove the app and everything it made, as setup and reset need it: its container (a clean
 * stop), the members its stopped instances leave in its group (Streams does not leave the group on
 * close: the reset tool's --force removes them), the group, its internal topics, and its input and
 * output topics. Safe to run again, and on a cluster that never ran it.
 */
export async function removeOrderTotals(ctx: DrillContext): Promise<void> {
  await stopStreamsApp(ctx.cluster, ORDER_TOTALS);
  const d = await ctx.live();
  const group = await groupState(d, ORDER_TOTALS.applicationId).catch(() => ({ state: 'Dead', members: 0 }));
  if (group.members > 0) await runStreamsResetter(ctx, ['--application-id', ORDER_TOTALS.applicationId, '--force']);
  await deleteGroupsIfPresent(d, [ORDER_TOTALS.applicationId]);
  const topics = await listTopicNames(d);
  await deleteTopicsIfPresent(d, [...internalTopicsOf(ORDER_TOTALS, topics), ORDER_TOTALS.inputTopic, ORDER_TOTALS.outputTopic].filter((t) => topics.includes(t)));
}
