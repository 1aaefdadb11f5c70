/**
 * Validation of a cluster spec, hand-written in the same style as the access spec's
 * (access-validate.ts), with the shared vocabulary of problems.ts. The algorithm:
 * 1. read the spec's shape once (spec-shape.ts): version, mode and counts with defaults filled in;
 * 2. run each section's check in the order of the spec's fields: unknown fields, identity (name,
 *    version, mode), node counts, node ids, racks, replication, config, resources, security, access, monitoring,
 *    Connect, the Schema Registry, hosts and placement;
 * 3. return every problem found (none means valid); `assertValidSpec` throws them as one SpecError.
 */
import { SpecError } from './errors.ts';
import { SPEC_DEFAULTS, SPEC_FIELDS, type ClusterSpec } from './spec.ts';
import { securityProblems } from './validate-security.ts';
import { isObject } from './problems.ts';
import { shapeOf } from './spec-shape.ts';
import { identityProblems } from './validate-identity.ts';
import { countProblems, nodeIdProblems, rackProblems } from './validate-nodes.ts';
import { replicationProblems } from './validate-replication.ts';
import { configProblems } from './validate-config.ts';
import { resourceProblems } from './validate-resources.ts';
import { monitoringProblems } from './monitoring.ts';
import { connectProblems } from './connect.ts';
import { schemaRegistryProblems } from './schema-registry.ts';
import { hostsProblems } from './hosts.ts';
import { brokerIdsOf, controllerIdsOf } from './spec-shape.ts';

export { CLUSTER_NAME_PATTERN } from './validate-identity.ts';

function unknownSpecFields(spec: ClusterSpec): string[] {
  return Object.keys(spec)
    .filter((key) => !(SPEC_FIELDS as readonly string[]).includes(key))
    .map((key) => `unknown field '${key}': remove it (known fields: ${SPEC_FIELDS.join(', ')})`);
}

function accessShapeProblems(access: unknown): string[] {
  if (access === undefined || isObject(access)) return [];
  return [`'access' (${JSON.stringify(access)}) must be an object with 'topics', 'users' and 'acls' lists, e.g. { "topics": [{ "name": "orders" }] }`];
}

/**
 * Every problem with a spec, as messages that name the field, the value and the fix.
 * Pure: checks nothing on the machine (ports in use are checked by the deploy script).
 */
export function validateSpec(spec: ClusterSpec): string[] {
  const shape = shapeOf(spec);
  return [
    ...unknownSpecFields(spec),
    ...identityProblems(shape),
    ...countProblems(shape),
    ...nodeIdProblems(shape),
    ...rackProblems(shape),
    ...replicationProblems(shape),
    ...configProblems(shape),
    ...resourceProblems(shape),
    ...securityProblems(spec.security),
    ...accessShapeProblems(spec.access),
    ...monitoringProblems(spec.monitoring),
    ...connectProblems(spec.connect),
    ...schemaRegistryProblems(spec.schemaRegistry),
    ...hostsProblems({
      hosts: spec.hosts,
      placement: spec.placement,
      nodeIds: [...controllerIdsOf(shape), ...brokerIdsOf(shape)],
      mode: shape.mode,
      basePort: spec.basePort ?? SPEC_DEFAULTS.basePort,
      networkOnly: (['monitoring', 'connect', 'schemaRegistry'] as const).filter((k) => spec[k] !== undefined && spec[k] !== false),
    }),
  ];
}

/** Throws a SpecError listing every problem, or returns the spec unchanged. */
export function assertValidSpec(spec: ClusterSpec): ClusterSpec {
  const problems = validateSpec(spec);
  if (problems.length > 0) throw new SpecError(typeof spec.name === 'string' ? spec.name : '?', problems);
  return spec;
}
