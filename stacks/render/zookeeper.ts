import { CONTAINER_PORTS } from '../model/limits.ts';
import type { ResolvedCluster, ResolvedZooKeeper } from '../model/spec.ts';
import { renderProperties, type Properties } from './properties.ts';
import { CONFIG_DIR, DATA_DIR } from './server-properties.ts';
import { jmxAgentLines } from './monitoring/jmx-agent.ts';
import { privilegeDropLines } from './privilege-drop.ts';
import { runtimePath } from './secret-files.ts';

/** The ZooKeeper user brokers authenticate as (SASL DIGEST-MD5) when security is on. */
export const ZOOKEEPER_CLIENT_USER = 'kafka';

/** Security is on for the ZooKeeper link whenever the cluster's mode is not plaintext. */
export function zookeeperSecured(cluster: ResolvedCluster): boolean {
  return cluster.security.mode !== 'plaintext';
}

export const ZOO_CFG_PATH = `${CONFIG_DIR}/zoo.cfg`;
export const ZOOKEEPER_START_PATH = `${CONFIG_DIR}/start-zookeeper.sh`;
/** Four-letter words allowed: only what health checks and verify need. */
export const ZOOKEEPER_FOUR_LETTER_WORDS = ['ruok', 'srvr'] as const;

/** zoo.cfg of one server; a single server runs standalone (no server.N lines). */
export function zooCfgFor(cluster: ResolvedCluster, _server: ResolvedZooKeeper): Properties {
  const servers = cluster.zookeeper?.servers ?? [];
  const props: [string, string | number | boolean][] = [
    ['dataDir', DATA_DIR],
    ['clientPort', CONTAINER_PORTS.zookeeperClient],
    ['tickTime', 2000],
    ['initLimit', 10],
    ['syncLimit', 5],
    ['maxClientCnxns', 60],
    ['autopurge.snapRetainCount', 3],
    ['autopurge.purgeInterval', 24],
    ['4lw.commands.whitelist', ZOOKEEPER_FOUR_LETTER_WORDS.join(',')],
    ['admin.enableServer', false],
  ];
  if (zookeeperSecured(cluster)) {
    props.push(
      ['authProvider.sasl', 'org.apache.zookeeper.server.auth.SASLAuthenticationProvider'],
      ['enforce.auth.enabled', true],
      ['enforce.auth.schemes', 'sasl'],
    );
  }
  if (servers.length > 1) {
    props.push(['quorumListenOnAllIPs', true]);
    for (const s of servers) {
      props.push([`server.${s.myid}`, `${s.hostname}:${CONTAINER_PORTS.zookeeperPeer}:${CONTAINER_PORTS.zookeeperElection}`]);
    }
  }
  return props;
}

export function renderZooCfg(cluster: ResolvedCluster, server: ResolvedZooKeeper): string {
  return renderProperties(zooCfgFor(cluster, server), `cluster ${cluster.name}, ZooKeeper server ${server.myid}: rendered by kafkalab, do not edit`);
}

/** Entry script: write myid once, then run the server in the foreground. */
export function renderZooKeeperStartScript(cluster: ResolvedCluster, server: ResolvedZooKeeper): string {
  return [
    '#!/bin/bash',
    '# rendered by kafkalab: write myid once, then run ZooKeeper in the foreground',
    'set -euo pipefail',
    ...privilegeDropLines(),
    `[ -f ${DATA_DIR}/myid ] || echo ${server.myid} > ${DATA_DIR}/myid`,
    ...jmxAgentLines(cluster, server.hostname, 'zookeeper'),
    `exec zookeeper-server-start.sh ${ZOO_CFG_PATH}`,
    '',
  ].join('\n');
}

/** JVM options of a ZooKeeper server: its JAAS file when the link is secured. */
export function zookeeperKafkaOpts(cluster: ResolvedCluster): string | undefined {
  return zookeeperSecured(cluster) ? `-Djava.security.auth.login.config=${runtimePath('zookeeperServerJaas')}` : undefined;
}

/** The ZooKeeper server's JAAS: the one digest user brokers log in as. A secret file. */
export function renderZooKeeperServerJaas(password: string): string {
  return `Server {\n  org.apache.zookeeper.server.auth.DigestLoginModule required\n  user_${ZOOKEEPER_CLIENT_USER}="${password}";\n};\n`;
}

/** The broker's JAAS for its ZooKeeper client. A secret file. */
export function renderZooKeeperClientJaas(password: string): string {
  return `Client {\n  org.apache.zookeeper.server.auth.DigestLoginModule required\n  username="${ZOOKEEPER_CLIENT_USER}"\n  password="${password}";\n};\n`;
}

/** Health check: `ruok` answers `imok` (no JVM started per check). */
export function zookeeperHealthCheck(): string[] {
  return [
    'CMD',
    'bash',
    '-c',
    `exec 3<>/dev/tcp/127.0.0.1/${CONTAINER_PORTS.zookeeperClient} && printf ruok >&3 && [ "$(head -c 4 <&3)" = imok ]`,
  ];
}
