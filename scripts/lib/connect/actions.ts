/**
 * What `npm run connect` does to connectors (restart, pause, resume), and the waits other commands
 * use: until the workers answer, until named connectors and their tasks run.
 */
import type { ConnectDescriptor } from '../cluster/index.ts';
import { systemClock, waitFor, type Clock, type Progress } from '../core/index.ts';
import { StepError } from '../../../stacks/model/errors.ts';
import { connectRest, ConnectRestError } from './rest.ts';
import { connectorsFrom, EXPANDED_PATH, type ConnectDeps, type ConnectorStatus, type ExpandedConnectors } from './status.ts';
import { onAnyWorker } from './workers.ts';

export interface RestartOptions extends ConnectDeps {
  /** Restart only the connector or tasks that FAILED (`onlyFailed=true`). @default false */
  readonly failedTasksOnly?: boolean;
}

/**
 * Restart a connector and its tasks (KIP-745: `POST /connectors/{name}/restart?includeTasks=true&onlyFailed=…`).
 * Returns the states Connect answered with (RESTARTING for what restarts), or undefined on an empty answer.
 */
export async function restartConnector(d: ConnectDescriptor, name: string, opts: RestartOptions = {}): Promise<ConnectorStatus | undefined> {
  const path = `/connectors/${encodeURIComponent(name)}/restart?includeTasks=true&onlyFailed=${opts.failedTasksOnly === true}`;
  const body = await onConnector(d, name, 'restart', opts, (rest) => rest.send('POST', path));
  if (!body || typeof body !== 'object' || !('connector' in body)) return undefined;
  return connectorsFrom({ [name]: { status: body as NonNullable<ExpandedConnectors[string]['status']> } })[0];
}

/** Pause a connector and its tasks (`PUT /connectors/{name}/pause`). */
export async function pauseConnector(d: ConnectDescriptor, name: string, deps: ConnectDeps = {}): Promise<void> {
  await onConnector(d, name, 'pause', deps, (rest) => rest.send('PUT', `/connectors/${encodeURIComponent(name)}/pause`));
}

/** Resume a paused connector (`PUT /connectors/{name}/resume`). */
export async function resumeConnector(d: ConnectDescriptor, name: string, deps: ConnectDeps = {}): Promise<void> {
  await onConnector(d, name, 'resume', deps, (rest) => rest.send('PUT', `/connectors/${encodeURIComponent(name)}/resume`));
}

/** The names of the group's connectors (`GET /connectors`), sorted. */
export async function listConnectors(d: ConnectDescriptor, deps: ConnectDeps = {}): Promise<string[]> {
  return (await onAnyWorker(d, deps, (rest) => rest.get<string[]>('/connectors'))).sort();
}

/** Run a call on a named connector; Connect's 404 becomes an error that lists the connectors there are. */
async function onConnector<T>(d: ConnectDescriptor, name: string, verb: string, deps: ConnectDeps, call: Parameters<typeof onAnyWorker<T>>[2]): Promise<T> {
  try {
    return await onAnyWorker(d, deps, call);
  } catch (error) {
    if (!(error instanceof ConnectRestError) || error.status !== 404) throw error;
    const names = await listConnectors(d, deps).catch(() => undefined);
    const there = names === undefined ? 'the list of connectors could not be read' : names.length === 0 ? 'the group has no connectors' : `the connectors: ${names.join(', ')}`;
    const flag = deps.cluster ? ` --cluster ${deps.cluster}` : '';
    throw new StepError(`${verb} ${name}`, `no connector '${name}' in Connect group '${d.groupId}' (Connect answered: ${error.reason}); ${there}`, `npm run connect -- status${flag}`);
  }
}

export interface WaitOptions extends ConnectDeps {
  readonly timeoutMs: number;
  /** @default 1000 */
  readonly intervalMs?: number;
  /** @default systemClock */
  readonly clock?: Clock;
  /** Updated with the last states while waiting. @default - no progress line */
  readonly progress?: Progress;
}

/**
 * Poll until every named connector is RUNNING with at least one task and all its tasks RUNNING;
 * a StepError after the deadline with the last states seen. Returns their statuses.
 */
