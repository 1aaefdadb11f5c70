import type { ResolvedCluster, ResolvedNode } from '../model/spec.ts';
import { CONTAINER_PORTS } from '../model/spec.ts';
import { CONFIG_DIR, DATA_DIR, SERVER_PROPERTIES_PATH } from './server-properties.ts';

export const START_SCRIPT_PATH = `${CONFIG_DIR}/start.sh`;

/**
 * The node's entry script: format the storage once (the stable cluster id makes a re-format of a
 * kept volume a no-op), then replace the shell with the server.
 */
export function renderStartScript(cluster: ResolvedCluster, _node: ResolvedNode): string {
  return [
    '#!/bin/bash',
    '# rendered by kafkalab: format storage once, then run the server in the foreground',
    'set -euo pipefail',
    `if [ ! -f ${DATA_DIR}/meta.properties ]; then`,
    `  echo "kafkalab: formatting ${DATA_DIR} for cluster id ${cluster.clusterId}"`,
    `  kafka-storage.sh format --ignore-formatted -t ${cluster.clusterId} -c ${SERVER_PROPERTIES_PATH}`,
    'fi',
    `exec kafka-server-start.sh ${SERVER_PROPERTIES_PATH}`,
    '',
  ].join('\n');
}

/** The container command: the uploaded start script. */
export function startCommandFor(_cluster: ResolvedCluster, _node: ResolvedNode): string[] {
  return ['bash', START_SCRIPT_PATH];
}

/** JVM heap for the node, as the launcher's KAFKA_HEAP_OPTS. */
export function heapOptsFor(cluster: ResolvedCluster): string {
  return `-Xms${cluster.heapMiB}m -Xmx${cluster.heapMiB}m`;
}

/** Health check: the broker's internal listener accepts connections (no JVM started per check). */
export function healthCheckFor(_cluster: ResolvedCluster, _node: ResolvedNode): string[] {
  return ['CMD', 'bash', '-c', `exec 3<>/dev/tcp/127.0.0.1/${CONTAINER_PORTS.internal}`];
}
