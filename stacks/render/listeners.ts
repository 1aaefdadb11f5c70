import { CONTAINER_PORTS } from '../model/limits.ts';
import { controllersOf, type ResolvedCluster, type ResolvedNode } from '../model/spec.ts';
import type { ResolvedSecurity } from '../model/security.ts';
import { listenerSetLayout, type ListenerSet } from '../model/listener-sets.ts';

export type ListenerName = string;
export type SecurityProtocolName = 'PLAINTEXT' | 'SSL' | 'SASL_PLAINTEXT' | 'SASL_SSL';

/** The protocol every listener speaks in a security mode: one switch for all traffic. */
export function protocolFor(security: ResolvedSecurity): SecurityProtocolName {
  if (security.sasl) return security.tls ? 'SASL_SSL' : 'SASL_PLAINTEXT';
  return security.tls ? 'SSL' : 'PLAINTEXT';
}

/** One Kafka listener: its name, bind address inside the container, advertised address and protocol. */
export interface Listener {
  readonly name: ListenerName;
  /** Which of the listener's roles: traffic between nodes and in-network tools, host clients, or the quorum. */
  readonly role: 'internal' | 'external' | 'controller';
  readonly set: ListenerSet;
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
  /** `controller.listener.names`, for KRaft nodes: the first is the one nodes talk to the quorum on. */
  readonly controllerListener?: string;
  /** `inter.broker.listener.name`, for brokers. */
  readonly interBrokerListener?: string;
}

/** The sets a cluster's nodes bind, each with its security: one, or two during a live security switch (old first). */
export function listenerSetsOf(cluster: ResolvedCluster): { set: ListenerSet; security: ResolvedSecurity }[] {
  const w = cluster.listeners.switch;
  const own = { set: cluster.listeners.set, security: cluster.security };
  return w ? [{ set: w.fromSet, security: w.from }, own] : [own];
}

/** The security whose secrets the nodes need: the cluster's, or during a switch the secured one of the two. */
export function securedOf(cluster: ResolvedCluster): ResolvedSecurity {
  return listenerSetsOf(cluster).find((x) => x.security.mode !== 'plaintext')?.security ?? cluster.security;
}

/**
 * The set nodes talk to each other on (inter-broker and quorum): the old set until step 2 of a
 * switch moves that traffic to the new one.
 */
export function nodeTrafficSet(cluster: ResolvedCluster): ListenerSet {
  const w = cluster.listeners.switch;
  return w && w.step === 1 ? w.fromSet : cluster.listeners.set;
}

/**
 * The listeners of one node:
 * INTERNAL on the Docker network, advertised by container name, which is unique on the machine
 * (a Connect worker on two clusters' networks, for MirrorMaker 2, would find `kafka-1` on both),
 * for brokers and in-network tools (which may still bootstrap from the hostname),
 * EXTERNAL advertised as 127.0.0.1:<published port> (host clients),
 * CONTROLLER for the KRaft quorum (bound by controllers, named by brokers that talk to them).
 * During a live security switch each exists twice: on the old set (INTERNAL, ...) and on the new
 * (INTERNAL2, ...), or the other way round.
 */
export function listenerPlan(cluster: ResolvedCluster, node: ResolvedNode): ListenerPlan {
  const sets = listenerSetsOf(cluster);
  const traffic = nodeTrafficSet(cluster);
  const bound: Listener[] = [];
  const mapped: string[] = [];
  const kraft = cluster.mode !== 'zookeeper';
  for (const { set, security } of sets) {
    const l = listenerSetLayout(set);
    const protocol = protocolFor(security);
    const at = bindingOf(node, set);
    if (node.roles.includes('broker')) {
      bound.push({ name: l.internal, role: 'internal', set, bind: `${l.internal}://${at.bind}:${at.internal}`, advertised: `${l.internal}://${at.internalHost}:${at.internal}`, protocol });
      const external = node.externalPorts?.[set] ?? node.externalPort;
      bound.push({
        name: l.external,
        role: 'external',
        set,
        bind: `${l.external}://${at.bind}:${node.placed ? external : l.externalPort}`,
        advertised: `${l.external}://${at.externalHost}:${external}`,
        protocol,
      });
    }
    if (node.roles.includes('controller')) bound.push({ name: l.controller, role: 'controller', set, bind: `${l.controller}://${at.bind}:${at.controller}`, protocol });
  }
  mapped.push(...bound.map((b) => `${b.name}:${b.protocol}`));
  if (kraft && !node.roles.includes('controller')) for (const { set, security } of sets) mapped.push(`${listenerSetLayout(set).controller}:${protocolFor(security)}`);
  // The quorum's listener first: it is the one brokers and controllers connect on.
  const controllerNames = [traffic, ...sets.map((s) => s.set).filter((s) => s !== traffic)].map((s) => listenerSetLayout(s).controller);
  return {
    bound,
    protocolMap: mapped.join(','),
    ...(kraft ? { controllerListener: controllerNames.join(',') } : {}),
    ...(node.roles.includes('broker') ? { interBrokerListener: listenerSetLayout(traffic).internal } : {}),
  };
}

/**
 * Where a node's listeners of one set live. On the cluster network: every interface of the
 * container (host left empty), the fixed container ports, advertised by container name (INTERNAL)
 * and 127.0.0.1 (EXTERNAL). Placed on a host: the host's address and the node's own ports.
 */
export function bindingOf(node: ResolvedNode, set: ListenerSet): { bind: string; internalHost: string; externalHost: string; internal: number; controller: number } {
  const l = listenerSetLayout(set);
  const p = node.placed;
  if (!p) return { bind: '', internalHost: node.containerName, externalHost: '127.0.0.1', internal: l.internalPort, controller: l.controllerPort };
  return { bind: p.host.address, internalHost: p.host.address, externalHost: p.host.address, internal: p.internalPorts[set], controller: p.controllerPorts[set] };
}

/** `controller.quorum.voters`: id@host:port of every controller, on the set nodes talk to each other on. */
export function quorumVoters(cluster: ResolvedCluster): string {
  const set = nodeTrafficSet(cluster);
  return controllersOf(cluster)
    .map((n) => `${n.id}@${n.placed ? n.placed.host.address : n.hostname}:${bindingOf(n, set).controller}`)
    .join(',');
}

/** The port in-network clients (tools, verifiable clients) reach an unplaced broker on: the cluster's set. */
export function internalPortOf(cluster: ResolvedCluster): number {
  return listenerSetLayout(cluster.listeners.set).internalPort;
}

/** `host:port` of a broker's internal listener, on the cluster's set (a placed broker's: its host's address and port). */
export function internalAddressOf(cluster: ResolvedCluster, node: ResolvedNode): string {
  const p = node.placed;
  return p ? `${p.host.address}:${p.internalPorts[cluster.listeners.set]}` : `${node.hostname}:${internalPortOf(cluster)}`;
}

/** `zookeeper.connect` with this cluster's chroot. */
export function zookeeperConnect(cluster: ResolvedCluster): string {
  const zk = cluster.zookeeper;
  if (!zk) throw new Error(`cluster '${cluster.name}' has no ZooKeeper ensemble`);
  return `${zk.servers.map((s) => `${s.hostname}:${CONTAINER_PORTS.zookeeperClient}`).join(',')}${zk.chroot}`;
}
