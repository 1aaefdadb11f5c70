/**
 * Kafka Connect of a cluster: the spec's `connect` switch, its validation and what it resolves to
 * (distributed workers in one Connect group, REST published on 127.0.0.1, the worker's own user).
 * Pure: names, ports and counts only.
 */
import { PROMETHEUS_PORT_OFFSET } from './monitoring.ts';
import { fieldProblem, isInt, isObject, unknownFields } from './problems.ts';

/** `"connect": true`, or an object to tune it. */
export interface ConnectSpec {
  /** Distributed workers in the Connect group (1 to 3). @default 1 */
  readonly workers?: number;
  /** JVM heap of each worker. @default 512 */
  readonly heapMiB?: number;
}

export const CONNECT_FIELDS: readonly (keyof ConnectSpec)[] = ['workers', 'heapMiB'];
export const CONNECT_DEFAULTS = { workers: 1, heapMiB: 512 } as const;
export const CONNECT_WORKER_RANGE = { min: 1, max: 3 } as const;
export const CONNECT_HEAP_RANGE = { min: 256, max: 4096 } as const;

/** The REST port inside each worker's container. */
export const CONNECT_REST_PORT = 8083;

/** Offset of the first worker's host port from basePort: right after Prometheus's. */
export const CONNECT_PORT_OFFSET = PROMETHEUS_PORT_OFFSET + 1;

/** The user every worker authenticates as (SCRAM or its certificate), created by the access stack. */
export const CONNECT_USER = 'connect';

/** The Connect group and its three internal topics. */
export const CONNECT_GROUP = 'kafkalab-connect';
export const CONNECT_TOPICS = { configs: 'connect-configs', offsets: 'connect-offsets', status: 'connect-status' } as const;

export interface ResolvedConnectWorker {
  /** 1-based. */
  readonly index: number;
  /** e.g. `connect-1`, on the cluster network; the worker advertises it to the others. */
  readonly hostname: string;
  readonly containerName: string;
  /** Host port of its REST API, on 127.0.0.1. */
  readonly restPort: number;
}

export interface ResolvedConnect {
  readonly groupId: string;
  readonly topics: typeof CONNECT_TOPICS;
  readonly user: string;
  readonly heapMiB: number;
  readonly workers: readonly ResolvedConnectWorker[];
}

/** Problems with the spec's `connect` field (absent, a boolean or a ConnectSpec). */
export function connectProblems(value: unknown): string[] {
  if (value === undefined || typeof value === 'boolean') return [];
  if (!isObject(value)) {
    return [fieldProblem('connect', value, 'must be true, false or an object: e.g. "connect": true or "connect": { "workers": 2 }')];
  }
  const problems = unknownFields(value, CONNECT_FIELDS, 'connect.', `remove it (known: ${CONNECT_FIELDS.join(', ')})`);
  const w = value.workers;
  if (w !== undefined && (!isInt(w) || w < CONNECT_WORKER_RANGE.min || w > CONNECT_WORKER_RANGE.max)) {
    problems.push(fieldProblem('connect.workers', w, `is out of range: use a whole number of workers from ${CONNECT_WORKER_RANGE.min} to ${CONNECT_WORKER_RANGE.max}`));
  }
  const h = value.heapMiB;
  if (h !== undefined && (!isInt(h) || h < CONNECT_HEAP_RANGE.min || h > CONNECT_HEAP_RANGE.max)) {
    problems.push(fieldProblem('connect.heapMiB', h, `is out of range: use a whole number of MiB from ${CONNECT_HEAP_RANGE.min} to ${CONNECT_HEAP_RANGE.max}`));
  }
  return problems;
}

/** How many host ports past basePort a spec's `connect` needs (0 when off). */
export function connectPortSpan(value: unknown): number {
  if (value === undefined || value === false) return 0;
  const w = isObject(value) && isInt(value.workers) ? value.workers : CONNECT_DEFAULTS.workers;
  return CONNECT_PORT_OFFSET + w;
}

/** The resolved Connect of a cluster whose Docker objects start with `prefix`; undefined when off. */
export function resolveConnect(spec: boolean | ConnectSpec | undefined, prefix: string, basePort: number): ResolvedConnect | undefined {
  if (spec === undefined || spec === false) return undefined;
  const tuned = spec === true ? {} : spec;
  const count = tuned.workers ?? CONNECT_DEFAULTS.workers;
  return {
    groupId: CONNECT_GROUP,
    topics: CONNECT_TOPICS,
    user: CONNECT_USER,
    heapMiB: tuned.heapMiB ?? CONNECT_DEFAULTS.heapMiB,
    workers: Array.from({ length: count }, (_, i) => ({
      index: i + 1,
      hostname: `connect-${i + 1}`,
      containerName: `${prefix}-connect-${i + 1}`,
      restPort: basePort + CONNECT_PORT_OFFSET + i,
    })),
  };
}
