/**
 * Waiting for a cluster's Schema Registry, with a deadline: when its container is named, until
 * Docker reports it healthy (its /health/ready, which answers only once the journal is replayed:
 * a restarted registry's API can list no subject before that); then until its API lists the
 * subjects and the global compatibility.
 */
import { containerState, systemClock, type Clock } from '../core/index.ts';
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
  const clock = opts.clock ?? systemClock;
  const deadline = clock.now() + (opts.deadlineMs ?? 120_000);
  const rest = registryRest(url, opts);
  const health = opts.health ?? (async (c: string) => (await containerState(c))?.health);
  for (;;) {
    const state = opts.container ? await health(opts.container) : 'healthy';
    if (state !== 'healthy') {
      if (clock.now() >= deadline) {
        throw new RegistryRestError('GET', `${url}/subjects`, undefined, `its container ${opts.container} is ${state ?? 'absent'}, not healthy`, `see its log: docker logs ${opts.container}`);
      }
      await clock.sleep(opts.pollMs ?? 1000);
      continue;
    }
    try {
      const subjects = (await rest.call('GET', '/subjects')).body;
      const config = (await rest.call('GET', '/config')).body as { compatibilityLevel?: string } | undefined;
      if (Array.isArray(subjects)) return { subjects: subjects.map(String), compatibility: config?.compatibilityLevel ?? 'unknown' };
    } catch (error) {
      if (!(error instanceof RegistryRestError) || clock.now() >= deadline) throw error;
    }
    if (clock.now() >= deadline) throw new RegistryRestError('GET', `${url}/subjects`, undefined, 'the registry never listed its subjects', 'see its log: docker logs <cluster>-schema-registry');
    await clock.sleep(opts.pollMs ?? 1000);
  }
}
