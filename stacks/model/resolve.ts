import { clusterIdFor } from './cluster-id.ts';
import {
  SPEC_DEFAULTS,
  type ClusterMode,
  type ClusterSpec,
  type ResolvedCluster,
  type ResolvedNode,
  type ResolvedZooKeeper,
} from './spec.ts';
import { assertValidSpec } from './validate.ts';
import { resolveSecurity } from './security.ts';
import { configUpdateMode } from './dynamic-keys.ts';
import { listenerSetLayout, resolveListeners, type ListenerSet, type ListenerState } from './listener-sets.ts';
import type { KafkaVersion } from './versions.ts';
import { stringifyConfig } from './config-values.ts';
import { resolveMonitoring } from './monitoring.ts';
import { resolveConnect } from './connect.ts';
import { resolveSchemaRegistry } from './schema-registry.ts';
import { placeNodes, placedPorts, resolveHosts, type ResolvedHost } from './hosts.ts';

/** Prefix of every Docker object this tool creates. */
export const RESOURCE_PREFIX = 'kafkalab';

/**
 * Validates the spec and fills every default, once. Throws SpecError on bad input.
 * `listenerState` is what the state folder says about a deployed cluster's listeners (the set it
 * is on after a live security switch, or a switch in progress). @default - set a, no switch
 */
export function resolveCluster(spec: ClusterSpec, listenerState?: ListenerState): ResolvedCluster {
  assertValidSpec(spec);
  const listeners = resolveListeners(listenerState, spec.security?.users);
  const hostPort = (i: number, set: ListenerSet): number => basePort + listenerSetLayout(set).hostPortOffset + i;
  const mode = (spec.mode ?? SPEC_DEFAULTS.mode) as ClusterMode;
  const kafkaVersion = (spec.kafkaVersion ?? (mode === 'zookeeper' ? '3.9.1' : SPEC_DEFAULTS.kafkaVersion)) as KafkaVersion;
  const brokerCount = spec.brokers ?? SPEC_DEFAULTS.brokers;
  const basePort = spec.basePort ?? SPEC_DEFAULTS.basePort;
  const prefix = `${RESOURCE_PREFIX}-${spec.name}`;
  // Keys Kafka changes without a restart (cluster-wide dynamic) are applied as dynamic config
  // after deploy, not written into server.properties: changing one then restarts nothing.
  const dynamic = (key: string): boolean => configUpdateMode(kafkaVersion, key) === 'cluster-wide';
  const split = (config: Record<string, string>, wantDynamic: boolean): Record<string, string> =>
    Object.fromEntries(Object.entries(config).filter(([k]) => dynamic(k) === wantDynamic));
  const clusterConfig = stringifyConfig(spec.config);
  const staticCluster = split(clusterConfig, false);
  const brokerIdsOf = Array.from({ length: brokerCount }, (_, i) => spec.brokerIds?.[i] ?? i + 1);
  const overridesFor = (id: number, isBroker: boolean): Record<string, string> => {
    const own = stringifyConfig(spec.nodeConfig?.[String(id)]);
    // A controller-only node has no broker dynamic config of its own: all of its config is in its file.
    return isBroker ? { ...staticCluster, ...split(own, false) } : { ...staticCluster, ...own };
  };
  const perBroker: Record<string, Record<string, string>> = {};
  for (const id of brokerIdsOf) {
    const own = split(stringifyConfig(spec.nodeConfig?.[String(id)]), true);
    if (Object.keys(own).length > 0) perBroker[String(id)] = own;
  }

  const controllers: ResolvedNode[] =
    mode === 'kraft-dedicated'
      ? Array.from({ length: spec.controllers ?? SPEC_DEFAULTS.controllers }, (_, i) => {
          const id = spec.controllerIds?.[i] ?? SPEC_DEFAULTS.controllerIdBase + i + 1;
          return {
            id,
            roles: ['controller'],
            hostname: `controller-${i + 1}`,
            containerName: `${prefix}-controller-${i + 1}`,
            volumeName: `${prefix}-controller-${i + 1}-data`,
            overrides: overridesFor(id, false),
          };
        })
      : [];
  const brokers: ResolvedNode[] = Array.from({ length: brokerCount }, (_, i) => {
    const id = spec.brokerIds?.[i] ?? i + 1;
    const rack = spec.racks?.[i];
    return {
      id,
      roles: mode === 'kraft-combined' ? ['broker', 'controller'] : ['broker'],
      hostname: `kafka-${i + 1}`,
      containerName: `${prefix}-kafka-${i + 1}`,
      volumeName: `${prefix}-kafka-${i + 1}-data`,
      externalPort: hostPort(i, listeners.set),
      externalPorts: { a: hostPort(i, 'a'), b: hostPort(i, 'b') },
      ...(rack !== undefined ? { rack } : {}),
      overrides: overridesFor(id, true),
    };
  });
  const zookeepers: ResolvedZooKeeper[] =
    mode === 'zookeeper'
      ? Array.from({ length: spec.zookeepers ?? SPEC_DEFAULTS.zookeepers }, (_, i) => ({
          myid: i + 1,
          hostname: `zookeeper-${i + 1}`,
          containerName: `${prefix}-zookeeper-${i + 1}`,
          volumeName: `${prefix}-zookeeper-${i + 1}-data`,
        }))
      : [];

  const hosts = resolveHosts(spec.hosts);
  const nodes = placed([...controllers, ...brokers], hosts, spec.placement, basePort);
  const r = spec.replication ?? {};
  const defaultReplicationFactor = r.defaultReplicationFactor ?? Math.min(3, brokerCount);
  return {
    name: spec.name,
    kafkaVersion,
    mode,
    heapMiB: spec.heapMiB ?? SPEC_DEFAULTS.heapMiB,
    zookeeperHeapMiB: spec.zookeeperHeapMiB ?? SPEC_DEFAULTS.zookeeperHeapMiB,
    basePort,
    clusterId: clusterIdFor(spec.name),
    networkName: prefix,
    nodes,
    ...(mode === 'zookeeper' ? { zookeeper: { servers: zookeepers, chroot: `/kafkalab/${spec.name}` } } : {}),
    replication: {
      defaultReplicationFactor,
      internalReplicationFactor: r.internalReplicationFactor ?? Math.min(3, brokerCount),
      minInsyncReplicas: r.minInsyncReplicas ?? Math.min(2, defaultReplicationFactor),
    },
    security: resolveSecurity(spec.security),
    listeners,
    dynamicConfig: { clusterWide: split(clusterConfig, true), perBroker },
    ...(spec.access !== undefined ? { access: spec.access } : {}),
    ...monitoringOf(spec, prefix, basePort),
    ...connectOf(spec, prefix, basePort),
    ...schemaRegistryOf(spec, prefix, basePort),
    ...(hosts.length > 0 ? { hosts } : {}),
  };
}

