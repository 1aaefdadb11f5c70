/**
 * The schemas domain's public surface: a cluster's Schema Registry over its Confluent-compatible
 * API (readiness, and the schemas declared in the access spec: plan, drift, apply). Other domains
 * import only this.
 */
export { registryRest, registryUpCommand, RegistryRestError, REGISTRY_TIMEOUT_MS } from './rest.ts';
export type { RegistryAnswer, RegistryFetch, RegistryRest, RegistryRestOptions } from './rest.ts';
export { waitForRegistry } from './ready.ts';
export type { RegistryReadyOptions, RegistryView } from './ready.ts';
