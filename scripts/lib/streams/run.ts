/**
 * Start and stop a Streams app on a running cluster: its topics made when missing, its class built
 * against the cluster's Kafka version (and the Streams jars), its container created, filled and
 * started, then waited for until the app reports RUNNING.
 */
import { $ } from 'zx';
import type { ResolvedCluster } from '../../../stacks/model/spec.ts';
import type { ConnectionDescriptor } from '../cluster/index.ts';
import { containerState, waitFor } from '../core/index.ts';
import { kafkaImageTag } from '../engine/index.ts';
import { ensureCompiledClass, ensureTopic } from '../kafka/index.ts';
import { streamsAppSource, type StreamsApp } from './apps.ts';
import { STREAMS_TAR_ROOT, streamsContainerName, streamsCreateArgs, streamsFilesTar, streamsReplicationFactor } from './container.ts';
import { ensureStreamsJars } from './jars.ts';
import { fetchAppReport, type AppReport } from './status.ts';

const q = { quiet: true, nothrow: true } as const;

export interface StartOptions {
  /** Progress lines. @default - none */
  readonly say?: (line: string) => void;
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

/**
 * Start the app on the cluster (the descriptor's, which must be up): idempotent, a running app is
 * left as it is. Throws with the reason (the topics cannot be made, the class not built, the
 * container not started, the app not RUNNING in time: its log tail).
 */
export async function startStreamsApp(cluster: ResolvedCluster, d: ConnectionDescriptor, app: StreamsApp, opts: StartOptions = {}): Promise<StartResult> {
  const started = Date.now();
  const say = opts.say ?? (() => undefined);
  const container = streamsContainerName(cluster, app);
  const now = await containerState(container);
  if (now?.running) {
    return { container, already: true, report: await waitForRunning(container, opts.timeoutMs ?? 180_000), ms: Date.now() - started };
  }
  const rf = streamsReplicationFactor(cluster);
  for (const topic of [app.inputTopic, app.outputTopic]) {
    say(`topic ${topic} (${app.partitions} partitions, RF ${rf})`);
    await ensureTopic(d, { name: topic, partitions: app.partitions, replicationFactor: rf });
  }
  say(`building ${app.className} against Kafka ${cluster.kafkaVersion} and its Streams jars`);
  const files = await ensureStreamsAppClass(cluster, app);
  say(`starting container ${container}`);
  await $(q)`docker rm -f ${container}`;
  const created = await $(q)`docker ${streamsCreateArgs(cluster, app, kafkaImageTag(cluster.kafkaVersion))}`;
  if (created.exitCode !== 0) throw new Error(`docker create ${container} failed: ${created.stderr.trim()}`);
  try {
    const copied = await $({ ...q, input: streamsFilesTar(cluster, app, files) })`docker cp - ${`${container}:${STREAMS_TAR_ROOT}`}`;
    if (copied.exitCode !== 0) throw new Error(`copying the app's files into ${container} failed: ${copied.stderr.trim()}`);
    const run = await $(q)`docker start ${container}`;
    if (run.exitCode !== 0) throw new Error(`docker start ${container} failed: ${run.stderr.trim()}`);
  } catch (error) {
    await $(q)`docker rm -f ${container}`;
    throw error;
  }
  say('waiting for the app to be RUNNING');
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
