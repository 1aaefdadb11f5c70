import { CONTAINER_PORTS, type ResolvedCluster, type ResolvedZooKeeper } from '../model/spec.ts';
import { renderProperties, type Properties } from './properties.ts';
import { CONFIG_DIR, DATA_DIR } from './server-properties.ts';

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
export function renderZooKeeperStartScript(_cluster: ResolvedCluster, server: ResolvedZooKeeper): string {
  return [
    '#!/bin/bash',
    '# rendered by kafkalab: write myid once, then run ZooKeeper in the foreground',
    'set -euo pipefail',
    `[ -f ${DATA_DIR}/myid ] || echo ${server.myid} > ${DATA_DIR}/myid`,
    `exec zookeeper-server-start.sh ${ZOO_CFG_PATH}`,
    '',
  ].join('\n');
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
