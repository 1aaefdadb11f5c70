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

/** The user dc-b's MirrorMaker 2 reads dc-a as. */
export const DC_MIRROR_USER = 'dc-b-mirror';

/**
 * dc-a, the source data centre: `orders`, an app that writes it and one that reads it in its group,
 * and the user dc-b's MirrorMaker 2 reads it as (read-only: the topic, its configs and the group's offsets).
 */
export const DC_A_ACCESS: AccessSpec = {
  topics: [{ name: 'orders', partitions: 3 }],
  users: [
    { name: 'orders-producer', roles: [producer('orders')] },
    { name: 'orders-app', roles: [consumer('orders', 'orders-app')] },
    { name: DC_MIRROR_USER },
  ],
  acls: [
    { principal: DC_MIRROR_USER, resourceType: 'topic', resourceName: 'orders', operations: ['read', 'describe', 'describe_configs'] },
    { principal: DC_MIRROR_USER, resourceType: 'group', resourceName: 'orders-app', operations: ['describe'] },
  ],
};

/**
 * dc-b, the target: MirrorMaker 2 replicates dc-a's `orders` into `dc-a.orders` and syncs the
 * `orders-app` group's offsets, so the app can fail over and read on from where it was.
 */
export const DC_B_ACCESS: AccessSpec = {
  users: [{ name: 'orders-app' }],
  acls: [
    { principal: 'orders-app', resourceType: 'topic', resourceName: 'dc-a.orders', operations: ['read', 'describe'] },
    { principal: 'orders-app', resourceType: 'group', resourceName: 'orders-app', operations: ['read'] },
  ],
  mirrors: [{ source: 'dc-a', topics: ['orders'], groups: ['orders-app'], user: DC_MIRROR_USER }],
};

/** Access specs that ship with the presets, by cluster name. */
export const ACCESS_PRESETS: Readonly<Record<string, AccessSpec>> = {
  [DEFAULT_CLUSTER]: DEFAULT_ACCESS,
  'dc-a': DC_A_ACCESS,
  'dc-b': DC_B_ACCESS,
};

/**
 * The part of an access spec a cluster's security mode can carry: without an authorizer
 * (plaintext, ssl) there are no users or ACLs, so only the topics and connectors remain.
 */
export function accessForMode(access: AccessSpec, authorizer: boolean): AccessSpec {
  return authorizer
    ? access
    : { ...(access.topics ? { topics: access.topics } : {}), ...(access.connectors ? { connectors: access.connectors } : {}), ...(access.mirrors ? { mirrors: access.mirrors } : {}) };
}

/**
 * The access spec of a cluster: its spec's `access`, else the preset's example (the default
 * cluster's `orders`), cut down to the topics when the cluster's security mode has no
 * authorizer; a cluster with Connect or a Schema Registry and no access spec has an empty one
 * (the workers' and the registry's users and grants are the access stack's). Undefined: no access stack.
 */
export function declaredAccess(cluster: ResolvedCluster): AccessSpec | undefined {
  if (cluster.access) return cluster.access;
  const preset = ACCESS_PRESETS[cluster.name];
  if (preset) return accessForMode(preset, cluster.security.authorizer);
  return cluster.connect || cluster.schemaRegistry ? {} : undefined;
}
