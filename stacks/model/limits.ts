/**
 * The fixed numbers of the house: the ranges a spec may ask for, and the ports inside each
 * container. Imported by the spec's validation, the listener sets and the renderers alike.
 */

/** What a spec may ask for: broker count, quorum sizes, heap and host-port ranges. */
export const LIMITS = {
  minBrokers: 1,
  maxBrokers: 9,
  quorumSizes: [1, 3, 5],
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
  /** ZooKeeper clients (brokers). */
  zookeeperClient: 2181,
  zookeeperPeer: 2888,
  zookeeperElection: 3888,
} as const;
