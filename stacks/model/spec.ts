import type { KafkaVersion } from './versions.ts';
import type { ResolvedSecurity, SecuritySpec } from './security.ts';
import type { AccessSpec } from './access.ts';
import type { ListenerSet, ResolvedListeners } from './listener-sets.ts';
import type { ConfigMap } from './config-values.ts';
import type { MonitoringSpec, ResolvedMonitoring } from './monitoring.ts';
import type { ConnectSpec, ResolvedConnect } from './connect.ts';
import type { ResolvedSchemaRegistry, SchemaRegistrySpec } from './schema-registry.ts';
import type { HostSpec, NodePlacement, ResolvedHost } from './hosts.ts';

/** How the cluster's metadata is managed. */
export const CLUSTER_MODES = ['kraft-combined', 'kraft-dedicated', 'zookeeper'] as const;
export type ClusterMode = (typeof CLUSTER_MODES)[number];

/** Replication settings; each defaults from the broker count. */
export interface ReplicationSpec {
  /** `default.replication.factor`. @default min(3, brokers) */
  readonly defaultReplicationFactor?: number;
  /** Replication factor of the internal topics (offsets, transactions). @default min(3, brokers) */
  readonly internalReplicationFactor?: number;
  /** `min.insync.replicas` (and `transaction.state.log.min.isr`). @default min(2, defaultReplicationFactor) */
  readonly minInsyncReplicas?: number;
}

/**
 * What a user declares: the only input of the whole tool. Every optional field has a default,
 * resolved once by `resolveCluster`.
 */
export interface ClusterSpec {
  /**
   * Cluster name: lower-case letters, digits and '-', 2 to 32 characters, starting with a letter.
   * Names the stack, the Docker network, containers and volumes.
   */
  readonly name: string;
  /** @default '4.4.0' ('zookeeper' mode needs '3.9.1') */
  readonly kafkaVersion?: string;
  /** @default 'kraft-combined' */
  readonly mode?: string;
  /** Number of brokers (in `kraft-combined` each is also a controller). @default 3 */
  readonly brokers?: number;
  /** `kraft-dedicated` only: 1, 3 or 5 controller nodes. @default 3 */
  readonly controllers?: number;
  /** `zookeeper` only: 1, 3 or 5 ZooKeeper servers. @default 3 */
  readonly zookeepers?: number;
  /** Broker node ids, one per broker. @default 1..brokers */
  readonly brokerIds?: readonly number[];
  /** `kraft-dedicated` only: controller node ids. @default 101..100+controllers */
  readonly controllerIds?: readonly number[];
  /** `broker.rack` of each broker, in broker order. @default - no racks */
  readonly racks?: readonly string[];
  /** @default - derived from the broker count */
  readonly replication?: ReplicationSpec;
  /** Kafka config for every node (keys the tool owns are rejected). @default {} */
  readonly config?: ConfigMap;
  /** Kafka config for one node, by node id; wins over `config`. @default {} */
  readonly nodeConfig?: Readonly<Record<string, ConfigMap>>;
  /** JVM heap of each Kafka node. @default 512 */
  readonly heapMiB?: number;
  /** JVM heap of each ZooKeeper server. @default 256 */
  readonly zookeeperHeapMiB?: number;
  /**
   * First host port: broker i (in order) is published on 127.0.0.1:(basePort + i).
   * @default 19092
   */
  readonly basePort?: number;
  /** Security mode, SASL mechanism and users. @default - sasl_ssl with SCRAM-SHA-512, authorizer on */
  readonly security?: SecuritySpec;
  /**
   * Topics, users and ACLs, applied by the cluster's own access stack (`<name>-access`).
   * @default - the preset's example for a preset name (`kraft-3`: orders), else none
   */
  readonly access?: AccessSpec;
  /**
   * Metrics from every node, Prometheus with alert rules and the dashboards, published on
   * 127.0.0.1 (basePort + 18). `true`, or an object to tune it.
   * @default false
   */
  readonly monitoring?: boolean | MonitoringSpec;
  /**
   * Kafka Connect: distributed workers in one group, each with its REST API on 127.0.0.1
   * (basePort + 19, + 20, + 21), authenticating as their own user. `true`, or an object to tune it.
   * @default false
   */
  readonly connect?: boolean | ConnectSpec;
  /**
   * A Schema Registry (Apicurio, its Confluent-compatible API on 127.0.0.1 at basePort + 22),
   * storing its schemas in the cluster, authenticating as its own user. `true`, or an object to tune it.
   * @default false
   */
  readonly schemaRegistry?: boolean | SchemaRegistrySpec;
  /**
   * Docker engines the Kafka nodes run on, by host name: each node on one host, with host
   * networking, bound on the host's address (see hosts.ts).
   * @default - one host: the default engine, nodes on a Docker network, ports on 127.0.0.1
   */
  readonly hosts?: Readonly<Record<string, HostSpec>>;
  /** The host of a node, by node id. @default - round-robin over `hosts` in node order */
  readonly placement?: Readonly<Record<string, string>>;
}

