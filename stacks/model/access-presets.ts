import { consumer, producer, type AccessSpec } from './access.ts';
import { DEFAULT_CLUSTER } from './presets.ts';
import type { ResolvedCluster } from './spec.ts';

/** Where the default example's source connector reads lines (in each Connect worker). */
export const ORDERS_IMPORT_FILE = '/var/lib/connect/orders-import.txt';

/**
 * The default cluster's example: an `orders` topic, a producer that can write it (and not read
 * it) and a consumer that can read it in its own group only; and, applied whenever the cluster
 * runs Connect, a FileStream source that moves the lines of a file into a topic of its own.
 */
export const DEFAULT_ACCESS: AccessSpec = {
  topics: [
    { name: 'orders', partitions: 3, config: { 'retention.ms': 604_800_000 } },
    { name: 'orders-import', partitions: 1 },
  ],
  users: [
    { name: 'orders-producer', roles: [producer('orders')] },
    { name: 'orders-consumer', roles: [consumer('orders', 'orders-consumer')] },
  ],
  connectors: [
    {
      name: 'orders-import',
      class: 'FileStreamSource',
      // Each line becomes one record, as text (the workers' default converter is JSON).
      config: { file: ORDERS_IMPORT_FILE, topic: 'orders-import', 'value.converter': 'org.apache.kafka.connect.storage.StringConverter' },
      topics: ['orders-import'],
    },
  ],
};

/** Access specs that ship with the presets, by cluster name. */
export const ACCESS_PRESETS: Readonly<Record<string, AccessSpec>> = {
  [DEFAULT_CLUSTER]: DEFAULT_ACCESS,
};

/**
 * The part of an access spec a cluster's security mode can carry: without an authorizer
 * (plaintext, ssl) there are no users or ACLs, so only the topics and connectors remain.
 */
export function accessForMode(access: AccessSpec, authorizer: boolean): AccessSpec {
  return authorizer ? access : { ...(access.topics ? { topics: access.topics } : {}), ...(access.connectors ? { connectors: access.connectors } : {}) };
}

/**
 * The access spec of a cluster: its spec's `access`, else the preset's example (the default
 * cluster's `orders`), cut down to the topics when the cluster's security mode has no
 * authorizer; a cluster with Connect and no access spec has an empty one (the workers' user and
 * grants are the access stack's). Undefined: no access stack.
 */
export function declaredAccess(cluster: ResolvedCluster): AccessSpec | undefined {
  if (cluster.access) return cluster.access;
  const preset = ACCESS_PRESETS[cluster.name];
  if (preset) return accessForMode(preset, cluster.security.authorizer);
  return cluster.connect ? {} : undefined;
}
