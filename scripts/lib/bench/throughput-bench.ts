import { brokersOf, type ClusterSpec, type ResolvedCluster } from '../../../stacks/model/spec.ts';
import { internalAddressOf } from '../../../stacks/render/listeners.ts';
import { SECURITY_MODES, type SecurityMode } from '../../../stacks/model/security.ts';
import { adminClientPathOf } from '../../../stacks/render/admin-client.ts';
import { resolveCluster } from '../../../stacks/model/resolve.ts';
import { deployCluster, destroyCluster, removeLeftovers } from '../lifecycle/index.ts';
import { dockerExec } from '../core/index.ts';
import { ensureTopic } from '../kafka/index.ts';

export interface PerfResult {
  readonly records: number;
  readonly recordsPerSec: number;
  readonly mbPerSec: number;
  readonly avgLatencyMs: number;
  readonly p99LatencyMs: number;
}

/** The summary line of kafka-producer-perf-test: "N records sent, X records/sec (Y MB/sec), A ms avg latency, ... P ms 99th". */
export function parsePerfSummary(text: string): PerfResult {
  const lines = text.split('\n').filter((l) => /records sent/.test(l) && /99th/.test(l));
  const line = lines[lines.length - 1];
  const m = line && /(\d+) records sent, ([\d.]+) records\/sec \(([\d.]+) MB\/sec\), ([\d.]+) ms avg latency.*?([\d.]+) ms 99th/.exec(line);
  if (!m) throw new Error(`no producer-perf-test summary in: ${text.slice(-300)}`);
  return {
    records: Number(m[1]),
    recordsPerSec: Number(m[2]),
    mbPerSec: Number(m[3]),
    avgLatencyMs: Number(m[4]),
    p99LatencyMs: Number(m[5]),
  };
}

export interface ThroughputSample {
  readonly mode: SecurityMode;
  /** Measured with monitoring on (JMX exporter on every node, Prometheus scraping every 15 s). */
  readonly monitoring?: boolean;
  readonly result?: PerfResult;
  readonly error?: string;
}

/**
 * Producer throughput of one security mode: deploy the cluster shape in that mode, run Kafka's
 * producer perf tool inside a broker container (the Docker network, the INTERNAL listener, as the
 * admin), 1 KiB records, acks=all, then destroy.
 */
export async function measureMode(base: ClusterSpec, mode: SecurityMode, records: number, monitoring = false): Promise<ThroughputSample> {
  const spec: ClusterSpec = { ...base, security: { mode }, ...(monitoring ? { monitoring: true } : {}) };
  const tag = monitoring ? { mode, monitoring } : { mode };
  const cluster: ResolvedCluster = resolveCluster(spec);
  await removeLeftovers(cluster.name);
  try {
    const { descriptor: d } = await deployCluster(spec, cluster);
    await ensureTopic(d, { name: BENCH_TOPIC, partitions: 3, replicationFactor: Math.min(3, brokersOf(cluster).length) });
    const out = await runPerf(cluster, records);
    return 'error' in out ? { ...tag, error: out.error } : { ...tag, result: out };
  } catch (error) {
    return { ...tag, error: error instanceof Error ? error.message.split('\n')[0]! : String(error) };
  } finally {
    await destroyCluster(cluster, { force: true });
  }
}

export const BENCH_TOPIC = 'kafkalab-bench';

/**
 * Kafka's producer perf tool inside the first broker's container (the Docker network, the INTERNAL
 * listener, as the admin): `records` records of 1 KiB, acks=all, as fast as it goes.
 */
