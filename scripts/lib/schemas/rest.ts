/**
 * The Schema Registry's Confluent-compatible API (`/apis/ccompat/v7`) as the tool calls it, plus
 * the one call of Apicurio's own API that gives reasons (a dry-run registration). One request at
 * a time, each with its own timeout; `fetch` is a parameter, so tests drive it with fakes. Every
 * failure is a RegistryRestError (a StepError, exit 1) naming the URL, what the registry answered
 * and what to try.
 */
import { StepError } from '../../../stacks/model/errors.ts';
import { CCOMPAT_PATH } from '../../../stacks/model/schema-registry.ts';
import { noAnswerReason, parseJsonBody } from '../core/index.ts';

/** The part of the global fetch this client uses. */
export type RegistryFetch = (
  url: string,
  init: { readonly method: string; readonly signal: AbortSignal; readonly headers: Readonly<Record<string, string>>; readonly body?: string },
) => Promise<{ readonly ok: boolean; readonly status: number; text(): Promise<string> }>;

export interface RegistryRestOptions {
  /** @default the global fetch */
  readonly fetch?: RegistryFetch;
  /** Per request. @default 15000 */
  readonly timeoutMs?: number;
  /** The `--cluster` value, for the commands the messages suggest. @default - none */
  readonly cluster?: string;
}

export const REGISTRY_TIMEOUT_MS = 15_000;
const CONTENT_TYPE = 'application/vnd.schemaregistry.v1+json';

/** The command that turns the registry on, with `--cluster C` when one was named. */
export function registryUpCommand(cluster?: string): string {
  return `npm run up -- ${cluster ? `--cluster ${cluster} ` : ''}--schema-registry`;
}

/** A registry call that failed: `status` is its HTTP status, undefined when nothing answered. */
export class RegistryRestError extends StepError {
  constructor(
    readonly method: string,
    readonly url: string,
    readonly status: number | undefined,
    /** The registry's message, or why there was no answer. */
    readonly reason: string,
    hint: string,
  ) {
    super(`Schema Registry ${method} ${url}`, status === undefined ? reason : `HTTP ${status}: ${reason}`, hint);
  }
}

/** An answer the caller handles itself (a 404 for "no such subject", a 409 for "incompatible"). */
export interface RegistryAnswer {
  readonly status: number;
  readonly body: unknown;
  /** The registry's `message`, else the body's first line. */
  readonly message: string;
}

export interface RegistryRest {
  /** The Confluent-compatible API's base, e.g. http://127.0.0.1:19114/apis/ccompat/v7. */
  readonly url: string;
  /**
   * One call; `path` under the Confluent-compatible API, or from the registry's root when it starts
   * with `/apis/`. Answers with a status in `accept` are returned; others throw.
   * @param accept statuses returned rather than thrown (2xx are always returned)
   */
  call(method: string, path: string, body?: unknown, accept?: readonly number[]): Promise<RegistryAnswer>;
}

/** A client for the registry whose Confluent-compatible API is at `url`. */
export function registryRest(url: string, opts: RegistryRestOptions = {}): RegistryRest {
  const base = url.replace(/\/+$/, '');
  const root = base.endsWith(CCOMPAT_PATH) ? base.slice(0, -CCOMPAT_PATH.length) : base;
  const fetchFn: RegistryFetch = opts.fetch ?? ((u, init) => fetch(u, init));
  const timeoutMs = opts.timeoutMs ?? REGISTRY_TIMEOUT_MS;
  return {
    url: base,
    async call(method, path, body, accept = []) {
      const target = `${path.startsWith('/apis/') ? root : base}${path}`;
      let res: Awaited<ReturnType<RegistryFetch>>;
      let text: string;
      try {
        res = await fetchFn(target, {
          method,
          signal: AbortSignal.timeout(timeoutMs),
          headers: { accept: 'application/json', ...(body !== undefined ? { 'content-type': path.startsWith('/apis/') ? 'application/json' : CONTENT_TYPE } : {}) },
          ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        });
        text = await res.text();
      } catch (error) {
        throw new RegistryRestError(method, target, undefined, `the registry at ${root} is not answering: ${noAnswerReason(error, timeoutMs)}`, `is it on? ${registryUpCommand(opts.cluster)}`);
      }
      const parsed = parseJsonBody(text);
      const message = messageOf(parsed) ?? (text.trim().split('\n')[0]?.slice(0, 300) || 'no message');
      if (res.ok || accept.includes(res.status)) return { status: res.status, body: parsed, message };
      throw new RegistryRestError(method, target, res.status, message, hintFor(res.status, opts.cluster));
    },
  };
}

/** Both APIs answer errors as `{ "message": "...", ... }` (ccompat adds `error_code`, v3 `detail`). */
function messageOf(body: unknown): string | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const b = body as { message?: unknown; detail?: unknown };
  if (typeof b.detail === 'string' && b.detail) return b.detail;
  return typeof b.message === 'string' ? b.message : undefined;
}

function hintFor(status: number, cluster?: string): string {
  const logs = `the registry's log: docker logs kafkalab-${cluster ?? '<cluster>'}-schema-registry`;
  if (status === 404) return `no such subject or version: npm run plan${cluster ? ` -- --cluster ${cluster}` : ''} lists the declared subjects against the registry`;
  if (status === 409) return 'the registry refused an incompatible schema: evolve it compatibly (e.g. give a new field a default), or change the subject\'s compatibility';
  if (status === 422) return 'the registry could not parse the schema: check it against its type (AVRO, JSON or PROTOBUF)';
  return logs;
}
