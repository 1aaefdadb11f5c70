/**
 * Start and stop a Streams app on a running cluster: its topics made when missing, its class built
 * against the cluster's Kafka version (and the Streams jars), its container created, filled and
 * started (with exactly_once_v2, or the guarantee asked for), then waited for until the app reports RUNNING.
 */
import { $ } from 'zx';
import { OperationRefused } from '../../../stacks/model/errors.ts';
import type { ResolvedCluster } from '../../../stacks/model/spec.ts';
import type { ConnectionDescriptor } from '../cluster/index.ts';
import { containerState, waitFor } from '../core/index.ts';
import { kafkaImageTag } from '../engine/index.ts';
import { ensureCompiledClass, ensureTopic } from '../kafka/index.ts';
import { DEFAULT_GUARANTEE, streamsAppSource, type ProcessingGuarantee, type StreamsApp } from './apps.ts';
import { STREAMS_PATHS, STREAMS_TAR_ROOT, streamsContainerName, streamsCreateArgs, streamsFilesTar, streamsReplicationFactor } from './container.ts';
import { ensureStreamsJars } from './jars.ts';
import { fetchAppReport, type AppReport } from './status.ts';

const q = { quiet: true, nothrow: true } as const;

export interface LaunchOptions {
  /** Progress lines. @default - none */
  readonly say?: (line: string) => void;
  /** processing.guarantee of the app. @default 'exactly_once_v2' */
  readonly guarantee?: ProcessingGuarantee;
  /**
   * Make its input and output topics when they are missing. Off, the app starts without them, as
   * after a topic was deleted by mistake (what a drill stages). @default true
   */
  readonly makeTopics?: boolean;
}

export interface StartOptions extends LaunchOptions {
  /** How long to wait for RUNNING. @default 180000 */
  readonly timeoutMs?: number;
}

export interface StartResult {
  readonly container: string;
  /** It was running already: nothing was changed. */
  readonly already: boolean;
  readonly report: AppReport;
  readonly ms: number;
}

/** The app's class compiled against the version's jars and the Streams jars (cached). */
export async function ensureStreamsAppClass(cluster: ResolvedCluster, app: StreamsApp): Promise<{ classFile: string; jarsDir: string }> {
  const jarsDir = await ensureStreamsJars(cluster.kafkaVersion);
  const classFile = await ensureCompiledClass(cluster.kafkaVersion, streamsAppSource(app), app.className, { cacheName: `streams-${app.name}`, classpath: [jarsDir] });
  return { classFile, jarsDir };
}

/** Wait until the app reports RUNNING; while its container is not running (its restart policy may bring it back), the reason is its log tail. */
export async function waitForRunning(container: string, timeoutMs: number): Promise<AppReport> {
  return waitFor(
    async () => {
      const state = await containerState(container);
      if (!state?.running) {
        const logs = await $(q)`docker logs --tail 5 ${container}`;
        throw new Error(`container ${container} is ${state?.status ?? 'gone'}: ${(logs.stdout + logs.stderr).trim().split('\n').slice(-3).join(' | ')}`);
      }
      const report = await fetchAppReport(container);
      if (report.state !== 'RUNNING') throw new Error(`the app is ${report.state}`);
      return report;
    },
    { what: `Streams app in ${container} to be RUNNING`, timeoutMs },
  );
}

/** The processing.guarantee line of a rendered streams.properties, or undefined. */
export function guaranteeInProperties(text: string): string | undefined {
  return /^processing\.guarantee=(.*)$/m.exec(text)?.[1]?.trim();
}

/**
 * The guarantee a running app was started with: what it reports, else (an app built before it
 * reported it) its container's streams.properties; undefined when neither says.
 */
export async function runningGuarantee(container: string, report?: AppReport): Promise<string | undefined> {
  if (report?.processingGuarantee) return report.processingGuarantee;
  const r = await $(q)`docker exec ${container} cat ${STREAMS_PATHS.config}`;
  return r.exitCode === 0 ? guaranteeInProperties(r.stdout) : undefined;
}

