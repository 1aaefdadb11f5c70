/**
 * The exporter of consumer-group lag and node disk use (scripts/lib/kafka/java/KafkalabLagExporter.java):
 * a small Java Admin client run from the cluster's Kafka image, as the admin (secrets by file, as
 * every in-cluster client), with every node's data volume mounted read-only for the disk gauges.
 */
import { MONITORING_PORTS } from '../../model/monitoring.ts';
import { brokersOf, type ResolvedCluster } from '../../model/spec.ts';
import { adminClientPropertiesFor } from '../admin-client.ts';
import { internalAddressOf } from '../listeners.ts';
import { privilegeDropLines } from '../privilege-drop.ts';
import { renderProperties } from '../properties.ts';
import { SECURE_JVM_OPTS } from '../secret-files.ts';

export const LAG_EXPORTER_CLASS = 'KafkalabLagExporter';
/** Where the exporter's class, config and start script are uploaded. */
export const LAG_EXPORTER_DIR = '/opt/kafkalab/lag-exporter';
export const LAG_EXPORTER_PATHS = {
  classFile: `${LAG_EXPORTER_DIR}/${LAG_EXPORTER_CLASS}.class`,
  config: `${LAG_EXPORTER_DIR}/client.properties`,
  start: `${LAG_EXPORTER_DIR}/start.sh`,
} as const;
/** Where each node's data volume is mounted (read-only) in the exporter: /volumes/<hostname>. */
export const VOLUMES_DIR = '/volumes';

/** The exporter's client config: the brokers on the cluster network, as the admin. */
export function renderLagExporterConfig(cluster: ResolvedCluster): string {
  const bootstrap = brokersOf(cluster).map((b) => internalAddressOf(cluster, b)).join(',');
  return renderProperties([['bootstrap.servers', bootstrap], ['client.id', 'kafkalab-lag-exporter'], ...adminClientPropertiesFor(cluster)], `lag exporter of cluster ${cluster.name}, as the admin`);
}

/**
 * The exporter's JVM command in a container of the cluster's Kafka image: the class in `classDir`,
 * the image's jars, the client config at `configPath`, HTTP on 0.0.0.0:`port`, then each
 * `NODE=DATA_DIR` whose disk it reports. A small heap, C1 only and the serial GC (it waits on the
 * network), and out of memory ends the JVM so the restart policy applies.
 */
export function lagExporterCommand(classDir: string, configPath: string, port: number = MONITORING_PORTS.lagExporter, disks: readonly string[] = []): string[] {
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`the lag exporter's port must be 1-65535, not ${port}`);
  return [
    'java',
    '-Xms32m',
    '-Xmx96m',
    '-XX:+UseSerialGC',
    '-XX:TieredStopAtLevel=1',
    '-Xshare:auto',
    '-XX:+ExitOnOutOfMemoryError',
    SECURE_JVM_OPTS,
    '-cp',
    `/opt/kafka/libs/*:${classDir}`,
    LAG_EXPORTER_CLASS,
    configPath,
    String(port),
    ...disks,
  ];
}

/** Start script: secrets to the kafka user, then the exporter with every node's disk to watch. */
export function renderLagExporterStartScript(cluster: ResolvedCluster): string {
  const disks = cluster.nodes.map((n) => `${n.hostname}=${VOLUMES_DIR}/${n.hostname}`);
  // Quoted for the shell: the classpath's '*' is for the JVM, not a glob.
  const java = lagExporterCommand(LAG_EXPORTER_DIR, LAG_EXPORTER_PATHS.config, MONITORING_PORTS.lagExporter, disks).map((a) => (a.includes('*') ? `'${a}'` : a));
  return ['#!/bin/bash', `# rendered by kafkalab: lag exporter of cluster ${cluster.name}`, 'set -euo pipefail', ...privilegeDropLines(), `exec ${java.join(' ')}`, ''].join('\n');
}
