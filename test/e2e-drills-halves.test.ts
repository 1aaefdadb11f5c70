import { describe, expect, it } from 'vitest';
import { DRILLS } from '../scripts/lib/practice/drills/index.ts';
import { drillsOfHalf } from './e2e/drills-suite.ts';

describe('the drills e2e halves (test/e2e/drills-suite.ts)', () => {
  it('put every drill in exactly one part: the monitored ones in part m, the others in half a or b', () => {
    const a = drillsOfHalf('a');
    const b = drillsOfHalf('b');
    const m = drillsOfHalf('m');
    expect([...a, ...b, ...m].sort()).toEqual(DRILLS.map((d) => d.id).sort());
    expect(new Set([...a, ...b, ...m]).size).toBe(DRILLS.length);
    expect(m.sort()).toEqual(DRILLS.filter((d) => d.needs.monitoring).map((d) => d.id).sort());
    expect(Math.abs(a.length - b.length)).toBeLessThanOrEqual(2);
  });
});
