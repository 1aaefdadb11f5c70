/**
 * Waiting for a cluster's Schema Registry: its Confluent-compatible API answers with the subject
 * list only once its journal is replayed (before that it errors), so that is what is polled, with
 * a deadline.
 */
import { systemClock, type Clock } from '../core/index.ts';
import { registryRest, RegistryRestError, type RegistryRestOptions } from './rest.ts';

export interface RegistryReadyOptions extends RegistryRestOptions {
  /** The whole wait. @default 120000 */
  readonly deadlineMs?: number;
  /** @default 1000 */
  readonly pollMs?: number;
  /** @default the system clock */
  readonly clock?: Clock;
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
  for (;;) {
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
