/**
 * Monitoring of a cluster: the spec's `monitoring` switch, its validation and what it resolves to
 * (Prometheus published on 127.0.0.1, the JMX exporter agent on every node, the lag exporter).
 * Pure: names, ports and intervals only.
 */
import { LIMITS } from './limits.ts';
import { fieldProblem, isInt, isObject, unknownFields } from './problems.ts';

/** `"monitoring": true`, or an object to tune it. */
export interface MonitoringSpec {
  /** How often Prometheus scrapes every target, in seconds (5 to 300). @default 15 */
  readonly scrapeIntervalSeconds?: number;
}

export const MONITORING_FIELDS: readonly (keyof MonitoringSpec)[] = ['scrapeIntervalSeconds'];
export const MONITORING_DEFAULTS = { scrapeIntervalSeconds: 15 } as const;
export const SCRAPE_INTERVAL_RANGE = { min: 5, max: 300 } as const;

/** Ports inside the containers of a monitored cluster (never published, except Prometheus's). */
export const MONITORING_PORTS = {
  /** The JMX exporter agent of every Kafka node and ZooKeeper server, on the cluster network. */
  jmxExporter: 7071,
  /** The consumer-group lag exporter. */
  lagExporter: 9308,
  /** Prometheus (API, and the dashboards under /user/). */
  prometheus: 9090,
} as const;

export interface ResolvedMonitoring {
  readonly scrapeIntervalSeconds: number;
  /** Host port of Prometheus (and its dashboards), on 127.0.0.1: basePort + 2 × the broker limit. */
  readonly prometheusPort: number;
  readonly prometheus: { readonly containerName: string; readonly hostname: string; readonly volumeName: string };
  readonly lagExporter: { readonly containerName: string; readonly hostname: string };
}

/** Offset of Prometheus's host port from basePort: after both listener sets' ports (2 × 9). */
export const PROMETHEUS_PORT_OFFSET = 2 * LIMITS.maxBrokers;

/** Problems with the spec's `monitoring` field (absent, a boolean or a MonitoringSpec). */
export function monitoringProblems(value: unknown): string[] {
  if (value === undefined || typeof value === 'boolean') return [];
  if (!isObject(value)) {
    return [fieldProblem('monitoring', value, 'must be true, false or an object: e.g. "monitoring": true or "monitoring": { "scrapeIntervalSeconds": 15 }')];
  }
  const problems = unknownFields(value, MONITORING_FIELDS, 'monitoring.', `remove it (known: ${MONITORING_FIELDS.join(', ')})`);
  const s = value.scrapeIntervalSeconds;
  const { min, max } = SCRAPE_INTERVAL_RANGE;
  if (s !== undefined && (!isInt(s) || s < min || s > max)) {
    problems.push(fieldProblem('monitoring.scrapeIntervalSeconds', s, `is out of range: use a whole number of seconds from ${min} to ${max}`));
  }
  return problems;
}

/** The resolved monitoring of a cluster whose Docker objects start with `prefix`; undefined when off. */
export function resolveMonitoring(spec: boolean | MonitoringSpec | undefined, prefix: string, basePort: number): ResolvedMonitoring | undefined {
  if (spec === undefined || spec === false) return undefined;
  const tuned = spec === true ? {} : spec;
  return {
    scrapeIntervalSeconds: tuned.scrapeIntervalSeconds ?? MONITORING_DEFAULTS.scrapeIntervalSeconds,
    prometheusPort: basePort + PROMETHEUS_PORT_OFFSET,
    prometheus: { containerName: `${prefix}-prometheus`, hostname: 'prometheus', volumeName: `${prefix}-prometheus-data` },
    lagExporter: { containerName: `${prefix}-lag-exporter`, hostname: 'lag-exporter' },
  };
}
