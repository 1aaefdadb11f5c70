import type { FlagDoc } from './cli.ts';

/** Flags shared by the cluster scripts, declared once. */
export const CLUSTER_FLAG = { type: 'string', description: 'preset name, spec file path, or the name of a cluster deployed from a spec file (default kraft-3)' } as const satisfies FlagDoc;

export const SECURITY_FLAG = {
  type: 'string',
  description: "security mode: plaintext, ssl, mtls, sasl_plaintext or sasl_ssl (default: the spec's, else sasl_ssl); a change recreates the cluster (npm run switch-security switches plaintext <-> sasl_ssl live)",
} as const satisfies FlagDoc;

export const FORCE_FLAG = {
  type: 'boolean',
  description: "also remove by label what Terraform has no state for (e.g. left by another checkout), and destroy even when the access stack refuses (a protected topic)",
} as const satisfies FlagDoc;

export const MONITORING_FLAG = {
  type: 'boolean',
  description: "turn monitoring on: metrics from every node, Prometheus with alert rules and the dashboards on 127.0.0.1 (rolls a running cluster's nodes)",
} as const satisfies FlagDoc;

export const CONNECT_FLAG = {
  type: 'boolean',
  description: "turn Kafka Connect on: distributed workers with their REST API on 127.0.0.1 and the access spec's connectors",
} as const satisfies FlagDoc;

export const NO_CONNECT_FLAG = {
  type: 'boolean',
  description: 'turn Kafka Connect off: removes the workers and their connectors (the internal topics stay)',
} as const satisfies FlagDoc;

export const NO_MONITORING_FLAG = {
  type: 'boolean',
  description: 'turn monitoring off: removes Prometheus and its data (rolls a running cluster\'s nodes)',
} as const satisfies FlagDoc;

export const SCHEMA_REGISTRY_FLAG = {
  type: 'boolean',
  description: 'turn the Schema Registry on: Apicurio Registry storing schemas in the cluster, its Confluent-compatible API on 127.0.0.1',
} as const satisfies FlagDoc;

export const NO_SCHEMA_REGISTRY_FLAG = {
  type: 'boolean',
  description: 'turn the Schema Registry off: removes its container (its topics, and so the schemas, stay)',
} as const satisfies FlagDoc;
