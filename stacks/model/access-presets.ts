import { consumer, producer, type AccessSpec } from './access.ts';
import { DEFAULT_CLUSTER } from './presets.ts';
import type { ResolvedCluster } from './spec.ts';

/**
 * The default cluster's example: an `orders` topic, a producer that can write it (and not read
 * it) and a consumer that can read it in its own group only.
 */
export const DEFAULT_ACCESS: AccessSpec = {
  topics: [{ name: 'orders', partitions: 3, config: { 'retention.ms': 604_800_000 } }],
  users: [
    { name: 'orders-producer', roles: [producer('orders')] },
    { name: 'orders-consumer', roles: [consumer('orders', 'orders-consumer')] },
  ],
};

/** Access specs that ship with the presets, by cluster name. */
export const ACCESS_PRESETS: Readonly<Record<string, AccessSpec>> = {
  [DEFAULT_CLUSTER]: DEFAULT_ACCESS,
};

/**
 * The part of an access spec a cluster's security mode can carry: without an authorizer
 * (plaintext, ssl) there are no users or ACLs, so only the topics remain.
 */
export function accessForMode(access: AccessSpec, authorizer: boolean): AccessSpec {
  return authorizer ? access : { ...(access.topics ? { topics: access.topics } : {}) };
}

/**
 * The access spec of a cluster: its spec's `access`, else the preset's example (the default
 * cluster's `orders`), cut down to the topics when the cluster's security mode has no
 * authorizer. Undefined: no access stack.
 */
export function declaredAccess(cluster: ResolvedCluster): AccessSpec | undefined {
  if (cluster.access) return cluster.access;
  const preset = ACCESS_PRESETS[cluster.name];
  return preset ? accessForMode(preset, cluster.security.authorizer) : undefined;
}
