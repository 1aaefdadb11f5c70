import { CONTAINER_PORTS, controllersOf, type ResolvedCluster, type ResolvedNode } from '../model/spec.ts';
import type { ResolvedSecurity } from '../model/security.ts';

export type ListenerName = 'INTERNAL' | 'EXTERNAL' | 'CONTROLLER';
export type SecurityProtocolName = 'PLAINTEXT' | 'SSL' | 'SASL_PLAINTEXT' | 'SASL_SSL';

/** The protocol every listener speaks in a security mode: one switch for all traffic. */
export function protocolFor(security: ResolvedSecurity): SecurityProtocolName {
  if (security.sasl) return security.tls ? 'SASL_SSL' : 'SASL_PLAINTEXT';
  return security.tls ? 'SSL' : 'PLAINTEXT';
}

/** One Kafka listener: its name, bind address inside the container, advertised address and protocol. */
export interface Listener {
  readonly name: ListenerName;
  /** Bound on every interface of the container (host left empty). */
  readonly bind: string;
  /** What clients are told; undefined for the controller listener. */
  readonly advertised?: string;
  readonly protocol: SecurityProtocolName;
}

export interface ListenerPlan {
  /** Listeners this node binds. */
  readonly bound: readonly Listener[];
  /** `listener.security.protocol.map`: every listener the node binds or talks to. */
  readonly protocolMap: string;
  /** `controller.listener.names`, for KRaft nodes. */
  readonly controllerListener?: 'CONTROLLER';
}

/**
 * The listeners of one node:
 * INTERNAL on the Docker network by hostname (brokers and in-network tools),
 * EXTERNAL advertised as 127.0.0.1:<published port> (host clients),
 * CONTROLLER for the KRaft quorum (bound by controllers, named by brokers that talk to them).
 */
export function listenerPlan(cluster: ResolvedCluster, node: ResolvedNode): ListenerPlan {
  const protocol = protocolFor(cluster.security);
  const bound: Listener[] = [];
  if (node.roles.includes('broker')) {
    bound.push({
      name: 'INTERNAL',
      bind: `INTERNAL://:${CONTAINER_PORTS.internal}`,
      advertised: `INTERNAL://${node.hostname}:${CONTAINER_PORTS.internal}`,
      protocol,
    });
    bound.push({
      name: 'EXTERNAL',
      bind: `EXTERNAL://:${CONTAINER_PORTS.external}`,
      advertised: `EXTERNAL://127.0.0.1:${node.externalPort}`,
      protocol,
    });
  }
  if (node.roles.includes('controller')) {
    bound.push({ name: 'CONTROLLER', bind: `CONTROLLER://:${CONTAINER_PORTS.controller}`, protocol });
  }
  const kraft = cluster.mode !== 'zookeeper';
  const mapped = bound.map((l) => `${l.name}:${l.protocol}`);
  if (kraft && !node.roles.includes('controller')) mapped.push(`CONTROLLER:${protocol}`);
  return { bound, protocolMap: mapped.join(','), ...(kraft ? { controllerListener: 'CONTROLLER' as const } : {}) };
}

/** `controller.quorum.voters`: id@hostname:port of every controller. */
export function quorumVoters(cluster: ResolvedCluster): string {
  return controllersOf(cluster)
    .map((n) => `${n.id}@${n.hostname}:${CONTAINER_PORTS.controller}`)
    .join(',');
}

/** `zookeeper.connect` with this cluster's chroot. */
export function zookeeperConnect(cluster: ResolvedCluster): string {
  const zk = cluster.zookeeper;
  if (!zk) throw new Error(`cluster '${cluster.name}' has no ZooKeeper ensemble`);
  return `${zk.servers.map((s) => `${s.hostname}:${CONTAINER_PORTS.zookeeperClient}`).join(',')}${zk.chroot}`;
}
