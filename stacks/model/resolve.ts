import { clusterIdFor } from './cluster-id.ts';
import { SPEC_DEFAULTS, type ClusterMode, type ClusterSpec, type ResolvedCluster, type ResolvedNode } from './spec.ts';
import { assertValidSpec } from './validate.ts';
import type { KafkaVersion } from './versions.ts';

/** Prefix of every Docker object this tool creates. */
export const RESOURCE_PREFIX = 'kafkalab';

/** Validates the spec and fills every default, once. Throws SpecError on bad input. */
export function resolveCluster(spec: ClusterSpec): ResolvedCluster {
  assertValidSpec(spec);
  const brokers = spec.brokers ?? SPEC_DEFAULTS.brokers;
  const basePort = spec.basePort ?? SPEC_DEFAULTS.basePort;
  const prefix = `${RESOURCE_PREFIX}-${spec.name}`;
  const nodes: ResolvedNode[] = Array.from({ length: brokers }, (_, i) => {
    const id = i + 1;
    return {
      id,
      roles: ['broker', 'controller'],
      hostname: `kafka-${id}`,
      containerName: `${prefix}-kafka-${id}`,
      volumeName: `${prefix}-kafka-${id}-data`,
      externalPort: basePort + i,
    };
  });
  const internalRf = Math.min(3, brokers);
  return {
    name: spec.name,
    kafkaVersion: (spec.kafkaVersion ?? SPEC_DEFAULTS.kafkaVersion) as KafkaVersion,
    mode: (spec.mode ?? SPEC_DEFAULTS.mode) as ClusterMode,
    heapMiB: spec.heapMiB ?? SPEC_DEFAULTS.heapMiB,
    basePort,
    clusterId: clusterIdFor(spec.name),
    networkName: prefix,
    nodes,
    replication: {
      defaultReplicationFactor: internalRf,
      internalReplicationFactor: internalRf,
      minInsyncReplicas: Math.min(2, internalRf),
    },
  };
}

/** 127.0.0.1:port for every node, in node order. */
export function bootstrapServers(cluster: ResolvedCluster): string[] {
  return cluster.nodes.map((n) => `127.0.0.1:${n.externalPort}`);
}
