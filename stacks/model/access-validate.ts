/**
 * Validation of an access spec, hand-written in the same style as the cluster spec's
 * (validate.ts), with the shared vocabulary of problems.ts. The algorithm:
 * 1. the spec is an object with known fields only;
 * 2. `topics` are checked first (access-topics.ts): role presets may name only declared topics;
 * 3. `users` and their role presets (access-users.ts, access-roles.ts), which expand to ACLs;
 * 4. `acls` (access-acls.ts), whose principals must be declared users;
 * 5. `resolveAccess` throws every problem as one AccessError, or returns the resolved topics,
 *    users and ACLs, a binding two presets both need kept once.
 */
import { ACCESS_FIELDS, aclKey, type AccessSpec, type PreviousAccessState, type ResolvedAccess } from './access.ts';
import type { ResolvedCluster } from './spec.ts';
import { AccessError } from './errors.ts';
import { isObject, orList, show, unknownFields } from './problems.ts';
import { emptyChecked, type Checked } from './access-checked.ts';
import { checkTopics } from './access-topics.ts';
import { checkUsers } from './access-users.ts';
import { checkAcls } from './access-acls.ts';
import { checkConnectors } from './access-connectors.ts';
import type { ResolvedConnector, ResolvedMirror } from './connectors.ts';
import { checkMirrors } from './access-mirrors.ts';
import { checkSchemaRegistry } from './access-schema-registry.ts';
import { checkSchemas } from './access-schemas.ts';
import type { ResolvedSchema } from './schemas.ts';

export { MAX_PARTITIONS, TOPIC_NAME_PATTERN, defaultPartitions } from './access-topics.ts';

/** The running clusters mirrors may read from, by name (read by the caller: this module does no I/O). */
export type MirrorSources = Readonly<Record<string, ResolvedCluster>>;

function checkAll(access: AccessSpec, cluster: ResolvedCluster, previous?: PreviousAccessState, sources: MirrorSources = {}): Checked & { connectors: ResolvedConnector[]; mirrors: ResolvedMirror[]; schemas: ResolvedSchema[] } {
  const out = { ...emptyChecked(), connectors: [] as ResolvedConnector[], mirrors: [] as ResolvedMirror[], schemas: [] as ResolvedSchema[] };
  if (!isObject(access)) {
    out.problems.push(`the access spec (${show(access)}) must be an object: e.g. { "topics": [{ "name": "orders" }] }`);
    return out;
  }
  out.problems.push(...unknownFields(access, ACCESS_FIELDS, '', `use ${orList(ACCESS_FIELDS)}`));
  checkTopics(access.topics, cluster, previous, out);
  const declared = checkUsers(access.users, cluster, out);
  checkAcls(access.acls, cluster, declared, out);
  out.connectors.push(...checkConnectors(access.connectors, cluster, out));
  out.mirrors.push(...checkMirrors(access.mirrors, cluster, sources, out));
  checkSchemaRegistry(cluster, out);
  out.schemas.push(...checkSchemas(access.schemas, cluster, out));
  return out;
}

/**
 * Every problem with an access spec for `cluster`, as messages that name the field, the value
 * and the fix. `previous` is what the topics have now (for refusing partition decreases).
 * Pure: reads nothing from the machine.
 */
export function validateAccess(access: AccessSpec, cluster: ResolvedCluster, previous?: PreviousAccessState, sources?: MirrorSources): string[] {
  return checkAll(access, cluster, previous, sources).problems;
}

/** Validate, fill defaults and expand role presets to ACLs (deduplicated). Throws AccessError. */
export function resolveAccess(access: AccessSpec, cluster: ResolvedCluster, previous?: PreviousAccessState, sources?: MirrorSources): ResolvedAccess {
  const checked = checkAll(access, cluster, previous, sources);
  if (checked.problems.length > 0) throw new AccessError(cluster.name, checked.problems);
  const seen = new Set<string>();
  const acls = checked.acls.filter((a) => {
    const key = aclKey(a);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { cluster: cluster.name, topics: checked.topics, users: checked.users, acls, connectors: checked.connectors, mirrors: checked.mirrors, schemas: checked.schemas };
}
