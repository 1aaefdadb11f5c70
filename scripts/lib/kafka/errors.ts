/**
 * Client failures in a learner's words: classify a kafkajs (or Node TLS) error as authentication,
 * authorization, TLS, SASL mechanism or connection, and describe each kind plainly.
 */
/** What kind of refusal a client error is, in words a learner can act on. */
export type FailureKind = 'authentication' | 'authorization' | 'tls' | 'mechanism' | 'connection' | 'other';

const PLAIN_WORDS: Record<FailureKind, string> = {
  authentication: 'authentication failed: the broker rejected the credentials',
  authorization: 'authorization failed: authenticated, but no ACL grants this operation',
  tls: 'TLS failed: the certificates do not check out (untrusted CA, or a missing or refused client certificate)',
  mechanism: 'SASL mechanism mismatch: the broker does not enable the mechanism the client asked for',
  connection: 'the connection was dropped before any answer (e.g. a plaintext client on a TLS listener)',
  other: 'failed for another reason',
};

function textOf(error: unknown): string {
  const parts: string[] = [];
  let e: unknown = error;
  for (let depth = 0; e && depth < 5; depth++) {
    const x = e as { name?: string; type?: string; message?: string; code?: string; originalError?: unknown; cause?: unknown };
    parts.push([x.name, x.type, x.code, x.message].filter(Boolean).join(' '));
    e = x.originalError ?? x.cause;
  }
  return parts.join(' | ');
}

/** Classify a kafkajs (or Node TLS) error. Order matters: the most specific signs first. */
export function classifyFailure(error: unknown): FailureKind {
  const t = textOf(error);
  if (/UNSUPPORTED_SASL_MECHANISM|mechanism is not supported|not supported by the server|Unsupported SASL mechanism/i.test(t)) return 'mechanism';
  if (/AUTHORIZATION_FAILED|not authorized/i.test(t)) return 'authorization';
  if (/SASL.*(authentication failed|Authentication failed)|SASLAuthenticationError|invalid credentials|SASL_AUTHENTICATION_FAILED/i.test(t)) return 'authentication';
  if (/certificate|self[- ]signed|SSL|TLS|handshake|alert|unable to verify|ERR_TLS/i.test(t)) return 'tls';
  if (/ECONNRESET|socket disconnected|Closed connection|Connection error|timed out|Connection timeout|ECONNREFUSED|KafkaJSNumberOfRetriesExceeded|Request .* timed out/i.test(t)) {
    return 'connection';
  }
  return 'other';
}

export function describeFailure(kind: FailureKind): string {
  return PLAIN_WORDS[kind];
}

/** The first line of an error's own message, without secrets (kafkajs never echoes passwords). */
export function shortMessage(error: unknown): string {
  return (textOf(error).split('\n')[0] ?? '').slice(0, 200);
}
