import type { ResolvedCluster, ResolvedNode } from '../model/spec.ts';
import { CONTAINER_PORTS } from '../model/spec.ts';
import { CONFIG_DIR, DATA_DIR, SERVER_PROPERTIES_PATH } from './server-properties.ts';

export const START_SCRIPT_PATH = `${CONFIG_DIR}/start.sh`;

/**
 * The node's entry script. KRaft: format the storage once (the stable cluster id makes a
 * re-format of a kept volume a no-op), then replace the shell with the server. ZooKeeper mode
 * needs no format: the broker registers in ZooKeeper.
 */
export function renderStartScript(cluster: ResolvedCluster, _node: ResolvedNode): string {
  const lines = ['#!/bin/bash', '# rendered by kafkalab: run the Kafka server in the foreground', 'set -euo pipefail'];
  if (cluster.mode !== 'zookeeper') {
    lines.push(
      `if [ ! -f ${DATA_DIR}/meta.properties ]; then`,
      `  echo "kafkalab: formatting ${DATA_DIR} for cluster id ${cluster.clusterId}"`,
      `  kafka-storage.sh format --ignore-formatted -t ${cluster.clusterId} -c ${SERVER_PROPERTIES_PATH}`,
      'fi',
    );
  }
  lines.push(`exec kafka-server-start.sh ${SERVER_PROPERTIES_PATH}`, '');
  return lines.join('\n');
}

/** The container command: the uploaded start script. */
export function startCommandFor(_cluster: ResolvedCluster, _node: ResolvedNode): string[] {
  return ['bash', START_SCRIPT_PATH];
}

/** JVM heap for a Kafka node, as the launcher's KAFKA_HEAP_OPTS. */
export function heapOptsFor(cluster: ResolvedCluster): string {
  return `-Xms${cluster.heapMiB}m -Xmx${cluster.heapMiB}m`;
}

/** Health check: the node's main listener accepts connections (no JVM started per check). */
export function healthCheckFor(_cluster: ResolvedCluster, node: ResolvedNode): string[] {
  const port = node.roles.includes('broker') ? CONTAINER_PORTS.internal : CONTAINER_PORTS.controller;
  return ['CMD', 'bash', '-c', `exec 3<>/dev/tcp/127.0.0.1/${port}`];
}