/** With `hosts`: each node with its host and ports, each broker's rack its host's name unless `racks` says. */
function placed(nodes: ResolvedNode[], hosts: readonly ResolvedHost[], placement: ClusterSpec['placement'], basePort: number): ResolvedNode[] {
  if (hosts.length === 0) return nodes;
  const where = placeNodes(nodes.map((n) => n.id), hosts, placement);
  return nodes.map((n, slot) => {
    const host = where.get(n.id)!;
    const rack = n.rack ?? (n.roles.includes('broker') ? host.name : undefined);
    return { ...n, ...(rack !== undefined ? { rack } : {}), placed: { host, ...placedPorts(basePort, slot) } };
  });
}

function schemaRegistryOf(spec: ClusterSpec, prefix: string, basePort: number): Pick<ResolvedCluster, 'schemaRegistry'> {
  const schemaRegistry = resolveSchemaRegistry(spec.schemaRegistry, prefix, basePort);
  return schemaRegistry ? { schemaRegistry } : {};
}

function connectOf(spec: ClusterSpec, prefix: string, basePort: number): Pick<ResolvedCluster, 'connect'> {
  const connect = resolveConnect(spec.connect, prefix, basePort);
  return connect ? { connect } : {};
}

function monitoringOf(spec: ClusterSpec, prefix: string, basePort: number): Pick<ResolvedCluster, 'monitoring'> {
  const monitoring = resolveMonitoring(spec.monitoring, prefix, basePort);
  return monitoring ? { monitoring } : {};
}

