import { describe, expect, it } from 'vitest';
import { waitForRegistry } from '../../../../scripts/lib/schemas/ready.ts';
import type { RegistryFetch } from '../../../../scripts/lib/schemas/rest.ts';

const URL = 'http://127.0.0.1:19114/apis/ccompat/v7';

function fakeClock(): { now(): number; sleep(ms: number): Promise<void>; t: number } {
  const c = { t: 0, now: () => c.t, sleep: async (ms: number) => void (c.t += ms) };
  return c;
}

/** A registry that lists `subjects` and answers BACKWARD; records what was asked. */
function fakeFetch(subjects: string[]): RegistryFetch & { asked: string[] } {
  const asked: string[] = [];
  const f = (async (url: string) => {
    asked.push(url.replace(URL, ''));
    const body = url.endsWith('/subjects') ? subjects : { compatibilityLevel: 'BACKWARD' };
    return { ok: true, status: 200, text: async () => JSON.stringify(body) };
  }) as unknown as RegistryFetch & { asked: string[] };
  f.asked = asked;
  return f;
}

describe('waitForRegistry', () => {
  it('waits for its container to be healthy before it asks the API (a restarted registry lists no subject until its journal is replayed)', async () => {
    const clock = fakeClock();
    const states = ['starting', 'starting', 'healthy'];
    const fetch = fakeFetch(['orders-value']);
    const view = await waitForRegistry(URL, { clock, fetch, container: 'kafkalab-x-schema-registry', health: async () => states.shift() ?? 'healthy' });
    expect(view).toEqual({ subjects: ['orders-value'], compatibility: 'BACKWARD' });
    expect(clock.t).toBe(2000);
    expect(fetch.asked).toEqual(['/subjects', '/config']);
  });

  it('gives up at the deadline naming the container and its state', async () => {
    const clock = fakeClock();
    await expect(waitForRegistry(URL, { clock, fetch: fakeFetch([]), deadlineMs: 5000, container: 'kafkalab-x-schema-registry', health: async () => 'unhealthy' })).rejects.toThrow(
      'its container kafkalab-x-schema-registry is unhealthy, not healthy',
    );
  });
});
