import { afterEach, describe, expect, it, vi } from 'vitest';
import { waitFor } from '../../../../scripts/lib/core/progress.ts';

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe('waitFor', () => {
  it('returns the first value the probe gives, after the probes that threw', async () => {
    let n = 0;
    const v = await waitFor(
      async () => {
        n++;
        if (n < 3) throw new Error(`not yet ${n}`);
        return 'ready';
      },
      { what: 'x', timeoutMs: 5000, intervalMs: 1 },
    );
    expect(v).toBe('ready');
    expect(n).toBe(3);
  });

  it('fails after the deadline with the last reason seen', async () => {
    await expect(
      waitFor(
        async () => {
          throw new Error('broker 2 is fenced');
        },
        { what: 'broker 2', timeoutMs: 20, intervalMs: 5 },
      ),
    ).rejects.toThrow('timed out after 0s waiting for broker 2: broker 2 is fenced');
  });

  it('with KAFKALAB_TRACE=1, writes each new reason once and the end, timestamped', async () => {
    vi.stubEnv('KAFKALAB_TRACE', '1');
    const lines: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    const reasons = ['a', 'a', 'b'];
    await waitFor(
      async () => {
        const r = reasons.shift();
        if (r) throw new Error(r);
        return true;
      },
      { what: 'thing', timeoutMs: 5000, intervalMs: 1 },
    );
    expect(lines.map((l) => l.replace(/^\[trace [\d:.]+ \+\d+ms\] /, ''))).toEqual(['thing: a\n', 'thing: b\n', 'thing: ok\n']);
  });

  it('writes no trace without KAFKALAB_TRACE', async () => {
    vi.stubEnv('KAFKALAB_TRACE', '');
    const spy = vi.spyOn(process.stderr, 'write');
    await waitFor(async () => true, { what: 'thing', timeoutMs: 100 });
    expect(spy).not.toHaveBeenCalled();
  });
});
