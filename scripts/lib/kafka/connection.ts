/**
 * The connection to Kafka from the host: a kafkajs config from the cluster's connection descriptor
 * (CA, certificate and password read from their files), client creation, the admin-client helper
 * every admin call goes through, and the retry through a leadership change. The other files of
 * this domain are the only users of kafkajs, so another client library could replace it here.
 */
import { readFileSync } from 'node:fs';
import { Kafka, logLevel, type Admin, type KafkaConfig, type SASLOptions } from 'kafkajs';
import type { ConnectionDescriptor } from '../cluster/index.ts';

/** Who the client is, when not the descriptor's admin: another user's password, or none at all. */
export interface Identity {
  /** SASL user and password (sasl modes). @default - the descriptor's admin user and password file */
  readonly sasl?: { readonly mechanism?: string; readonly username: string; readonly password: string };
  /** Client certificate and key PEM (mtls), or `null` to connect without one. @default - the descriptor's admin certificate, if any */
  readonly cert?: { readonly certPem: string; readonly keyPem: string } | null;
  /** CA bundle PEM to trust instead of the cluster's. @default - the descriptor's CA file */
  readonly caPem?: string;
  /** Force a protocol different from the cluster's (negative tests: plaintext against TLS). @default false */
  readonly plaintext?: boolean;
}

export interface ClientOptions {
  /** Bootstrap through these addresses only. @default - every address of the descriptor */
  readonly bootstrap?: readonly string[];
  /** @default 'kafkalab' */
  readonly clientId?: string;
  /** @default - the descriptor's admin */
  readonly identity?: Identity;
  /** kafkajs retries per request. @default 3 */
  readonly retries?: number;
}

const read = (path: string): string => readFileSync(path, 'utf8');

/** A live kafkajs config from the descriptor: CA, certificate and password read from their files. */
export function kafkajsConfigFrom(d: ConnectionDescriptor, opts: ClientOptions = {}): KafkaConfig {
  const id = opts.identity ?? {};
  const base: KafkaConfig = {
    clientId: opts.clientId ?? 'kafkalab',
    brokers: [...(opts.bootstrap ?? d.bootstrapServers)],
    connectionTimeout: 5000,
    authenticationTimeout: 5000,
    requestTimeout: 15000,
    retry: { retries: opts.retries ?? 3, initialRetryTime: 200 },
    logLevel: process.env.KAFKALAB_KAFKAJS_DEBUG ? logLevel.DEBUG : logLevel.NOTHING,
  };
  if (id.plaintext) return base;
  if (d.ssl) {
    const cert = id.cert === null ? undefined : id.cert ?? (d.ssl.certPath ? { certPem: read(d.ssl.certPath), keyPem: read(d.ssl.keyPath!) } : undefined);
    base.ssl = { ca: [id.caPem ?? read(d.ssl.caPath)], ...(cert ? { cert: cert.certPem, key: cert.keyPem } : {}) };
  }
  if (d.sasl) {
    const user = id.sasl ?? { username: d.sasl.username, password: read(d.sasl.passwordPath).trim() };
    base.sasl = {
      mechanism: (user.mechanism ?? d.sasl.mechanism).toLowerCase(),
      username: user.username,
      password: user.password,
    } as SASLOptions;
  }
  return base;
}

/** A kafkajs client for the descriptor (nothing connects until a producer, consumer or admin does). */
export function kafkaFor(d: ConnectionDescriptor, opts: ClientOptions = {}): Kafka {
  return new Kafka(kafkajsConfigFrom(d, opts));
}

/** Run `fn` with a connected admin client, disconnected afterwards whatever happens. */
export async function withAdmin<T>(d: ConnectionDescriptor, fn: (admin: Admin) => Promise<T>, opts: ClientOptions = {}): Promise<T> {
  const admin = kafkaFor(d, opts).admin();
  await admin.connect();
  try {
    return await fn(admin);
  } finally {
    await admin.disconnect();
  }
}

/** Does this identity get through authentication? Resolves true, or rejects with the client's error. */
export async function authenticate(d: ConnectionDescriptor, opts: ClientOptions): Promise<true> {
  await withAdmin(d, async (admin) => void (await admin.listTopics()), { retries: 0, ...opts });
  return true;
}

/**
 * A moment of a leadership change (a broker just stopped or came back): kafkajs gives up on
 * LEADER_NOT_AVAILABLE / NOT_LEADER_OR_FOLLOWER / OFFSET_NOT_AVAILABLE (a new leader whose high
 * watermark has not caught up yet) after its own short retries, yet the next try a second later succeeds.
 */
export function isLeadershipMoment(error: unknown): boolean {
  const m = error instanceof Error ? `${error.name} ${error.message}` : String(error);
  return /leadership election|LEADER_NOT_AVAILABLE|NOT_LEADER|not the leader|no leader|OFFSET_NOT_AVAILABLE|high watermark has not caught up/i.test(m);
}

export interface LeadershipRetryOptions {
  /** Stop retrying (and throw the last error) after this long. @default 30000 */
  readonly timeoutMs?: number;
  /** Pause between tries. @default 1000 */
  readonly pauseMs?: number;
}

/** Run `attempt`, trying again after a pause while it fails with a leadership moment, until the deadline; other errors go through at once. */
export async function retryThroughLeadership<T>(attempt: () => Promise<T>, opts: LeadershipRetryOptions = {}): Promise<T> {
  const deadline = Date.now() + (opts.timeoutMs ?? 30_000);
  const pauseMs = opts.pauseMs ?? 1000;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (!isLeadershipMoment(error) || Date.now() >= deadline) throw error;
      await new Promise((r) => setTimeout(r, pauseMs));
    }
  }
}
