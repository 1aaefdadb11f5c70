import { describe, expect, it } from 'vitest';
import { step } from '../../../../scripts/lib/bench/lifecycle-bench.ts';

describe('a lifecycle step', () => {
  it('is rounded to whole ms, with its ratio to the floor to 3 decimals', () => {
    expect(step('fresh up', 30_123.4, 20_000.2, true)).toEqual({ name: 'fresh up', ms: 30123, floorMs: 20000, ratio: 1.506, ok: true });
  });

  it('has no ratio without a floor', () => {
    expect(step('verify', 8_000, null, false)).toEqual({ name: 'verify', ms: 8000, floorMs: null, ratio: null, ok: false });
  });
});
