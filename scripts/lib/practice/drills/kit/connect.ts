/**
 * What the Kafka Connect drills share: the cluster's workers (from the descriptor), connectors made
 * and removed over Connect's REST API (`PUT /connectors/<name>/config`, `DELETE /connectors/<name>`),
 * a connector's state, the worker that runs a task, shell commands and files in the workers as the
 * `kafka` user (the worker's file area, /var/lib/connect), and the grants the workers' user needs on a
 * drill's topics when the cluster has an authorizer.
 */
import { $ } from 'zx';
import { sinkGroupOf } from '../../../../../stacks/model/access-connectors.ts';
import type { ConnectDescriptor } from '../../../cluster/index.ts';
import { connectStatus, ConnectRestError, noAnswerReason, onAnyWorker, type ConnectorStatus } from '../../../connect/index.ts';
import { waitFor } from '../../../core/index.ts';
import { deleteGroupsIfPresent, groupState } from '../../../kafka/index.ts';
import type { DrillContext } from './types.ts';

/** The worker's own file area in every Connect container (owned by the kafka user). */
export const CONNECT_FILES = '/var/lib/connect';

/** The cluster's Connect workers; throws with the command that turns Connect on. */
export function connectOf(ctx: DrillContext): ConnectDescriptor {
  if (ctx.d.connect) return ctx.d.connect;
  const c = ctx.cluster.connect;
  if (c) {
    return {
      restUrl: `http://127.0.0.1:${c.workers[0]!.restPort}`,
      groupId: c.groupId,
      workers: c.workers.map((w) => ({ name: w.hostname, container: w.containerName, restUrl: `http://127.0.0.1:${w.restPort}` })),
    };
  }
  throw new Error(`cluster '${ctx.cluster.name}' has no Kafka Connect: npm run up -- --cluster ${ctx.cluster.name} --connect`);
}

/** The worker a status names (`connect-2:8083` → the worker whose hostname is connect-2), or undefined. */
export function workerOf(d: ConnectDescriptor, workerId: string): ConnectDescriptor['workers'][number] | undefined {
  const host = workerId.replace(/:\d+$/, '');
  return d.workers.find((w) => w.name === host);
}

