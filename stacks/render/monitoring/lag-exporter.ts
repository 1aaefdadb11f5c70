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

/** Start script: secrets to the kafka user, then the exporter with every node's disk to watch. */
export function renderLagExporterStartScript(cluster: ResolvedCluster): string {
  const disks = cluster.nodes.map((n) => `${n.hostname}=${VOLUMES_DIR}/${n.hostname}`);
  const java = [
    'java',
    '-Xms32m',
    '-Xmx96m',
    '-XX:+UseSerialGC',
    '-XX:TieredStopAtLevel=1',
    SECURE_JVM_OPTS,
    '-cp',
    `'/opt/kafka/libs/*:${LAG_EXPORTER_DIR}'`,
    LAG_EXPORTER_CLASS,
    LAG_EXPORTER_PATHS.config,
    String(MONITORING_PORTS.lagExporter),
    ...disks,
  ];
  return ['#!/bin/bash', `# rendered by kafkalab: lag exporter of cluster ${cluster.name}`, 'set -euo pipefail', ...privilegeDropLines(), `exec ${java.join(' ')}`, ''].join('\n');
}