/**
 * Make the topics (unless told not to), build the class, create, fill and start a new container of
 * the app (one left over is removed first); does not wait for the app. Returns the container's name.
 */
export async function launchStreamsApp(cluster: ResolvedCluster, d: ConnectionDescriptor, app: StreamsApp, opts: LaunchOptions = {}): Promise<string> {
  const say = opts.say ?? (() => undefined);
  const container = streamsContainerName(cluster, app);
  const rf = streamsReplicationFactor(cluster);
  if (opts.makeTopics ?? true) {
    for (const topic of [app.inputTopic, app.outputTopic]) {
      say(`topic ${topic} (${app.partitions} partitions, RF ${rf})`);
      await ensureTopic(d, { name: topic, partitions: app.partitions, replicationFactor: rf });
    }
  }
  say(`building ${app.className} against Kafka ${cluster.kafkaVersion} and its Streams jars`);
  const files = await ensureStreamsAppClass(cluster, app);
  const guarantee = opts.guarantee ?? DEFAULT_GUARANTEE;
  say(`starting container ${container} (processing.guarantee=${guarantee})`);
  await $(q)`docker rm -f ${container}`;
  const created = await $(q)`docker ${streamsCreateArgs(cluster, app, kafkaImageTag(cluster.kafkaVersion))}`;
  if (created.exitCode !== 0) throw new Error(`docker create ${container} failed: ${created.stderr.trim()}`);
  try {
    const copied = await $({ ...q, input: streamsFilesTar(cluster, app, files, guarantee) })`docker cp - ${`${container}:${STREAMS_TAR_ROOT}`}`;
    if (copied.exitCode !== 0) throw new Error(`copying the app's files into ${container} failed: ${copied.stderr.trim()}`);
    const run = await $(q)`docker start ${container}`;
    if (run.exitCode !== 0) throw new Error(`docker start ${container} failed: ${run.stderr.trim()}`);
  } catch (error) {
    await $(q)`docker rm -f ${container}`;
    throw error;
  }
  return container;
}

/**
 * Start the app on the cluster (the descriptor's, which must be up): idempotent, a running app is
 * left as it is; asked for another guarantee than the running app's, it is refused (an
 * OperationRefused that says to stop it first). Throws with the reason (the topics cannot be made,
 * the class not built, the container not started, the app not RUNNING in time: its log tail).
 */
export async function startStreamsApp(cluster: ResolvedCluster, d: ConnectionDescriptor, app: StreamsApp, opts: StartOptions = {}): Promise<StartResult> {
  const started = Date.now();
  const container = streamsContainerName(cluster, app);
  const now = await containerState(container);
  if (now?.running) {
    const running = opts.guarantee ? await runningGuarantee(container, await fetchAppReport(container).catch(() => undefined)) : undefined;
    if (opts.guarantee && running && running !== opts.guarantee) {
      throw new OperationRefused(
        `Streams app ${app.name} is running in ${container} with processing.guarantee=${running}, not ${opts.guarantee}: a guarantee is set when the app starts, so stop it first (npm run streams -- stop --cluster ${cluster.name}), then start it with --guarantee ${opts.guarantee}`,
        'failed',
      );
    }
    return { container, already: true, report: await waitForRunning(container, opts.timeoutMs ?? 180_000), ms: Date.now() - started };
  }
  await launchStreamsApp(cluster, d, app, opts);
  (opts.say ?? (() => undefined))('waiting for the app to be RUNNING');
  const report = await waitForRunning(container, opts.timeoutMs ?? 180_000);
  return { container, already: false, report, ms: Date.now() - started };
}

/** Stop the app (a clean shutdown: Streams commits and closes, up to 30 s) and remove its container; false when there was none. */
export async function stopStreamsApp(cluster: Pick<ResolvedCluster, 'name'>, app: StreamsApp): Promise<boolean> {
  const container = streamsContainerName(cluster, app);
  if (!(await containerState(container))) return false;
  await $(q)`docker stop -t 30 ${container}`;
  const rm = await $(q)`docker rm -f ${container}`;
  if (rm.exitCode !== 0) throw new Error(`docker rm ${container} failed: ${rm.stderr.trim()}`);
  return true;
}
