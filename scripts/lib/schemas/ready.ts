/**
 * Waiting for a cluster's Schema Registry, with a deadline: when its container is named, until
 * Docker reports it healthy (its /health/ready, which answers only once the journal is replayed:
 * a restarted registry's API can list no subject before that); then until its API lists the
 * subjects and the global compatibility.
 */
import { containerState, waitFor, type Clock } from '../core/index.ts';
import { registryRest, RegistryRestError, type RegistryRestOptions } from './rest.ts';

export interface RegistryReadyOptions extends RegistryRestOptions {
  /** The whole wait. @default 120000 */
  readonly deadlineMs?: number;
  /** @default 1000 */
  readonly pollMs?: number;
  /** @default the system clock */
  readonly clock?: Clock;
  /** The registry's container, whose Docker health is waited for first. @default - the API alone */
  readonly container?: string;
  /** The container's health as Docker reports it (`healthy`, `starting`, …). @default docker inspect */
  readonly health?: (container: string) => Promise<string | undefined>;
}

export interface RegistryView {
  readonly subjects: readonly string[];
  /** The global compatibility level, e.g. BACKWARD. */
  readonly compatibility: string;
}

/** The subjects and the global compatibility, once the registry answers both; throws the last error at the deadline. */
export async function waitForRegistry(url: string, opts: RegistryReadyOptions = {}): Promise<RegistryView> {
  const rest = registryRest(url, opts);
  const health = opts.health ?? (async (c: string) => (await containerState(c))?.health);
  const container = opts.container;
  const what = container ? `the Schema Registry (${container}) to be healthy and list its subjects` : `the Schema Registry at ${url} to list its subjects`;
  try {
    return await waitFor(
      async () => {
        const state = container ? await health(container) : 'healthy';
        if (state !== 'healthy') throw new Error(`its container ${container} is ${state ?? 'absent'}, not healthy`);
        const subjects = (await rest.call('GET', '/subjects')).body;
        const config = (await rest.call('GET', '/config')).body as { compatibilityLevel?: string } | undefined;
        return Array.isArray(subjects) ? { subjects: subjects.map(String), compatibility: config?.compatibilityLevel ?? 'unknown' } : undefined;
      },
      { what, timeoutMs: opts.deadlineMs ?? 120_000, intervalMs: opts.pollMs ?? 1000, ...(opts.clock ? { clock: opts.clock } : {}) },
    );
  } catch (error) {
    throw new RegistryRestError('GET', `${url}/subjects`, undefined, (error as Error).message, `see its log: docker logs ${container ?? 'kafkalab-<cluster>-schema-registry'}`);
  }
}
