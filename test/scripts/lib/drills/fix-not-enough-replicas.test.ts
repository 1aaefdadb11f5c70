import { describe, expect, it } from 'vitest';
import { minIsrVerdict } from '../../../../scripts/lib/drills/fix-not-enough-replicas.ts';

describe('fix-not-enough-replicas', () => {
  it('accepts at least 2 and below the replication factor', () => {
    expect(minIsrVerdict(2, 3).ok).toBe(true);
    expect(minIsrVerdict(2, 4).ok).toBe(true);
  });

  it('refuses above the RF, equal to it, or 1', () => {
    expect(minIsrVerdict(3, 2)).toMatchObject({ ok: false, why: expect.stringMatching(/can never be satisfied/) });
    expect(minIsrVerdict(2, 2)).toMatchObject({ ok: false, why: expect.stringMatching(/losing any one replica/) });
    expect(minIsrVerdict(1, 3)).toMatchObject({ ok: false, why: expect.stringMatching(/one broker only/) });
    expect(minIsrVerdict(Number.NaN, 3).ok).toBe(false);
  });
});