export const SPEC_FIELDS: readonly (keyof ClusterSpec)[] = [
  'name',
  'kafkaVersion',
  'mode',
  'brokers',
  'controllers',
  'zookeepers',
  'brokerIds',
  'controllerIds',
  'racks',
  'replication',
  'config',
  'nodeConfig',
  'heapMiB',
  'zookeeperHeapMiB',
  'basePort',
  'security',
  'access',
  'monitoring',
  'connect',
  'schemaRegistry',
  'hosts',
  'placement',
];

export const SPEC_DEFAULTS = {
  kafkaVersion: '4.4.0',
  mode: 'kraft-combined',
  brokers: 3,
  controllers: 3,
  zookeepers: 3,
  heapMiB: 512,
  zookeeperHeapMiB: 256,
  basePort: 19092,
  /** Controller ids in `kraft-dedicated` start above any broker id a default spec uses. */
  controllerIdBase: 100,
} as const;

export type NodeRole = 'broker' | 'controller';

export interface ResolvedNode {
  /** Kafka node.id (broker.id in ZooKeeper mode). */
  readonly id: number;
  readonly roles: readonly NodeRole[];
  /** Hostname on the cluster network, e.g. `kafka-1` or `controller-1`. */
  readonly hostname: string;
  /** Docker container name, unique on the machine. */
  readonly containerName: string;
  /** Named volume holding the log dirs. */
  readonly volumeName: string;
  /** Host port of the cluster's listener set, published on 127.0.0.1; brokers only. */
  readonly externalPort?: number;
  /** Host ports of both listener sets (a live security switch publishes both); brokers only. */
  readonly externalPorts?: Readonly<Record<ListenerSet, number>>;
  /** `broker.rack`, when racks are declared. */
  readonly rack?: string;
  /** Config overrides for this node: cluster-wide merged with its own. */
  readonly overrides: Readonly<Record<string, string>>;
  /** Its host and listener ports, when the cluster declares `hosts`. @default - the default engine's cluster network */
  readonly placed?: NodePlacement;
}

export interface ResolvedZooKeeper {
  /** ZooKeeper `myid`, 1-based. */
  readonly myid: number;
  readonly hostname: string;
  readonly containerName: string;
  readonly volumeName: string;
}

export interface ResolvedCluster {
  readonly name: string;
  readonly kafkaVersion: KafkaVersion;
  readonly mode: ClusterMode;
  readonly heapMiB: number;
  readonly zookeeperHeapMiB: number;
  readonly basePort: number;
  /** Stable cluster id, derived from the name (KRaft storage format). */
  readonly clusterId: string;
  readonly networkName: string;
  /** Kafka nodes: controllers first (dedicated mode), then brokers. */
  readonly nodes: readonly ResolvedNode[];
  /** ZooKeeper ensemble (`zookeeper` mode only). */
  readonly zookeeper?: {
    readonly servers: readonly ResolvedZooKeeper[];
    /** Chroot of this cluster in `zookeeper.connect`. */
    readonly chroot: string;
  };
  readonly replication: {
    readonly defaultReplicationFactor: number;
    readonly internalReplicationFactor: number;
    readonly minInsyncReplicas: number;
  };
  readonly security: ResolvedSecurity;
  /** The listener set clients use, and a live security switch in progress. */
  readonly listeners: ResolvedListeners;
  /**
   * Config Kafka changes without a restart, applied with kafka-configs after deploy instead of
   * being written into server.properties: cluster-wide (`config`) and per broker (`nodeConfig`).
   */
  readonly dynamicConfig: {
    readonly clusterWide: Readonly<Record<string, string>>;
    readonly perBroker: Readonly<Record<string, Readonly<Record<string, string>>>>;
  };
  /** The access spec as declared (validated when the access stack is built). */
  readonly access?: AccessSpec;
  /** Prometheus, the exporters and the dashboards; absent when monitoring is off. */
  readonly monitoring?: ResolvedMonitoring;
  /** The Connect workers; absent when Connect is off. */
  readonly connect?: ResolvedConnect;
  /** The Schema Registry; absent when it is off. */
  readonly schemaRegistry?: ResolvedSchemaRegistry;
  /** The declared hosts, in order; absent when every container runs on the default engine. */
  readonly hosts?: readonly ResolvedHost[];
}

export function brokersOf(c: ResolvedCluster): ResolvedNode[] {
  return c.nodes.filter((n) => n.roles.includes('broker'));
}

export function controllersOf(c: ResolvedCluster): ResolvedNode[] {
  return c.nodes.filter((n) => n.roles.includes('controller'));
}
