/** Client-facing security, one switch: the external listener follows it; internal traffic is secured to match. */
export const SECURITY_MODES = ['plaintext', 'ssl', 'mtls', 'sasl_plaintext', 'sasl_ssl'] as const;
export type SecurityMode = (typeof SECURITY_MODES)[number];

export const SASL_MECHANISMS = ['SCRAM-SHA-512', 'SCRAM-SHA-256', 'PLAIN'] as const;
export type SaslMechanism = (typeof SASL_MECHANISMS)[number];

export interface SecuritySpec {
  /** @default 'sasl_ssl' (secure by default; plaintext only when asked for) */
  readonly mode?: string;
  /** SASL mechanism of client and inter-broker traffic in the sasl_* modes. @default 'SCRAM-SHA-512' */
  readonly mechanism?: string;
  /** Further users (SCRAM credentials, or client certificates under mtls). @default [] */
  readonly users?: readonly string[];
}

export const SECURITY_DEFAULTS = { mode: 'sasl_ssl', mechanism: 'SCRAM-SHA-512' } as const;

/** Principals the tool creates itself. */
export const ADMIN_USER = 'admin';
export const BROKER_USER = 'kafkalab-broker';
export const CONTROLLER_USER = 'kafkalab-controller';
/** An authenticated user that is granted nothing: `verify --probe-negative` proves it is refused. */
export const PROBE_USER = 'kafkalab-probe';
/** The Connect workers' user (CONNECT_USER in connect.ts). */
const CONNECT_WORKERS_USER = 'connect';
/** The Schema Registry's user (SCHEMA_REGISTRY_USER in schema-registry.ts). */
const SCHEMA_REGISTRY_USER = 'schema-registry';
export const RESERVED_USERS: readonly string[] = [ADMIN_USER, BROKER_USER, CONTROLLER_USER, PROBE_USER, CONNECT_WORKERS_USER, SCHEMA_REGISTRY_USER];
export const USER_NAME_PATTERN = /^[a-z][a-z0-9._-]{0,63}$/;

export interface ResolvedSecurity {
  readonly mode: SecurityMode;
  /** Only meaningful in the sasl_* modes. */
  readonly mechanism: SaslMechanism;
  /** TLS on the listeners. */
  readonly tls: boolean;
  /** Clients authenticate with certificates. */
  readonly clientCerts: boolean;
  /** Clients authenticate with SASL. */
  readonly sasl: boolean;
  /** Authorizer on, deny by default (every mode that authenticates clients). */
  readonly authorizer: boolean;
  /** Every user with a credential: the admin first, then declared users, then the probe user. */
  readonly users: readonly string[];
}

export function resolveSecurity(spec: SecuritySpec | undefined): ResolvedSecurity {
  const mode = (spec?.mode ?? SECURITY_DEFAULTS.mode) as SecurityMode;
  const mechanism = (spec?.mechanism ?? SECURITY_DEFAULTS.mechanism) as SaslMechanism;
  const tls = mode === 'ssl' || mode === 'mtls' || mode === 'sasl_ssl';
  const sasl = mode === 'sasl_plaintext' || mode === 'sasl_ssl';
  const clientCerts = mode === 'mtls';
  return {
    mode,
    mechanism,
    tls,
    clientCerts,
    sasl,
    authorizer: sasl || clientCerts,
    users: sasl || clientCerts ? [ADMIN_USER, ...(spec?.users ?? []), PROBE_USER] : [],
  };
}