/** address:port of every broker's external listener, in broker order: 127.0.0.1, or its host's address when placed. */
export function bootstrapServers(cluster: ResolvedCluster): string[] {
  return cluster.nodes.flatMap((n) => (n.externalPort !== undefined ? [`${n.placed?.host.address ?? '127.0.0.1'}:${n.externalPort}`] : []));
}

/** Host ports a cluster publishes: its set's, during a live security switch the old set's too, Prometheus's, the Connect workers' and the registry's. */
export function claimedPorts(cluster: ResolvedCluster): number[] {
  const sets = publishedSets(cluster);
  const brokers = cluster.nodes.flatMap((n) => (n.externalPorts ? sets.map((s) => n.externalPorts![s]) : []));
  const extra = [...(cluster.monitoring ? [cluster.monitoring.prometheusPort] : []), ...(cluster.connect?.workers.map((w) => w.restPort) ?? []), ...(cluster.schemaRegistry ? [cluster.schemaRegistry.hostPort] : [])];
  return [...brokers, ...extra];
}

/** `address:port` of every port a cluster holds: its published ports on 127.0.0.1, and a placed node's every listener on its host's address. */
export function claimedAddresses(cluster: ResolvedCluster): string[] {
  const sets = publishedSets(cluster);
  const placedNodes = cluster.nodes.filter((n) => n.placed);
  if (placedNodes.length === 0) return claimedPorts(cluster).map((p) => `127.0.0.1:${p}`);
  return placedNodes.flatMap((n) => {
    const p = n.placed!;
    const ports = [...(n.externalPorts ? sets.map((s) => n.externalPorts![s]) : []), ...(n.roles.includes('broker') ? sets.map((s) => p.internalPorts[s]) : []), ...(n.roles.includes('controller') ? sets.map((s) => p.controllerPorts[s]) : [])];
    return ports.map((port) => `${p.host.address}:${port}`);
  });
}

/** The listener sets a cluster's nodes bind: its own, and during a switch the old one too. */
export function publishedSets(cluster: ResolvedCluster): ListenerSet[] {
  return cluster.listeners.switch ? [cluster.listeners.switch.fromSet, cluster.listeners.set] : [cluster.listeners.set];
}

/**
 * Clusters side by side must not claim the same port on one address (127.0.0.1, or a host's).
 * Returns one message per clash with another cluster (pure: `others` are the clusters deployed or
 * declared alongside).
 */
export function portClaimProblems(cluster: ResolvedCluster, others: readonly ResolvedCluster[]): string[] {
  const mine = claimedAddresses(cluster);
  const problems: string[] = [];
  for (const other of others) {
    if (other.name === cluster.name) continue;
    const theirs = claimedAddresses(other);
    const shared = mine.filter((p) => theirs.includes(p));
    if (shared.length === 0) continue;
    const ports = theirs.map((a) => Number(a.slice(a.lastIndexOf(':') + 1)));
    const lo = Math.min(...ports);
    const hi = Math.max(...ports);
    const [address, port] = [shared[0]!.slice(0, shared[0]!.lastIndexOf(':')), shared[0]!.slice(shared[0]!.lastIndexOf(':') + 1)];
    const where = address === '127.0.0.1' ? '' : ` on ${address}${hostNameOf(cluster, address)}`;
    problems.push(
      `'basePort' (${cluster.basePort}) claims port ${port}${where}, which cluster '${other.name}' also claims (${lo}..${hi}): choose a 'basePort' that keeps ${mine.length === 1 ? 'its port' : `all ${mine.length} of its ports`} outside ${lo}..${hi}`,
    );
  }
  return problems;
}

const hostNameOf = (cluster: ResolvedCluster, address: string): string => {
  const h = cluster.hosts?.find((x) => x.address === address);
  return h ? ` (host '${h.name}')` : '';
};

/**
 * The Docker network the tool's client containers (verifiable clients, admin sessions) join on
 * the default engine: the cluster's own, or for a placed cluster the machine's (`host`), from
 * which every host's address is reached as this machine reaches it.
 */
export function clientNetworkOf(cluster: ResolvedCluster): string {
  return cluster.hosts ? 'host' : cluster.networkName;
}
