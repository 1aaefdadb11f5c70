/** What an HTTP call to one of the cluster's REST APIs (Connect, the Schema Registry) answered, or why it got no answer. */

/** Why a request got no HTTP answer, in one line: the timeout, or the socket error (ECONNREFUSED …). */
export function noAnswerReason(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return `no answer within ${timeoutMs / 1000}s`;
  }
  const cause = error instanceof Error ? (error as Error & { cause?: unknown }).cause : undefined;
  if (cause instanceof Error && cause.message) return cause.message;
  if (cause && typeof cause === 'object' && 'code' in cause) return String((cause as { code: unknown }).code);
  return error instanceof Error ? error.message : String(error);
}

/** A response body as JSON; undefined when it is empty or not JSON. */
export function parseJsonBody(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
