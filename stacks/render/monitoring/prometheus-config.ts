/**
 * Prometheus's configuration for one monitored cluster: every Kafka node's and ZooKeeper server's
 * JMX exporter, the lag exporter and Prometheus itself, on the cluster network by hostname; the
 * alert rules from alert-rules.ts. JSON is YAML, so the file is rendered as JSON.
 */
import { MONITORING_PORTS, type ResolvedMonitoring } from '../../model/monitoring.ts';
import type { ResolvedCluster } from '../../model/spec.ts';

/** Where the Prometheus container keeps its files. */
export const PROMETHEUS_PATHS = {
  config: '/etc/prometheus/prometheus.yml',
  rules: '/etc/prometheus/alert-rules.yml',
  /** The dashboards' page and data, served by Prometheus under /user/. */
  userAssets: '/etc/prometheus/dashboards',
  data: '/prometheus',
} as const;

/** How long Prometheus keeps samples: a lab cluster's last days. */
export const PROMETHEUS_RETENTION = '3d';

interface StaticConfig {
  readonly targets: readonly string[];
  readonly labels: Readonly<Record<string, string>>;
}

/** A scrape must end before the next: the interval less a second, at most 10 s (a busy JVM answers in 2-6 s). */
export function scrapeTimeoutSeconds(intervalSeconds: number): number {
  return Math.max(1, Math.min(10, intervalSeconds - 1));
}

function kafkaTargets(cluster: ResolvedCluster): StaticConfig[] {
  return cluster.nodes.map((n) => ({
    targets: [`${n.hostname}:${MONITORING_PORTS.jmxExporter}`],
    labels: { node: n.hostname, node_id: String(n.id), roles: n.roles.join(',') },
  }));
}

function zookeeperTargets(cluster: ResolvedCluster): StaticConfig[] {
  return (cluster.zookeeper?.servers ?? []).map((z) => ({
    targets: [`${z.hostname}:${MONITORING_PORTS.jmxExporter}`],
    labels: { node: z.hostname, myid: String(z.myid) },
  }));
}

/** The prometheus.yml of a monitored cluster. */
export function renderPrometheusConfig(cluster: ResolvedCluster, m: ResolvedMonitoring): string {
  const interval = `${m.scrapeIntervalSeconds}s`;
  const job = (name: string, configs: readonly StaticConfig[]) => ({ job_name: name, static_configs: configs });
  const config = {
    global: {
      scrape_interval: interval,
      scrape_timeout: `${scrapeTimeoutSeconds(m.scrapeIntervalSeconds)}s`,
      evaluation_interval: interval,
      external_labels: { cluster: cluster.name },
    },
    rule_files: [PROMETHEUS_PATHS.rules],
    scrape_configs: [
      job('kafka', kafkaTargets(cluster)),
      ...(cluster.zookeeper ? [job('zookeeper', zookeeperTargets(cluster))] : []),
      job('lag-exporter', [{ targets: [`${m.lagExporter.hostname}:${MONITORING_PORTS.lagExporter}`], labels: {} }]),
      job('prometheus', [{ targets: [`localhost:${MONITORING_PORTS.prometheus}`], labels: {} }]),
    ],
  };
  return `${JSON.stringify(config, null, 2)}\n`;
}

/** Prometheus's command line (the image's entrypoint is the prometheus binary). */
export function prometheusArgs(): string[] {
  return [
    `--config.file=${PROMETHEUS_PATHS.config}`,
    `--storage.tsdb.path=${PROMETHEUS_PATHS.data}`,
    `--storage.tsdb.retention.time=${PROMETHEUS_RETENTION}`,
    `--web.listen-address=0.0.0.0:${MONITORING_PORTS.prometheus}`,
    `--web.user-assets=${PROMETHEUS_PATHS.userAssets}`,
  ];
}
