/**
 * A rolling restart of a cluster's Connect workers, one at a time, so that the connectors keep
 * running through it. The algorithm:
 * 1. Before anything: every worker answers, and every connector and task of the group runs
 *    (a roll never starts on a group that is already broken).
 * 2. For each worker in order: restart its container (a graceful stop: the worker leaves the group
 *    and its tasks move to the others, or wait for it within scheduled.rebalance.max.delay.ms).
 * 3. Wait until that worker answers again (`GET /` and `GET /connectors`).
 * 4. Wait until every connector and task runs again, and keeps running for a settle time (the
 *    group's rebalances after a worker rejoins can unassign a connector for a moment), before the
 *    next worker. A connector whose tasks are still not running once the group's delay for a
 *    returning worker (scheduled.rebalance.max.delay.ms, 30 s) has passed is restarted with its
 *    tasks through Connect's API, once, and said so (seen in CI: a task left unassigned for 3 min).
 * 5. Report each worker's restart and how long its connectors took to run again.
 * The dependencies (restart, clock, progress, REST) are parameters, so tests drive it with fakes.
 */
import type { ConnectDescriptor } from '../cluster/index.ts';
import { systemClock, type Clock, type Progress } from '../core/index.ts';
import { restartConnector, waitForConnectorsRunning, waitForWorkers } from './actions.ts';
import { connectStatus, type ConnectDeps } from './status.ts';

export interface RollWorkersDeps extends ConnectDeps {
  /** Restart one worker's container (e.g. `docker restart -t 30 <container>`). */
  readonly restart: (container: string) => Promise<void>;
  /** @default systemClock */
  readonly clock?: Clock;
  /** One line per step. @default - silent */
  readonly say?: (line: string) => void;
  readonly progress?: Progress;
  /** Deadline of each wait. @default 180000 */
  readonly timeoutMs?: number;
  /** How long every connector must keep running after a worker is back. @default 10000 */
  readonly stableForMs?: number;
}

export interface WorkerRestart {
  readonly worker: string;
  /** From the restart to the worker answering again. */
  readonly answeringMs: number;
  /** From the restart to every connector and task running again. */
  readonly runningMs: number;
}

export interface RollWorkersReport {
  readonly connectors: readonly string[];
  readonly workers: readonly WorkerRestart[];
  readonly totalMs: number;
}

export async function rollWorkers(d: ConnectDescriptor, deps: RollWorkersDeps): Promise<RollWorkersReport> {
  const clock = deps.clock ?? systemClock;
  const say = deps.say ?? (() => undefined);
  const wait = { ...deps, timeoutMs: deps.timeoutMs ?? 180_000, clock };
  const started = clock.now();
  // Step 1.
  await waitForWorkers(d, wait);
  const status = (await connectStatus(d, deps)).connectors;
  const connectors = status.map((c) => c.name);
  // A connector running with no task (MirrorMaker 2's checkpoint connector before any group commits) stays so.
  const noTasksOk = status.filter((c) => c.state === 'RUNNING' && c.tasks.length === 0).map((c) => c.name);
  if (connectors.length > 0) await waitForConnectorsRunning(d, connectors, { ...wait, failedForMs: 15_000, noTasksOk, stableForMs: 0 });
  say(`${d.workers.length} worker(s) answering, ${connectors.length} connector(s) running: restarting the workers one at a time`);
  const restarts: WorkerRestart[] = [];
  for (const w of d.workers) {
    // Steps 2 to 4.
    const t0 = clock.now();
    say(`restarting ${w.name} (${w.container})`);
    await deps.restart(w.container);
    await waitForWorkers({ ...d, workers: [w] }, wait);
    const answeringMs = clock.now() - t0;
    if (connectors.length > 0) await runningAgain(d, connectors, noTasksOk, { ...wait, stableForMs: deps.stableForMs ?? 10_000 }, say);
    const runningMs = clock.now() - t0;
    say(`${w.name} back: answering after ${(answeringMs / 1000).toFixed(1)}s, every connector running after ${(runningMs / 1000).toFixed(1)}s`);
    restarts.push({ worker: w.name, answeringMs, runningMs });
  }
  // Step 5.
  return { connectors, workers: restarts, totalMs: clock.now() - started };
}

/** How long after a worker is back its connectors may take before they are restarted: past the group's 30 s delay for a returning worker. */
export const NUDGE_AFTER_MS = 45_000;

/** Step 4: every connector running and settled; the ones still not running after NUDGE_AFTER_MS restarted once with their tasks. */
async function runningAgain(
  d: ConnectDescriptor,
  connectors: readonly string[],
  noTasksOk: readonly string[],
  wait: RollWorkersDeps & { readonly timeoutMs: number; readonly clock: Clock; readonly stableForMs: number },
  say: (line: string) => void,
): Promise<void> {
  const settle = { ...wait, failedForMs: 30_000, noTasksOk };
  try {
    await waitForConnectorsRunning(d, connectors, { ...settle, timeoutMs: Math.min(NUDGE_AFTER_MS, wait.timeoutMs) });
    return;
  } catch (error) {
    if (wait.timeoutMs <= NUDGE_AFTER_MS) throw error;
  }
  const status = (await connectStatus(d, wait)).connectors;
  const stuck = status.filter((c) => connectors.includes(c.name) && (c.state !== 'RUNNING' || c.tasks.some((t) => t.state !== 'RUNNING') || (c.tasks.length === 0 && !noTasksOk.includes(c.name))));
  for (const c of stuck) {
    say(`${c.name}: ${c.state}, ${c.tasks.length === 0 ? 'no task running' : c.tasks.map((t) => `task ${t.id} ${t.state}`).join(', ')} ${Math.round(NUDGE_AFTER_MS / 1000)} s after the worker came back: restarting it with its tasks`);
    await restartConnector(d, c.name, wait);
  }
  await waitForConnectorsRunning(d, connectors, { ...settle, timeoutMs: wait.timeoutMs - NUDGE_AFTER_MS });
}
