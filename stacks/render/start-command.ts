import { BROKER_USER } from '../model/security.ts';
import type { ResolvedCluster, ResolvedNode } from '../model/spec.ts';
import { bindingOf, zookeeperConnect } from './listeners.ts';
import { privilegeDropLines } from './privilege-drop.ts';
import { ZOOKEEPER_CLIENT_USER } from './zookeeper.ts';
import { SECURE_JVM_OPTS, runtimePath } from './secret-files.ts';
import { CONFIG_DIR, DATA_DIR, SERVER_PROPERTIES_PATH } from './server-properties.ts';
import { jmxAgentLines } from './monitoring/jmx-agent.ts';

export const START_SCRIPT_PATH = `${CONFIG_DIR}/start.sh`;

/** SCRAM credentials are created in the sasl modes with a SCRAM mechanism. */
export function usesScram(cluster: ResolvedCluster): boolean {
  return cluster.security.sasl && cluster.security.mechanism !== 'PLAIN';
}

/**
 * The node's entry script. As root: copy secrets, drop to the kafka user. Then, KRaft: format
 * the storage once (with the SCRAM users, so they exist before any broker serves; the stable
 * cluster id makes a re-format of a kept volume a no-op). ZooKeeper mode: create the SCRAM users
 * in ZooKeeper before the broker starts. Finally replace the shell with the server.
 *
 * Every hand-over is an `exec` (this script, setpriv, the launchers), so the JVM ends up as the
 * container's PID 1 and receives `docker stop`'s SIGTERM itself: Kafka then shuts down in a
 * controlled way (leadership moves away first), which rolling restarts rely on.
 */
export function renderStartScript(cluster: ResolvedCluster, node: ResolvedNode): string {
  const mech = cluster.security.mechanism;
  const scramFile = runtimePath('scramUsers');
  const lines = [
    '#!/bin/bash',
    `# rendered by kafkalab: Kafka node of cluster ${cluster.name} (security ${cluster.security.mode})`,
    'set -euo pipefail',
    ...hostNameLines(node),
    ...privilegeDropLines(),
  ];
  if (cluster.mode !== 'zookeeper') {
    lines.push(`if [ ! -f ${DATA_DIR}/meta.properties ]; then`, '  scram=()');
    if (usesScram(cluster)) {
      lines.push(
        `  while read -r user password; do scram+=(--add-scram "${mech}=[name=$user,password=$password]"); done < ${scramFile}`,
      );
    }
    lines.push(
      `  echo "kafkalab: formatting ${DATA_DIR} for cluster id ${cluster.clusterId}"`,
      `  kafka-storage.sh format --ignore-formatted -t ${cluster.clusterId} -c ${SERVER_PROPERTIES_PATH} "\${scram[@]}"`,
      'fi',
    );
  } else if (usesScram(cluster)) {
    // kafka-configs cannot write under a chroot that does not exist yet (the broker would create
    // it only once it starts), so make the chroot first, readable and writable by the broker's
    // ZooKeeper identity only.
    const chrootSteps = chrootPrefixes(cluster.zookeeper!.chroot);
    const zkServer = zookeeperConnect(cluster).split('/')[0]!;
    lines.push(
      `# SCRAM users live in ZooKeeper: create them before the broker starts (idempotent). ${BROKER_USER} first.`,
      ...chrootSteps.map(
        (path) =>
          `kafka-run-class.sh org.apache.zookeeper.ZooKeeperMain -server ${zkServer} create ${path} "" sasl:${ZOOKEEPER_CLIENT_USER}:cdrwa > /dev/null 2>&1 || true`,
      ),
      'while read -r user password; do',
      `  kafka-configs.sh --zookeeper ${zookeeperConnect(cluster)} --alter --entity-type users --entity-name "$user" --add-config "${mech}=[password=$password]" > /dev/null`,
      `done < ${scramFile}`,
    );
  }
  lines.push(...jmxAgentLines(cluster, node.hostname, 'kafka'), `exec kafka-server-start.sh ${SERVER_PROPERTIES_PATH}`, '');
  return lines.join('\n');
}

/**
 * A placed node shares its host's network and so its host's name, which Java looks up at start; where
 * no DNS server answers for it (a lab host) each lookup stalls 20 s: the name goes in /etc/hosts.
 */
function hostNameLines(node: ResolvedNode): string[] {
  if (!node.placed) return [];
  return [`grep -qw -- "$(hostname)" /etc/hosts 2>/dev/null || echo "${node.placed.host.address} $(hostname)" >> /etc/hosts || true`];
}

/** '/a/b' → ['/a', '/a/b']: the znodes to create, parents first. */
export function chrootPrefixes(chroot: string): string[] {
  const parts = chroot.split('/').filter(Boolean);
  return parts.map((_, i) => `/${parts.slice(0, i + 1).join('/')}`);
}

/** The container command: the uploaded start script. */
export function startCommandFor(_cluster: ResolvedCluster, _node: ResolvedNode): string[] {
  return ['bash', START_SCRIPT_PATH];
}

/** JVM heap for a Kafka node, as the launcher's KAFKA_HEAP_OPTS. */
export function heapOptsFor(cluster: ResolvedCluster): string {
  return `-Xms${cluster.heapMiB}m -Xmx${cluster.heapMiB}m`;
}

/** Extra JVM options of a Kafka node (and the tools run in its container). */
export function kafkaOptsFor(cluster: ResolvedCluster): string {
  const opts = [SECURE_JVM_OPTS];
  if (cluster.mode === 'zookeeper' && cluster.security.mode !== 'plaintext') {
    opts.push(`-Djava.security.auth.login.config=${runtimePath('zookeeperClientJaas')}`);
  }
  return opts.join(' ');
}

/** Environment of a Kafka node's container. */
export function containerEnvFor(cluster: ResolvedCluster): string[] {
  return [`KAFKA_HEAP_OPTS=${heapOptsFor(cluster)}`, `KAFKA_OPTS=${kafkaOptsFor(cluster)}`];
}

/** Health check: the node's main listener accepts connections (no JVM started per check). */
export function healthCheckFor(cluster: ResolvedCluster, node: ResolvedNode): string[] {
  // The cluster's own set: bound at every step of a live switch.
  const at = bindingOf(node, cluster.listeners.set);
  const port = node.roles.includes('broker') ? at.internal : at.controller;
  return ['CMD', 'bash', '-c', `exec 3<>/dev/tcp/${at.bind || '127.0.0.1'}/${port}`];
}