export async function runPerf(cluster: ResolvedCluster, records: number): Promise<PerfResult | { error: string }> {
  const broker = brokersOf(cluster)[0]!;
  const out = await dockerExec(
    broker.containerName,
    [
      'kafka-producer-perf-test.sh',
      '--topic', BENCH_TOPIC,
      '--num-records', String(records),
      '--record-size', '1024',
      '--throughput', '-1',
      '--producer-props', 'acks=all', `bootstrap.servers=${internalAddressOf(cluster, broker)}`,
      '--producer.config', adminClientPathOf(cluster),
    ],
    { timeoutMs: 600_000 },
  );
  if (out.exitCode !== 0) return { error: out.stderr.trim().split('\n').slice(-1)[0] ?? 'failed' };
  return parsePerfSummary(out.stdout);
}

export interface ThroughputReport {
  readonly benchmark: 'producer-throughput-per-security-mode';
  readonly cluster: { readonly brokers: number; readonly mode: string; readonly kafkaVersion: string };
  readonly recordSizeBytes: 1024;
  readonly acks: 'all';
  readonly records: number;
  readonly modes: readonly (ThroughputSample & { readonly ratioToPlaintext?: number })[];
  /** sasl_ssl with and without monitoring, in the same run, each on a cluster of its own. */
  readonly monitoring?: MonitoringCost;
  /** sasl_ssl on one monitored cluster, with Prometheus and the lag exporter stopped and running, in turns. */
  readonly monitoringInPlace?: MonitoringInPlace;
}

export interface MonitoringCost {
  readonly mode: SecurityMode;
  readonly withoutRecordsPerSec: number;
  readonly withRecordsPerSec: number;
  /** (without - with) / without, in percent, 1 decimal: positive when monitoring costs throughput. */
  readonly costPercent: number;
}

/** The cost of monitoring from two samples of one mode, or undefined when either failed. */
export function monitoringCost(without: ThroughputSample | undefined, withMonitoring: ThroughputSample): MonitoringCost | undefined {
  const a = without?.result?.recordsPerSec;
  const b = withMonitoring.result?.recordsPerSec;
  if (!a || !b) return undefined;
  return { mode: withMonitoring.mode, withoutRecordsPerSec: a, withRecordsPerSec: b, costPercent: Number((((a - b) / a) * 100).toFixed(1)) };
}

/** Ratios to plaintext, measured in the same run. */
export function withRatios(samples: readonly ThroughputSample[]): ThroughputReport['modes'] {
  const plain = samples.find((s) => s.mode === 'plaintext')?.result?.recordsPerSec;
  return samples.map((s) => ({
    ...s,
    ...(plain && s.result ? { ratioToPlaintext: Number((s.result.recordsPerSec / plain).toFixed(3)) } : {}),
  }));
}

export const ALL_MODES: readonly SecurityMode[] = SECURITY_MODES;

/** The sample with the median throughput (the lower middle of an even count); undefined when none succeeded. */
export function medianSample(samples: readonly ThroughputSample[]): ThroughputSample | undefined {
  const ok = samples.filter((x) => x.result).sort((a, b) => a.result!.recordsPerSec - b.result!.recordsPerSec);
  return ok[Math.floor((ok.length - 1) / 2)];
}

export interface MonitoringInPlace {
  readonly mode: SecurityMode;
  /** Each pair's records/s: Prometheus and the lag exporter stopped, then running. */
  readonly pairs: readonly { readonly withoutRecordsPerSec: number; readonly withRecordsPerSec: number }[];
  readonly withoutMedian: number;
  readonly withMedian: number;
  /** (without - with) / without of the medians, in percent, 1 decimal. */
  readonly costPercent: number;
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 === 1 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/** The verdict of in-place pairs: medians and their difference. */
export function inPlaceCost(mode: SecurityMode, pairs: MonitoringInPlace['pairs']): MonitoringInPlace {
  const withoutMedian = median(pairs.map((p) => p.withoutRecordsPerSec));
  const withMedian = median(pairs.map((p) => p.withRecordsPerSec));
  return { mode, pairs, withoutMedian, withMedian, costPercent: Number((((withoutMedian - withMedian) / withoutMedian) * 100).toFixed(1)) };
}
