/**
 * The schemas domain's public surface: a cluster's Schema Registry over its Confluent-compatible
 * API (readiness, and the schemas declared in the access spec: plan, drift, apply). Other domains
 * import only this.
 */
export { registryRest, registryUpCommand, RegistryRestError, REGISTRY_TIMEOUT_MS } from './rest.ts';
export type { RegistryAnswer, RegistryFetch, RegistryRest, RegistryRestOptions } from './rest.ts';
export { waitForRegistry } from './ready.ts';
export type { RegistryReadyOptions, RegistryView } from './ready.ts';
export { readSchemaText, canonicalOf } from './source.ts';
export type { SchemaText } from './source.ts';
export { applySchemas, planSchemas, refusalReason, renderSchemaPlan } from './plan.ts';
export type { AppliedSchema, SchemaAction, SchemaPlan, SchemaPlanEntry } from './plan.ts';
export { applyClusterSchemas, planClusterSchemas, schemaTexts } from './cluster-schemas.ts';
export type { ClusterSchemasOptions } from './cluster-schemas.ts';
export { consumeAvro, produceAvro } from './avro-clients.ts';
export type { AvroProduceOptions, AvroRead } from './avro-clients.ts';