export async function waitForConnectorsRunning(d: ConnectDescriptor, names: readonly string[], opts: WaitOptions & SettleOptions): Promise<ConnectorStatus[]> {
  const what = `connector${names.length === 1 ? '' : 's'} ${names.join(', ')} to run`;
  const clock = opts.clock ?? systemClock;
  const grace = opts.failedForMs;
  let brokenSince: number | undefined;
  let runningSince: number | undefined;
  const outcome = await deadline(what, opts, async () => {
    const all = connectorsFrom(await onAnyWorker(d, opts, (rest) => rest.get<ExpandedConnectors>(EXPANDED_PATH)));
    const wanted = names.map((n) => ({ name: n, status: all.find((c) => c.name === n) }));
    const idle = new Set(opts.noTasksOk ?? []);
    const notRunning = wanted.filter(({ name, status: c }) => !c || c.state !== 'RUNNING' || (c.tasks.length === 0 && !idle.has(name)) || c.tasks.some((t) => t.state !== 'RUNNING'));
    if (notRunning.length === 0) {
      // Settled: running at every read for stableForMs (a rebalance can still move a connector just after).
      runningSince ??= clock.now();
      const settle = opts.stableForMs ?? 0;
      if (clock.now() - runningSince >= settle) return { running: wanted.map((w) => w.status!) };
      throw new Error(`every one running for ${Math.round((clock.now() - runningSince) / 1000)}s of ${Math.round(settle / 1000)}s`);
    }
    runningSince = undefined;
    const states = notRunning.map(({ name, status }) => describeState(name, status)).join('; ');
    // Missing, or FAILED (which Connect never restarts by itself), for the whole grace: give up now.
    const broken = notRunning.some(({ status: c }) => !c || c.state === 'FAILED' || c.tasks.some((t) => t.state === 'FAILED'));
    if (grace === undefined || !broken) brokenSince = undefined;
    else if (brokenSince === undefined) brokenSince = clock.now();
    else if (clock.now() - brokenSince >= grace) return { broken: states };
    throw new Error(states);
  });
  if ('broken' in outcome) {
    const flag = opts.cluster ? ` --cluster ${opts.cluster}` : '';
    throw new StepError('waiting on Connect', `${outcome.broken} (for ${Math.round(grace! / 1000)}s: Connect does not restart a failed task by itself)`, `fix the connector's config and run npm run up${opts.cluster ? ` -- --cluster ${opts.cluster}` : ''}, or restart it: npm run connect -- restart <connector> --failed-tasks${flag}`);
  }
  return outcome.running;
}

export interface SettleOptions {
  /** Give up before the deadline once a connector has been missing or FAILED for this long. @default - wait to the deadline */
  readonly failedForMs?: number;
  /**
   * Connectors that may run with no task (MirrorMaker 2's checkpoint connector has none until a
   * group it checkpoints has committed offsets). @default []
   */
  readonly noTasksOk?: readonly string[];
  /**
   * Running at every read for this long before it counts: after a worker rejoins, the group's next
   * rebalance can still unassign a connector for a moment. @default 0
   */
  readonly stableForMs?: number;
}

/** One connector's state in one line: `name STATE, task 0 FAILED (error)`. */
export function describeState(name: string, c: ConnectorStatus | undefined): string {
  if (!c) return `${name} does not exist`;
  const own = `${name} ${c.state}${c.lastError ? ` (${c.lastError})` : ''}`;
  if (c.tasks.length === 0) return `${own}, no tasks yet`;
  return [own, ...c.tasks.map((t) => `task ${t.id} ${t.state}${t.error ? ` (${t.error})` : ''}`)].join(', ');
}

/**
 * Poll until every worker answers `GET /` and `GET /connectors` (a worker still joining the group
 * answers 409, or not in time); a StepError after the deadline naming the workers not ready.
 */
export async function waitForWorkers(d: ConnectDescriptor, opts: WaitOptions): Promise<void> {
  await deadline(`the ${d.workers.length} Connect worker${d.workers.length === 1 ? '' : 's'} of group '${d.groupId}'`, opts, async () => {
    const failures = await Promise.all(
      d.workers.map(async (w) => {
        const rest = connectRest(w.restUrl, opts);
        try {
          await rest.get('/');
          await rest.get('/connectors');
          return undefined;
        } catch (error) {
          return `${w.name}: ${error instanceof ConnectRestError ? (error.status === undefined ? error.reason : `HTTP ${error.status} ${error.reason}`) : String(error)}`;
        }
      }),
    );
    const notReady = failures.filter((f) => f !== undefined);
    if (notReady.length > 0) throw new Error(notReady.join('; '));
    return true;
  });
}

/** core's waitFor, its timeout as a StepError that says what to look at. */
async function deadline<T>(what: string, opts: WaitOptions, probe: () => Promise<T>): Promise<T> {
  try {
    return await waitFor(probe, { what, timeoutMs: opts.timeoutMs, intervalMs: opts.intervalMs ?? 1000, clock: opts.clock, progress: opts.progress });
  } catch (error) {
    const flag = opts.cluster ? ` --cluster ${opts.cluster}` : '';
    throw new StepError('waiting on Connect', error instanceof Error ? error.message : String(error), `npm run connect -- status${flag}; the workers' logs: docker logs <container>`);
  }
}
