/**
 * The Schema Registry of a cluster: the spec's `schemaRegistry` switch, its validation and what it
 * resolves to (one Apicurio Registry container on the cluster network, its Confluent-compatible
 * API published on 127.0.0.1, its storage in three topics of the cluster, its own user).
 * Pure: names, ports and counts only. How the registry is run: docs/schema-registry.md.
 */
import { CONNECT_PORT_OFFSET, CONNECT_WORKER_RANGE } from './connect.ts';
import { fieldProblem, isInt, isObject, unknownFields } from './problems.ts';

/** `"schemaRegistry": true`, or an object to tune it. */
export interface SchemaRegistrySpec {
  /** JVM heap of the registry. @default 512 */
  readonly heapMiB?: number;
}

export const SCHEMA_REGISTRY_FIELDS: readonly (keyof SchemaRegistrySpec)[] = ['heapMiB'];
export const SCHEMA_REGISTRY_DEFAULTS = { heapMiB: 512 } as const;
export const SCHEMA_REGISTRY_HEAP_RANGE = { min: 256, max: 4096 } as const;

/** The APIs' port inside the container, and the management port (health, metrics). */
export const SCHEMA_REGISTRY_HTTP_PORT = 8080;
export const SCHEMA_REGISTRY_MANAGEMENT_PORT = 9000;
/** Offset of the registry's host port from basePort: after the most Connect workers there can be. */
export const SCHEMA_REGISTRY_PORT_OFFSET = CONNECT_PORT_OFFSET + CONNECT_WORKER_RANGE.max;

/** The user the registry authenticates as (SCRAM or its certificate), created by the access stack. */
export const SCHEMA_REGISTRY_USER = 'schema-registry';

/** The registry's storage: its journal, snapshots and events topics, and its consumer groups' prefix. */
export const SCHEMA_REGISTRY_TOPICS = { journal: 'kafkasql-journal', snapshots: 'kafkasql-snapshots', events: 'registry-events' } as const;
export const SCHEMA_REGISTRY_GROUP_PREFIX = 'apicurio-';

/** The path of the Confluent-compatible API. */
export const CCOMPAT_PATH = '/apis/ccompat/v7';

export interface ResolvedSchemaRegistry {
  /** `schema-registry`, on the cluster network. */
  readonly hostname: string;
  readonly containerName: string;
  /** Host port of its APIs, on 127.0.0.1. */
  readonly hostPort: number;
  /** The Confluent-compatible API's base on the host, e.g. http://127.0.0.1:19092/apis/ccompat/v7. */
  readonly url: string;
  readonly user: string;
  readonly topics: typeof SCHEMA_REGISTRY_TOPICS;
  readonly groupPrefix: string;
  readonly heapMiB: number;
}

/**
 * The registry's storage topics, made by deploy before the registry starts (Apicurio 3.3.3 would
 * create them with one replica: its `replication.factor` topic property reaches Kafka as a topic
 * config and is refused). One partition each (the journal's order is the registry's), kept forever
 * (the journal is replayed at every start). Not Terraform's: turning the registry off keeps them,
 * and with them the schemas.
 */
export function schemaRegistryTopics(registry: ResolvedSchemaRegistry, replicationFactor: number): { name: string; partitions: number; replicationFactor: number; config: Record<string, string> }[] {
  const config = { 'cleanup.policy': 'delete', 'retention.ms': '-1', 'retention.bytes': '-1' };
  return Object.values(registry.topics).map((name) => ({ name, partitions: 1, replicationFactor, config }));
}

/** Problems with the spec's `schemaRegistry` field (absent, a boolean or a SchemaRegistrySpec). */
export function schemaRegistryProblems(value: unknown): string[] {
  if (value === undefined || typeof value === 'boolean') return [];
  if (!isObject(value)) {
    return [fieldProblem('schemaRegistry', value, 'must be true, false or an object: e.g. "schemaRegistry": true or "schemaRegistry": { "heapMiB": 768 }')];
  }
  const problems = unknownFields(value, SCHEMA_REGISTRY_FIELDS, 'schemaRegistry.', `remove it (known: ${SCHEMA_REGISTRY_FIELDS.join(', ')})`);
  const h = value.heapMiB;
  if (h !== undefined && (!isInt(h) || h < SCHEMA_REGISTRY_HEAP_RANGE.min || h > SCHEMA_REGISTRY_HEAP_RANGE.max)) {
    problems.push(fieldProblem('schemaRegistry.heapMiB', h, `is out of range: use a whole number of MiB from ${SCHEMA_REGISTRY_HEAP_RANGE.min} to ${SCHEMA_REGISTRY_HEAP_RANGE.max}`));
  }
  return problems;
}

/** How many host ports past basePort a spec's `schemaRegistry` needs (0 when off). */
export function schemaRegistryPortSpan(value: unknown): number {
  return value === undefined || value === false ? 0 : SCHEMA_REGISTRY_PORT_OFFSET + 1;
}

/** The resolved registry of a cluster whose Docker objects start with `prefix`; undefined when off. */
export function resolveSchemaRegistry(spec: boolean | SchemaRegistrySpec | undefined, prefix: string, basePort: number): ResolvedSchemaRegistry | undefined {
  if (spec === undefined || spec === false) return undefined;
  const tuned = spec === true ? {} : spec;
  const hostPort = basePort + SCHEMA_REGISTRY_PORT_OFFSET;
  return {
    hostname: 'schema-registry',
    containerName: `${prefix}-schema-registry`,
    hostPort,
    url: `http://127.0.0.1:${hostPort}${CCOMPAT_PATH}`,
    user: SCHEMA_REGISTRY_USER,
    topics: SCHEMA_REGISTRY_TOPICS,
    groupPrefix: SCHEMA_REGISTRY_GROUP_PREFIX,
    heapMiB: tuned.heapMiB ?? SCHEMA_REGISTRY_DEFAULTS.heapMiB,
  };
}
