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
export const RESERVED_USERS: readonly string[] = [ADMIN_USER, BROKER_USER, CONTROLLER_USER, PROBE_USER];
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

/** Problems with the `security` field, in the spec's teaching style. */
export function securityProblems(spec: unknown): string[] {
  if (spec === undefined) return [];
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) {
    return [`'security' (${JSON.stringify(spec)}) must be an object: e.g. { "mode": "sasl_ssl" }`];
  }
  const s = spec as Record<string, unknown>;
  const problems: string[] = [];
  for (const key of Object.keys(s)) {
    if (!['mode', 'mechanism', 'users'].includes(key)) problems.push(`unknown field 'security.${key}': use mode, mechanism or users`);
  }
  if (s.mode !== undefined && !(SECURITY_MODES as readonly unknown[]).includes(s.mode)) {
    problems.push(`'security.mode' (${JSON.stringify(s.mode)}) is not a security mode: use one of ${SECURITY_MODES.join(', ')}`);
  }
  if (s.mechanism !== undefined) {
    if (!(SASL_MECHANISMS as readonly unknown[]).includes(s.mechanism)) {
      problems.push(`'security.mechanism' (${JSON.stringify(s.mechanism)}) is not supported: use one of ${SASL_MECHANISMS.join(', ')}`);
    } else if (s.mode !== undefined && s.mode !== 'sasl_plaintext' && s.mode !== 'sasl_ssl') {
      problems.push(`'security.mechanism' (${JSON.stringify(s.mechanism)}) needs a SASL mode: set 'security.mode' to sasl_ssl or sasl_plaintext, or remove the mechanism`);
    }
  }
  if (s.users !== undefined) {
    if (!Array.isArray(s.users)) {
      problems.push(`'security.users' (${JSON.stringify(s.users)}) must be a list of user names: e.g. ["orders-app"]`);
    } else {
      s.users.forEach((u, i) => {
        if (typeof u !== 'string' || !USER_NAME_PATTERN.test(u)) {
          problems.push(`'security.users[${i}]' (${JSON.stringify(u)}) is not a user name: use 1 to 64 lower-case letters, digits, '.', '_' or '-', starting with a letter`);
        } else if (RESERVED_USERS.includes(u)) {
          problems.push(`'security.users[${i}]' ('${u}') is created by kafkalab itself: pick another name`);
        } else if (s.users !== undefined && (s.users as unknown[]).indexOf(u) !== i) {
          problems.push(`'security.users[${i}]' ('${u}') is declared twice: declare each user once`);
        }
      });
    }
  }
  return problems;
}
