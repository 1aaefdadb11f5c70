import { describe, expect, it } from 'vitest';
import { DRILLS } from '../scripts/lib/practice/drills/index.ts';
import { drillsOfHalf } from './e2e/drills-suite.ts';

describe('the drills e2e halves (test/e2e/drills-suite.ts)', () => {
  it('put every drill in exactly one part: the monitored ones in part m, the Connect and Schema Registry ones in part c, the others in half a or b', () => {
    const a = drillsOfHalf('a');
    const b = drillsOfHalf('b');
    const m = drillsOfHalf('m');
    const c = drillsOfHalf('c');
    expect([...a, ...b, ...m, ...c].sort()).toEqual(DRILLS.map((d) => d.id).sort());
    expect(new Set([...a, ...b, ...m, ...c]).size).toBe(DRILLS.length);
    expect(m.sort()).toEqual(DRILLS.filter((d) => d.needs.monitoring).map((d) => d.id).sort());
    expect(c.sort()).toEqual(DRILLS.filter((d) => d.needs.connect || d.needs.schemaRegistry).map((d) => d.id).sort());
    expect(Math.abs(a.length - b.length)).toBeLessThanOrEqual(2);
  });
});
