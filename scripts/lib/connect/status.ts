/**
 * What `npm run connect -- status` shows: each worker's answer to `GET /`, and every connector with
 * its tasks as the first answering worker reports them (`GET /connectors?expand=status&expand=info`).
 */
import type { ConnectDescriptor } from '../cluster/index.ts';
import { StepError } from '../../../stacks/model/errors.ts';
import { connectRest, connectUpCommand, ConnectRestError, type RestOptions } from './rest.ts';
import { plainError } from './trace.ts';

/** How the domain reaches the workers: fetch, the per-request timeout, the `--cluster` value for hints. */
export type ConnectDeps = RestOptions;

export interface WorkerStatus {
  readonly name: string;
  readonly restUrl: string;
  readonly ok: boolean;
  /** Connect's version, when the worker answers. */
  readonly version?: string;
  /** Why it does not answer, in one line. */
  readonly error?: string;
}

export interface TaskStatus {
  readonly id: number;
  readonly state: string;
  readonly workerId: string;
  /** A failed task's error in plain words. */
  readonly error?: string;
}

export type ConnectorType = 'source' | 'sink' | 'unknown';

export interface ConnectorStatus {
  readonly name: string;
  readonly type: ConnectorType;
  /** RUNNING, PAUSED, STOPPED, FAILED, RESTARTING or UNASSIGNED. */
  readonly state: string;
  readonly workerId: string;
  readonly tasks: readonly TaskStatus[];
  /** The connector's own error in plain words (a failed task's is on the task). */
  readonly lastError?: string;
}

export interface ConnectStatus {
  readonly groupId: string;
  readonly workers: readonly WorkerStatus[];
  readonly connectors: readonly ConnectorStatus[];
}

/** Connect's answer to `GET /connectors?expand=status&expand=info`, as far as it is read here. */
export type ExpandedConnectors = Readonly<
  Record<
    string,
    {
      readonly status?: {
        readonly connector?: { readonly state?: string; readonly worker_id?: string; readonly trace?: string };
        readonly tasks?: readonly { readonly id: number; readonly state?: string; readonly worker_id?: string; readonly trace?: string }[];
        readonly type?: string;
      };
      readonly info?: { readonly type?: string };
    }
  >
>;

export const EXPANDED_PATH = '/connectors?expand=status&expand=info';

/** The workers' answers and the connectors; a StepError when no worker answers. */
export async function connectStatus(d: ConnectDescriptor, deps: ConnectDeps = {}): Promise<ConnectStatus> {
  const workers = await Promise.all(d.workers.map((w) => workerStatus(w, deps)));
  const answering = workers.filter((w) => w.ok);
  if (answering.length === 0) throw noWorkerAnswers(d, workers, deps.cluster);
  let lastError: unknown;
  for (const w of answering) {
    try {
      const expanded = await connectRest(w.restUrl, deps).get<ExpandedConnectors>(EXPANDED_PATH);
      return { groupId: d.groupId, workers, connectors: connectorsFrom(expanded) };
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}

async function workerStatus(w: ConnectDescriptor['workers'][number], deps: ConnectDeps): Promise<WorkerStatus> {
  try {
    const root = await connectRest(w.restUrl, deps).get<{ version?: string }>('/');
    return { name: w.name, restUrl: w.restUrl, ok: true, ...(root?.version ? { version: root.version } : {}) };
  } catch (error) {
    return { name: w.name, restUrl: w.restUrl, ok: false, error: error instanceof ConnectRestError ? error.reason : String(error) };
  }
}

/** No worker answers `GET /`: the cluster, or its Connect workers, may not be running. */
export function noWorkerAnswers(d: ConnectDescriptor, workers: readonly WorkerStatus[], cluster?: string): StepError {
  const each = workers.map((w) => `${w.name} (${w.restUrl}): ${w.error ?? 'no answer'}`).join('; ');
  return new StepError(
    'reaching Connect',
    `no worker of Connect group '${d.groupId}' answers (${each || 'the descriptor lists no worker'}): the cluster may not be running, or Connect is off`,
    `${connectUpCommand(cluster)} (then npm run connect -- status${cluster ? ` --cluster ${cluster}` : ''})`,
  );
}

/** The connectors sorted by name, their tasks by id, errors in plain words. */
export function connectorsFrom(expanded: ExpandedConnectors): ConnectorStatus[] {
  return Object.entries(expanded)
    .map(([name, { status, info }]) => {
      const trace = status?.connector?.trace;
      return {
        name,
        type: connectorType(status?.type ?? info?.type),
        state: status?.connector?.state ?? 'UNKNOWN',
        workerId: status?.connector?.worker_id ?? '',
        tasks: [...(status?.tasks ?? [])]
          .sort((a, b) => a.id - b.id)
          .map((t) => ({ id: t.id, state: t.state ?? 'UNKNOWN', workerId: t.worker_id ?? '', ...(t.trace ? { error: plainError(t.trace) } : {}) })),
        ...(trace ? { lastError: plainError(trace) } : {}),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

function connectorType(type: string | undefined): ConnectorType {
  return type === 'source' || type === 'sink' ? type : 'unknown';
}
