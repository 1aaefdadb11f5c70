/**
 * A Streams app's status: its container, what the app says on its HTTP endpoint (asked through
 * `docker exec`, so no port is published), its consumer group's lag (the group is its
 * application.id) and its internal topics, read from the cluster.
 */
import type { ConnectionDescriptor } from '../cluster/index.ts';
import { containerState, dockerExec } from '../core/index.ts';
import { groupLag, listTopicNames, type PartitionLag } from '../kafka/index.ts';
import { consumedTopicsOf, internalTopicsOf, type StreamsApp } from './apps.ts';
import { STREAMS_HTTP_PORT, streamsContainerName } from './container.ts';

/** What the app answers on GET /status (KafkalabOrderTotals.status()). */
export interface AppReport {
  readonly applicationId: string;
  /** KafkaStreams.State: CREATED, REBALANCING, RUNNING, PENDING_SHUTDOWN, NOT_RUNNING, PENDING_ERROR, ERROR. */
  readonly state: string;
  /** Its processing.guarantee (exactly_once_v2 or at_least_once); absent from an app built before it said so. */
  readonly processingGuarantee?: string;
  /** entries: the store's key count, or null while it cannot be queried (error says why). */
  readonly store: { readonly name: string; readonly entries: number | null; readonly error?: string };
  readonly threads: number;
  readonly input: string;
  readonly output: string;
  /** Orders skipped because their value did not parse. */
  readonly skipped: number;
  readonly lastError: string | null;
  readonly uptimeMs: number;
}

export interface StreamsStatus {
  readonly cluster: string;
  readonly app: string;
  readonly applicationId: string;
  readonly container: string;
  /** 'absent' when there is no container (not started, or stopped). */
  readonly containerStatus: string;
  readonly running: boolean;
  /** The app's own report, when its container runs and it answers. */
  readonly report?: AppReport;
  /** Why there is no report (container not running, no answer yet). */
  readonly reportError?: string;
  /** Its group's lag on the topics it reads: the total and each partition. */
  readonly lag?: { readonly total: number; readonly partitions: readonly PartitionLag[] };
  /** The app's internal topics on the cluster (repartition and changelog). */
  readonly internalTopics?: readonly string[];
  /** Why lag and internal topics could not be read (the cluster does not answer). */
  readonly kafkaError?: string;
}

/** The shell command that asks the app's endpoint from inside its container (bash only: no curl in the image). */
export function statusRequestCommand(port: number = STREAMS_HTTP_PORT, path = '/status'): string[] {
  return ['bash', '-c', `exec 3<>/dev/tcp/127.0.0.1/${port} && printf 'GET ${path} HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && cat <&3`];
}

/** The body of an HTTP/1.0 answer, when its status is 200; else an Error with the status line. */
export function parseHttpAnswer(raw: string): string {
  const split = raw.indexOf('\r\n\r\n');
  const head = split >= 0 ? raw.slice(0, split) : raw;
  const statusLine = head.split('\r\n')[0] ?? '';
  if (!/^HTTP\/1\.[01] 200 /.test(statusLine)) throw new Error(`the app answered ${statusLine.trim() || 'nothing'}`);
  return split >= 0 ? raw.slice(split + 4) : '';
}

/** The app's report from its container (throws why there is none). */
export async function fetchAppReport(container: string): Promise<AppReport> {
  const r = await dockerExec(container, statusRequestCommand(), { timeoutMs: 15_000 });
  if (r.exitCode !== 0) throw new Error(`its HTTP endpoint does not answer yet (${(r.stderr.trim().split('\n').pop() ?? '') || `exit ${r.exitCode}`})`);
  return JSON.parse(parseHttpAnswer(r.stdout)) as AppReport;
}

export interface StatusDeps {
  readonly report?: (container: string) => Promise<AppReport>;
  readonly topics?: (d: ConnectionDescriptor) => Promise<string[]>;
  readonly lag?: (d: ConnectionDescriptor, group: string, topics: readonly string[]) => Promise<PartitionLag[]>;
  readonly container?: (name: string) => Promise<{ running: boolean; status: string } | undefined>;
}

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e)).split('\n')[0]!;

/** Everything status shows of one app; never throws for a cluster or an app that does not answer (it says so). */
export async function streamsStatus(d: ConnectionDescriptor, app: StreamsApp, deps: StatusDeps = {}): Promise<StreamsStatus> {
  const container = streamsContainerName({ name: d.cluster }, app);
  const state = await (deps.container ?? containerState)(container);
  const base = { cluster: d.cluster, app: app.name, applicationId: app.applicationId, container, containerStatus: state?.status ?? 'absent', running: state?.running ?? false };
  let report: Partial<Pick<StreamsStatus, 'report' | 'reportError'>>;
  if (!state?.running) report = { reportError: state ? `its container is ${state.status}` : 'not started: npm run streams -- start' };
  else {
    try {
      report = { report: await (deps.report ?? fetchAppReport)(container) };
    } catch (error) {
      report = { reportError: messageOf(error) };
    }
  }
  let kafka: Partial<Pick<StreamsStatus, 'lag' | 'internalTopics' | 'kafkaError'>>;
  try {
    const topics = await (deps.topics ?? ((x) => listTopicNames(x)))(d);
    const partitions = await (deps.lag ?? ((x, g, t) => groupLag(x, g, t)))(d, app.applicationId, consumedTopicsOf(app, topics));
    kafka = { lag: { total: partitions.reduce((s, p) => s + p.lag, 0), partitions }, internalTopics: internalTopicsOf(app, topics) };
  } catch (error) {
    kafka = { kafkaError: `the cluster does not answer: ${messageOf(error)}` };
  }
  return { ...base, ...report, ...kafka };
}

/** The status as text for the terminal. */
export function renderStreamsStatus(s: StreamsStatus): string {
  const lines: string[] = [];
  const state = s.report?.state ?? (s.running ? 'unknown' : 'not running');
  lines.push(`Streams app ${s.app} of cluster ${s.cluster} (application.id ${s.applicationId}): ${state}`);
  lines.push(`  container   ${s.container} (${s.containerStatus})`);
  if (s.report) {
    const r = s.report;
    const store = r.store.entries === null ? `not queryable now${r.store.error ? ` (${r.store.error})` : ''}` : `${r.store.entries} key(s)`;
    lines.push(`  topics      ${r.input} -> ${r.output}`);
    if (r.processingGuarantee) lines.push(`  guarantee   processing.guarantee=${r.processingGuarantee}`);
    lines.push(`  store       ${r.store.name}: ${store}`);
    lines.push(`  threads     ${r.threads}; up ${Math.round(r.uptimeMs / 1000)}s; ${r.skipped} order(s) skipped as unreadable`);
    if (r.lastError) lines.push(`  last error  ${r.lastError}`);
  } else if (s.reportError) lines.push(`  app         ${s.reportError}`);
  if (s.kafkaError) lines.push(`  kafka       ${s.kafkaError}`);
  if (s.lag) {
    const byTopic = new Map<string, number>();
    for (const p of s.lag.partitions) byTopic.set(p.topic, (byTopic.get(p.topic) ?? 0) + p.lag);
    const detail = [...byTopic].map(([t, n]) => `${t} ${n}`).join(', ');
    lines.push(`  lag         ${s.lag.total} record(s)${detail ? ` (${detail})` : ' (nothing committed yet)'}`);
  }
  if (s.internalTopics) lines.push(`  internal    ${s.internalTopics.length > 0 ? s.internalTopics.join(', ') : 'none yet (Streams makes them when it first runs)'}`);
  return `${lines.join('\n')}\n`;
}
