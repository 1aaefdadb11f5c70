/**
 * What a monitored cluster's stack needs from the machine, prepared before synth: the Prometheus
 * image's tag, the JMX exporter rules and the lag exporter's class (compiled here), and the
 * dashboards' files, each uploaded by path and hash.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MonitoringInput } from '../../../stacks/constructs/cluster-monitoring.ts';
import type { ResolvedCluster } from '../../../stacks/model/spec.ts';
import { JMX_RULES } from '../../../stacks/render/monitoring/jmx-agent.ts';
import { LAG_EXPORTER_PATHS } from '../../../stacks/render/monitoring/lag-exporter.ts';
import { PROMETHEUS_PATHS } from '../../../stacks/render/monitoring/prometheus-config.ts';
import { dashboardSources } from '../../../stacks/render/monitoring/dashboards.ts';
import { projectRoot } from '../core/index.ts';
import { prometheusImageTag } from '../engine/index.ts';
import { ensureLagExporterClass } from '../kafka/index.ts';

/** The repo folder of the monitoring files (JMX rules, dashboards, the page). */
export const MONITORING_FILES_DIR = join(projectRoot, 'stacks', 'monitoring');

const sha256 = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');
const upload = (source: string, file: string) => ({ source, file, sha256: sha256(source) });

/** The monitoring input of a monitored cluster's stack. */
export async function monitoringInput(cluster: ResolvedCluster): Promise<MonitoringInput> {
  const classFile = await ensureLagExporterClass(cluster.kafkaVersion);
  return {
    prometheusImage: prometheusImageTag(),
    jmxRules: {
      kafka: upload(join(MONITORING_FILES_DIR, 'jmx', JMX_RULES.kafka.file), JMX_RULES.kafka.path),
      zookeeper: upload(join(MONITORING_FILES_DIR, 'jmx', JMX_RULES.zookeeper.file), JMX_RULES.zookeeper.path),
    },
    lagExporterClass: upload(classFile, LAG_EXPORTER_PATHS.classFile),
    dashboardFiles: dashboardSources(projectRoot).map((f) => upload(f.source, `${PROMETHEUS_PATHS.userAssets}/${f.file}`)),
  };
}
