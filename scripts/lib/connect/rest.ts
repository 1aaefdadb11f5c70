/**
 * Kafka Connect's REST API as the tool calls it: one request at a time to one worker published on
 * 127.0.0.1, each with its own timeout. `fetch` is a parameter, so tests drive it with fakes.
 * Every failure is a ConnectRestError (a StepError, exit 1) that names the URL, what Connect
 * answered (its JSON `message`) and what to try.
 */
import { StepError } from '../../../stacks/model/errors.ts';
import { noAnswerReason, parseJsonBody } from '../core/index.ts';

export { noAnswerReason };

/** The part of the global fetch this client uses. */
export type ConnectFetch = (
  url: string,
  init: { readonly method: string; readonly signal: AbortSignal; readonly headers: Readonly<Record<string, string>> },
) => Promise<{ readonly ok: boolean; readonly status: number; text(): Promise<string> }>;

export interface RestOptions {
  /** @default the global fetch */
  readonly fetch?: ConnectFetch;
  /** Per request. @default 10000 */
  readonly timeoutMs?: number;
  /** The `--cluster` value, for the commands the messages suggest. @default - none: the commands name no cluster */
  readonly cluster?: string;
}

export const DEFAULT_TIMEOUT_MS = 10_000;

/** The command that turns Connect on, with `--cluster C` when one was named. */
export function connectUpCommand(cluster?: string): string {
  return `npm run up -- ${cluster ? `--cluster ${cluster} ` : ''}--connect`;
}

/** A Connect REST call that failed: `status` is Connect's HTTP status, undefined when the worker did not answer. */
export class ConnectRestError extends StepError {
  constructor(
    readonly method: string,
    readonly url: string,
    readonly status: number | undefined,
    /** What went wrong in one line: Connect's message, or why there was no answer. */
    readonly reason: string,
    hint: string,
  ) {
    super(`Connect REST ${method} ${url}`, status === undefined ? reason : `HTTP ${status}: ${reason}`, hint);
  }
}

export interface ConnectRest {
  readonly baseUrl: string;
  /** GET `path`, its JSON body. */
  get<T>(path: string): Promise<T>;
  /** POST or PUT `path` with no body; the JSON answer, or undefined for an empty one (202, 204). */
  send(method: 'POST' | 'PUT', path: string): Promise<unknown>;
}

/** A client for the worker at `baseUrl` (e.g. http://127.0.0.1:18083). */
export function connectRest(baseUrl: string, opts: RestOptions = {}): ConnectRest {
  const base = baseUrl.replace(/\/+$/, '');
  const fetchFn: ConnectFetch = opts.fetch ?? ((url, init) => fetch(url, init));
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  const call = async (method: string, path: string): Promise<unknown> => {
    const url = `${base}${path}`;
    let res: Awaited<ReturnType<ConnectFetch>>;
    let text: string;
    try {
      res = await fetchFn(url, { method, signal: AbortSignal.timeout(timeoutMs), headers: { accept: 'application/json' } });
      text = await res.text();
    } catch (error) {
      const why = noAnswerReason(error, timeoutMs);
      throw new ConnectRestError(method, url, undefined, `the worker at ${base} is not answering: ${why}`, `is Connect on? ${connectUpCommand(opts.cluster)}`);
    }
    const body = parseJsonBody(text);
    if (!res.ok) {
      const message = connectMessage(body) ?? (text.trim().split('\n')[0]?.slice(0, 200) || 'no message');
      throw new ConnectRestError(method, url, res.status, message, hintFor(res.status, opts.cluster));
    }
    return body;
  };

  return {
    baseUrl: base,
    get: async <T>(path: string) => (await call('GET', path)) as T,
    send: (method, path) => call(method, path),
  };
}

/** Connect's error body is `{ "error_code": 404, "message": "..." }`. */
function connectMessage(body: unknown): string | undefined {
  if (body && typeof body === 'object' && 'message' in body && typeof (body as { message: unknown }).message === 'string') {
    return (body as { message: string }).message;
  }
  return undefined;
}

function hintFor(status: number, cluster?: string): string {
  const statusCommand = `npm run connect -- status${cluster ? ` --cluster ${cluster}` : ''}`;
  if (status === 404) return `list the connectors with ${statusCommand}`;
  if (status === 409) return 'the Connect group is rebalancing (a worker joining or leaving, or a config change): wait a few seconds and try again';
  if (status === 503) return 'the worker is still starting: wait a few seconds and try again';
  if (status >= 500) return `the worker's log: docker logs <its container> (${statusCommand} names the workers)`;
  return statusCommand;
}
