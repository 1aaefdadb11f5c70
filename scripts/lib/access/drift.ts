/**
 * Drift: what the cluster holds now against what the access stack declares. Pure: the live
 * side comes from scripts/lib/kafka, so these functions are tested with plain data.
 */
import type { ResolvedAccess, ResolvedAcl, ResolvedTopic } from '../../../stacks/model/access.ts';
import type { ResolvedConnector } from '../../../stacks/model/connectors.ts';
import type { AclBinding, PartitionState } from '../kafka/index.ts';

/** What a topic looks like on the cluster. */
export interface LiveTopic {
  readonly partitions: number;
  readonly replicationFactor: number;
  /** Topic-level overrides only (not inherited broker defaults). */
  readonly config: Readonly<Record<string, string>>;
}

/** Live topics from partition metadata and topic overrides. */
export function liveTopics(parts: readonly PartitionState[], overrides: Readonly<Record<string, Readonly<Record<string, string>>>>): Record<string, LiveTopic> {
  const out: Record<string, LiveTopic> = {};
  for (const p of parts) {
    const t = out[p.topic];
    out[p.topic] = {
      partitions: (t?.partitions ?? 0) + 1,
      replicationFactor: Math.max(t?.replicationFactor ?? 0, p.replicas.length),
      config: overrides[p.topic] ?? {},
    };
  }
  return out;
}

/** One difference per line, e.g. `topic 'orders': retention.ms is '1000', declared '604800000'`. */
export function topicDrift(declared: readonly ResolvedTopic[], live: Readonly<Record<string, LiveTopic>>): string[] {
  const drift: string[] = [];
  for (const t of declared) {
    const l = live[t.name];
    if (!l) {
      drift.push(`topic '${t.name}' is missing`);
      continue;
    }
    if (l.partitions !== t.partitions) drift.push(`topic '${t.name}': ${l.partitions} partitions, declared ${t.partitions}`);
    if (l.replicationFactor !== t.replicationFactor) drift.push(`topic '${t.name}': replication factor ${l.replicationFactor}, declared ${t.replicationFactor}`);
    for (const [key, want] of Object.entries(t.config)) {
      const got = l.config[key];
      if (got === undefined) drift.push(`topic '${t.name}': ${key} is not set, declared '${want}'`);
      else if (got !== want) drift.push(`topic '${t.name}': ${key} is '${got}', declared '${want}'`);
    }
    for (const [key, got] of Object.entries(l.config)) {
      if (!(key in t.config)) drift.push(`topic '${t.name}': ${key} is '${got}', not declared`);
    }
  }
  return drift;
}

const bindingKey = (a: Omit<AclBinding, never>): string =>
  [a.principal, a.resourceType, a.pattern, a.resourceName, a.operation, a.permission, a.host].join('|');

const showAcl = (a: AclBinding | ResolvedAcl): string =>
  `${a.permission} ${a.principal} ${a.operation} on ${a.resourceType} ${a.pattern === 'prefixed' ? `prefixed '${a.resourceName}'` : `'${a.resourceName}'`}${a.host === '*' ? '' : ` from ${a.host}`}`;

/**
 * ACL drift for the declared users: a declared binding Kafka does not hold, or a binding Kafka
 * holds for a declared user that nobody declared (an extra grant is drift too).
 */
export function aclDrift(access: ResolvedAccess, live: readonly AclBinding[]): string[] {
  const want = new Map(access.acls.map((a) => [bindingKey(a), a]));
  const have = new Map(live.map((a) => [bindingKey(a), a]));
  const principals = new Set([...access.users.map((u) => u.principal), ...access.acls.map((a) => a.principal)]);
  const drift: string[] = [];
  for (const [key, a] of want) if (!have.has(key)) drift.push(`missing: ${showAcl(a)} (${a.origin})`);
  for (const [key, a] of have) if (!want.has(key) && principals.has(a.principal)) drift.push(`not declared: ${showAcl(a)}`);
  return drift;
}

/**
 * Connector drift: a declared connector the workers do not run, or whose config differs from the
 * declared one (a key changed, missing, or added behind the tool's back). `live` holds each
 * connector's config as Connect returns it (`GET /connectors/<name>/config`), or undefined when
 * Connect answered 404.
 */
export function connectorDrift(declared: readonly ResolvedConnector[], live: Readonly<Record<string, Readonly<Record<string, string>> | undefined>>): string[] {
  const drift: string[] = [];
  for (const c of declared) {
    const have = live[c.name];
    if (!have) {
      drift.push(`connector '${c.name}' is missing`);
      continue;
    }
    for (const [key, want] of Object.entries(c.config)) {
      const got = have[key];
      if (got === undefined) drift.push(`connector '${c.name}': ${key} is not set, declared '${want}'`);
      else if (got !== want) drift.push(`connector '${c.name}': ${key} is '${got}', declared '${want}'`);
    }
    for (const [key, got] of Object.entries(have)) if (!(key in c.config)) drift.push(`connector '${c.name}': ${key} is '${got}', not declared`);
  }
  return drift;
}
