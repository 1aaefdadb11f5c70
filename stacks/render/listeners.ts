import { CONTAINER_PORTS, type ResolvedCluster, type ResolvedNode } from '../model/spec.ts';

/** One Kafka listener: its name, bind address inside the container, advertised address and protocol. */
export interface Listener {
  readonly name: 'INTERNAL' | 'EXTERNAL' | 'CONTROLLER';
  /** Bound on every interface of the container (host empty). */
  readonly bind: string;
  /** What clients are told; undefined for the controller listener. */
  readonly advertised?: string;
  readonly protocol: 'PLAINTEXT';
}

/**
 * The listener map of one node:
 * INTERNAL on the Docker network by hostname (brokers and in-network tools),
 * EXTERNAL advertised as 127.0.0.1:<published port> (host clients),
 * CONTROLLER for the KRaft quorum.
 */
export function listenersFor(_cluster: ResolvedCluster, node: ResolvedNode): Listener[] {
  const all: Listener[] = [];
  if (node.roles.includes('broker')) {
    all.push({
      name: 'INTERNAL',
      bind: `INTERNAL://:${CONTAINER_PORTS.internal}`,
      advertised: `INTERNAL://${node.hostname}:${CONTAINER_PORTS.internal}`,
      protocol: 'PLAINTEXT',
    });
    all.push({
      name: 'EXTERNAL',
      bind: `EXTERNAL://:${CONTAINER_PORTS.external}`,
      advertised: `EXTERNAL://127.0.0.1:${node.externalPort}`,
      protocol: 'PLAINTEXT',
    });
  }
  if (node.roles.includes('controller')) {
    all.push({ name: 'CONTROLLER', bind: `CONTROLLER://:${CONTAINER_PORTS.controller}`, protocol: 'PLAINTEXT' });
  }
  return all;
}

/** `controller.quorum.voters`: id@hostname:port of every controller. */
export function quorumVoters(cluster: ResolvedCluster): string {
  return cluster.nodes
    .filter((n) => n.roles.includes('controller'))
    .map((n) => `${n.id}@${n.hostname}:${CONTAINER_PORTS.controller}`)
    .join(',');
}
