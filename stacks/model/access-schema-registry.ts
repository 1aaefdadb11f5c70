/**
 * The Schema Registry's user and grants, added to a cluster's access when the registry is on:
 * 1. without an authorizer (plaintext, ssl) the registry connects as nobody: nothing to add;
 * 2. under SASL it needs a SCRAM user (PLAIN users are not managed here), under mtls its certificate;
 * 3. its grants are least privilege: its three storage topics (describe, describe_configs, read,
 *    write; deploy makes them beforehand, so no create) and its consumer groups, which
 *    it names anew at each start under one prefix (read). Nothing on the cluster: idempotent writes
 *    need no cluster ACL on Kafka 3.0 and later.
 * Measured with these exact grants: docs/schema-registry.md.
 */
import type { Checked } from './access-checked.ts';
import { principalOf, type AclOperation, type ResolvedAcl } from './access.ts';
import type { ResolvedSchemaRegistry } from './schema-registry.ts';
import type { ResolvedCluster } from './spec.ts';

export const SCHEMA_REGISTRY_ORIGIN = 'schemaRegistry (the registry)';

/** Step 3: the registry's own grants. */
export function schemaRegistryGrants(registry: ResolvedSchemaRegistry): ResolvedAcl[] {
  const base = { principal: principalOf(registry.user), permission: 'allow' as const, host: '*', origin: SCHEMA_REGISTRY_ORIGIN };
  const topicOps: AclOperation[] = ['describe', 'describe_configs', 'read', 'write'];
  return [
    ...Object.values(registry.topics).flatMap((t) => topicOps.map((operation) => ({ ...base, resourceType: 'topic' as const, resourceName: t, pattern: 'literal' as const, operation }))),
    { ...base, resourceType: 'group', resourceName: registry.groupPrefix, pattern: 'prefixed', operation: 'read' },
  ];
}

/** Steps 1 to 3, gathering into `out`: the registry's user and its grants, or the problem. */
export function checkSchemaRegistry(cluster: ResolvedCluster, out: Checked): void {
  const registry = cluster.schemaRegistry;
  const s = cluster.security;
  if (!registry || !s.authorizer) return;
  if (s.sasl && s.mechanism === 'PLAIN') {
    out.problems.push(
      `'schemaRegistry' needs a SCRAM user for the registry, but cluster '${cluster.name}' uses SASL mechanism PLAIN: use mechanism SCRAM-SHA-512 (the default), or turn the registry off`,
    );
    return;
  }
  out.users.push({
    name: registry.user,
    principal: principalOf(registry.user),
    credential: s.clientCerts ? 'certificate' : 'scram',
    ...(s.sasl ? { mechanism: s.mechanism as 'SCRAM-SHA-512' | 'SCRAM-SHA-256' } : {}),
  });
  out.acls.push(...schemaRegistryGrants(registry));
}