/** A REST call with an optional JSON body on the first worker that answers; undefined for an empty answer. */
async function rest(ctx: DrillContext, method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<unknown> {
  const timeoutMs = 30_000;
  return onAnyWorker(connectOf(ctx), { cluster: ctx.cluster.name }, async (r) => {
    const url = `${r.baseUrl}${path}`;
    let res: Response;
    let text: string;
    try {
      res = await fetch(url, {
        method,
        signal: AbortSignal.timeout(timeoutMs),
        headers: { accept: 'application/json', ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      text = await res.text();
    } catch (error) {
      throw new ConnectRestError(method, url, undefined, `the worker at ${r.baseUrl} is not answering: ${noAnswerReason(error, timeoutMs)}`, `npm run up -- --cluster ${ctx.cluster.name} --connect`);
    }
    let parsed: unknown;
    try {
      parsed = text.trim() === '' ? undefined : (JSON.parse(text) as unknown);
    } catch {
      parsed = undefined;
    }
    if (!res.ok) {
      const message = parsed && typeof parsed === 'object' && 'message' in parsed ? String((parsed as { message: unknown }).message) : text.trim().slice(0, 200);
      throw new ConnectRestError(method, url, res.status, message || 'no message', `npm run connect -- status --cluster ${ctx.cluster.name}`);
    }
    return parsed;
  });
}

/** Create or update a connector (`PUT /connectors/<name>/config`); Connect validates the config first. */
export async function putConnectorConfig(ctx: DrillContext, name: string, config: Readonly<Record<string, string>>): Promise<void> {
  await rest(ctx, 'PUT', `/connectors/${encodeURIComponent(name)}/config`, config);
}

/** A connector's config as Connect holds it (`GET /connectors/<name>/config`), or undefined when there is none. */
export async function connectorConfig(ctx: DrillContext, name: string): Promise<Record<string, string> | undefined> {
  try {
    return (await rest(ctx, 'GET', `/connectors/${encodeURIComponent(name)}/config`)) as Record<string, string>;
  } catch (error) {
    if (error instanceof ConnectRestError && error.status === 404) return undefined;
    throw error;
  }
}

/** `DELETE /connectors/<name>`; nothing when there is no such connector. */
export async function deleteConnectorIfPresent(ctx: DrillContext, name: string): Promise<void> {
  try {
    await rest(ctx, 'DELETE', `/connectors/${encodeURIComponent(name)}`);
  } catch (error) {
    if (error instanceof ConnectRestError && error.status === 404) return;
    throw error;
  }
}

/** One connector's state and its tasks (`GET /connectors?expand=status`), or undefined when it does not exist. */
export async function connectorStatusOf(ctx: DrillContext, name: string): Promise<ConnectorStatus | undefined> {
  return (await connectStatus(connectOf(ctx), { cluster: ctx.cluster.name })).connectors.find((c) => c.name === name);
}

/** `RUNNING, task 0 FAILED (why)`: a connector's state in one line. */
export function showConnector(c: ConnectorStatus | undefined): string {
  if (!c) return 'no such connector';
  const tasks = c.tasks.length === 0 ? 'no tasks' : c.tasks.map((t) => `task ${t.id} ${t.state}${t.workerId ? ` on ${t.workerId}` : ''}${t.error ? ` (${t.error})` : ''}`).join(', ');
  return `${c.state}${c.lastError ? ` (${c.lastError})` : ''}, ${tasks}`;
}

/** RUNNING with at least one task, every task RUNNING. */
export const isRunning = (c: ConnectorStatus | undefined): boolean => !!c && c.state === 'RUNNING' && c.tasks.length > 0 && c.tasks.every((t) => t.state === 'RUNNING');

/** Poll until the connector's status satisfies `ok`; throws with the last state after the deadline. */
export async function waitForConnector(ctx: DrillContext, name: string, ok: (c: ConnectorStatus | undefined) => boolean, what: string, timeoutMs = 90_000): Promise<ConnectorStatus | undefined> {
  let last: ConnectorStatus | undefined;
  await waitFor(
    async () => {
      last = await connectorStatusOf(ctx, name);
      if (!ok(last)) throw new Error(`${name}: ${showConnector(last)}`);
      return true;
    },
    { what, timeoutMs, intervalMs: 1500 },
  );
  return last;
}

/** A bash script in a worker's container as the kafka user (the worker's own user); never throws. */
export async function workerShell(container: string, script: string, input?: string): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  const out = await $({ quiet: true, nothrow: true, timeout: 60_000, ...(input !== undefined ? { input } : {}) })`docker exec ${input !== undefined ? ['-i'] : []} -u kafka ${container} bash -c ${script}`;
  return { exitCode: out.exitCode ?? 1, stdout: out.stdout, stderr: out.stderr };
}

/** The same script in every worker; throws with the first failure. */
export async function onEveryWorker(ctx: DrillContext, script: string, input?: string): Promise<void> {
  for (const w of connectOf(ctx).workers) {
    const r = await workerShell(w.container, script, input);
    if (r.exitCode !== 0) throw new Error(`in ${w.container}: ${script} failed (exit ${r.exitCode}): ${(r.stderr || r.stdout).trim().split('\n').pop() ?? ''}`);
  }
}

/** `'quoted'` for bash. */
export const shellQuote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

/** A file in a worker: its text, or undefined when it cannot be read. */
export async function workerFile(container: string, path: string): Promise<string | undefined> {
  const r = await workerShell(container, `cat ${shellQuote(path)}`);
  return r.exitCode === 0 ? r.stdout : undefined;
}

/** When each worker's container last started (`docker inspect`), by container name ('' when missing). */
export async function workerStarts(ctx: DrillContext): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const w of connectOf(ctx).workers) {
    const r = await $({ quiet: true, nothrow: true })`docker inspect --format ${'{{.State.StartedAt}}'} ${w.container}`;
    out[w.container] = r.exitCode === 0 ? r.stdout.trim() : '';
  }
  return out;
}

/** `container=startedAt` facts, and back. */
export const startsFact = (starts: Readonly<Record<string, string>>): string[] => Object.entries(starts).map(([c, at]) => `${c}=${at}`);
export function parseStartsFact(fact: readonly string[]): Record<string, string> {
  return Object.fromEntries(fact.map((f) => [f.slice(0, f.indexOf('=')), f.slice(f.indexOf('=') + 1)]));
}

/** The keys whose values differ between two configs, `key: before → after`, sorted. */
export function configChanges(before: Readonly<Record<string, string>>, after: Readonly<Record<string, string>>): string[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return keys.filter((k) => before[k] !== after[k]).map((k) => `${k}: ${before[k] ?? '(none)'} → ${after[k] ?? '(none)'}`);
}

export { grantConnector, revokeConnector, type ConnectorGrant } from './connect-grants.ts';

/**
 * Create a connector STOPPED (`POST /connectors` with `initial_state`, KIP-980), forget the source
 * offsets an earlier connector of that name left (`DELETE /connectors/<name>/offsets`, KIP-875: a
 * FileStreamSource would otherwise resume at the old position of its file), then start it (`resume`).
 */
export async function createFresh(ctx: DrillContext, name: string, config: Readonly<Record<string, string>>): Promise<void> {
  await rest(ctx, 'POST', '/connectors', { name, config, initial_state: 'STOPPED' });
  await resetOffsets(ctx, name);
  await rest(ctx, 'PUT', `/connectors/${encodeURIComponent(name)}/resume`);
}

/** `DELETE /connectors/<name>/offsets` of a stopped connector, tried again while the stop is still under way. */
async function resetOffsets(ctx: DrillContext, name: string): Promise<void> {
  await waitFor(
    async () => {
      await rest(ctx, 'DELETE', `/connectors/${encodeURIComponent(name)}/offsets`);
      return true;
    },
    { what: `the offsets of '${name}' to be reset`, timeoutMs: 60_000, intervalMs: 2000 },
  );
}

/**
 * Remove a connector and what it left in Kafka: a source is stopped and its offsets reset first
 * (they outlive the connector in the offsets topic); the connector (`DELETE`); then a sink's group
 * connect-<name> once its consumer has left (its committed offsets would outlive the connector too).
 */
export async function removeConnector(ctx: DrillContext, name: string, type: 'source' | 'sink'): Promise<void> {
  if (type === 'source' && (await connectorConfig(ctx, name))) {
    await rest(ctx, 'PUT', `/connectors/${encodeURIComponent(name)}/stop`);
    await resetOffsets(ctx, name);
  }
  await deleteConnectorIfPresent(ctx, name);
  if (type !== 'sink') return;
  const group = sinkGroupOf(name);
  await waitFor(
    async () => {
      const s = await groupState(ctx.d, group);
      if (s.members > 0) throw new Error(`group ${group} still has ${s.members} member(s)`);
      await deleteGroupsIfPresent(ctx.d, [group]);
      return true;
    },
    { what: `the sink group '${group}' to be empty and deleted`, timeoutMs: 60_000, intervalMs: 2000 },
  );
}

export const STRING_CONVERTER = 'org.apache.kafka.connect.storage.StringConverter';

/** A FileStreamSink that writes each record's value of `topic` as a line of `file` (strings in, strings out). */
export function fileSinkConfig(topic: string, file: string): Record<string, string> {
  return { 'connector.class': 'FileStreamSink', 'tasks.max': '1', topics: topic, file, 'key.converter': STRING_CONVERTER, 'value.converter': STRING_CONVERTER };
}

/** A FileStreamSource that writes each new line of `file` to `topic` as a string value (key null). */
export function fileSourceConfig(file: string, topic: string): Record<string, string> {
  return { 'connector.class': 'FileStreamSource', 'tasks.max': '1', file, topic, 'key.converter': STRING_CONVERTER, 'value.converter': STRING_CONVERTER };
}

/** Which of `want` are lines of `text`. */
export function linesFound(text: string, want: readonly string[]): { found: string[]; missing: string[] } {
  const lines = new Set(text.split('\n').map((l) => l.replace(/\r$/, '')));
  return { found: want.filter((w) => lines.has(w)), missing: want.filter((w) => !lines.has(w)) };
}

/**
 * Does a file in the workers hold every wanted line? The file of every worker is read (a task that
 * moved wrote part of it in another worker), polled until `timeoutMs` (a sink flushes at its offset
 * commit, every 5 s here).
 */
export async function workerFileHolds(ctx: DrillContext, path: string, want: readonly string[], timeoutMs = 30_000): Promise<{ ok: boolean; saw: string }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const seen: string[] = [];
    let text = '';
    for (const w of connectOf(ctx).workers) {
      const t = await workerFile(w.container, path);
      seen.push(`${w.container}: ${t === undefined ? 'no such file' : `${t.split('\n').filter(Boolean).length} lines`}`);
      text += `${t ?? ''}\n`;
    }
    const { found, missing } = linesFound(text, want);
    const saw = `${found.length} of ${want.length} records in ${path} (${seen.join('; ')})${missing.length > 0 ? `; missing e.g. '${missing[0]}'` : ''}`;
    if (missing.length === 0 || Date.now() >= deadline) return { ok: missing.length === 0, saw };
    await new Promise((done) => setTimeout(done, 2000));
  }
}

/** The first worker's REST URL for a task's text (a placeholder while Connect is off). */
export function restUrlOf(cluster: DrillContext['cluster']): string {
  const w = cluster.connect?.workers[0];
  return w ? `http://127.0.0.1:${w.restPort}` : 'http://127.0.0.1:<basePort+19>';
}

/** The curl command that PUTs a connector config (what the solutions print). */
export const putCommand = (restUrl: string, name: string, config: Readonly<Record<string, string>>): string =>
  `curl -s -X PUT -H 'Content-Type: application/json' ${restUrl}/connectors/${name}/config -d '${JSON.stringify(config).replace(/'/g, `'\\''`)}'`;
