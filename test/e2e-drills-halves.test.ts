import { describe, expect, it } from 'vitest';
import { DRILLS } from '../scripts/lib/practice/drills/index.ts';
import { drillsOfHalf } from './e2e/drills-suite.ts';

describe('the drills e2e halves (test/e2e/drills-suite.ts)', () => {
  it('put every drill in exactly one half', () => {
    const a = drillsOfHalf('a');
    const b = drillsOfHalf('b');
    expect([...a, ...b].sort()).toEqual(DRILLS.map((d) => d.id).sort());
    expect(a.filter((id) => b.includes(id))).toEqual([]);
    expect(Math.abs(a.length - b.length)).toBeLessThanOrEqual(2);
  });
});
