import { consumer, producer, type AccessSpec } from './access.ts';
import { DEFAULT_CLUSTER } from './presets.ts';

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
