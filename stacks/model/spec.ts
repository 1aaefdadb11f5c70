import type { KafkaVersion } from './versions.ts';

/** How the cluster's metadata is managed. */
export type ClusterMode = 'kraft-combined';

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
  /** @default '4.4.0' */
  readonly kafkaVersion?: string;
  /** @default 'kraft-combined' */
  readonly mode?: string;
  /** Number of Kafka nodes (in `kraft-combined` each is broker and controller). @default 3 */
  readonly brokers?: number;
  /** JVM heap of each Kafka node. @default 512 */
  readonly heapMiB?: number;
  /**
   * First host port: node i (1-based) is published on 127.0.0.1:(basePort + i - 1).
   * @default 19092
   */
  readonly basePort?: number;
}

export const SPEC_DEFAULTS = {
  kafkaVersion: '4.4.0',
  mode: 'kraft-combined',
  brokers: 3,
  heapMiB: 512,
  basePort: 19092,
} as const;

export const LIMITS = {
  minBrokers: 1,
  maxBrokers: 9,
  minHeapMiB: 256,
  maxHeapMiB: 8192,
  minPort: 1024,
  maxPort: 65535,
} as const;

/** Ports inside each container (fixed; only the published host ports vary). */
export const CONTAINER_PORTS = {
  /** Broker-to-broker and in-network clients, by node hostname. */
  internal: 9092,
  /** KRaft controller quorum. */
  controller: 9093,
  /** Host clients, published on 127.0.0.1. */
  external: 9094,
} as const;

export interface ResolvedNode {
  /** Kafka node.id, 1-based. */
  readonly id: number;
  readonly roles: readonly ('broker' | 'controller')[];
  /** Hostname on the cluster network, e.g. `kafka-1`. */
  readonly hostname: string;
  /** Docker container name, unique on the machine. */
  readonly containerName: string;
  /** Named volume holding the log dirs. */
  readonly volumeName: string;
  /** Host port, published on 127.0.0.1. */
  readonly externalPort: number;
}

export interface ResolvedCluster {
  readonly name: string;
  readonly kafkaVersion: KafkaVersion;
  readonly mode: ClusterMode;
  readonly heapMiB: number;
  readonly basePort: number;
  /** Stable KRaft cluster id, derived from the name. */
  readonly clusterId: string;
  readonly networkName: string;
  readonly nodes: readonly ResolvedNode[];
  /** Replication settings derived from the broker count. */
  readonly replication: {
    readonly defaultReplicationFactor: number;
    readonly internalReplicationFactor: number;
    readonly minInsyncReplicas: number;
  };
}
