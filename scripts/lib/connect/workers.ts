import type { ConnectDescriptor } from '../cluster/index.ts';
import { connectRest, ConnectRestError, type ConnectRest } from './rest.ts';
import { noWorkerAnswers, type ConnectDeps } from './status.ts';

/** The workers' REST URLs, the descriptor's `restUrl` first. */
export function workerUrls(d: ConnectDescriptor): string[] {
  return [...new Set([d.restUrl, ...d.workers.map((w) => w.restUrl)])];
}

/**
 * Run `call` on the first worker that answers (any worker serves the whole group, forwarding to the
 * leader): a worker that gives no HTTP answer is skipped; an HTTP error is the group's answer.
 */
export async function onAnyWorker<T>(d: ConnectDescriptor, deps: ConnectDeps, call: (rest: ConnectRest) => Promise<T>): Promise<T> {
  const silent: { name: string; restUrl: string; error: string }[] = [];
  for (const url of workerUrls(d)) {
    try {
      return await call(connectRest(url, deps));
    } catch (error) {
      if (!(error instanceof ConnectRestError) || error.status !== undefined) throw error;
      const name = d.workers.find((w) => w.restUrl === url)?.name ?? url;
      silent.push({ name, restUrl: url, error: error.reason });
    }
  }
  throw noWorkerAnswers(d, silent.map((s) => ({ ...s, ok: false })), deps.cluster);
}
