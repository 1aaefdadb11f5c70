import { describe, expect, it } from 'vitest';
import { DRILLS } from '../scripts/lib/practice/drills/index.ts';
import { drillsOfHalf, labHostDrills } from './e2e/drills-suite.ts';

describe('the drills e2e halves (test/e2e/drills-suite.ts)', () => {
  it('put every drill in exactly one part: the monitored ones in part m, the Connect and Schema Registry ones in part c, the lab-host ones in hosts.e2e.test.ts, the others in half a or b', () => {
    const a = drillsOfHalf('a');
    const b = drillsOfHalf('b');
    const m = drillsOfHalf('m');
    const c = drillsOfHalf('c');
    const hosts = labHostDrills();
    expect([...a, ...b, ...m, ...c, ...hosts].sort()).toEqual(DRILLS.map((d) => d.id).sort());
    expect(new Set([...a, ...b, ...m, ...c, ...hosts]).size).toBe(DRILLS.length);
    // The parts a, b, m and c run on clusters of one engine: a drill that cuts a lab host is in none of them.
    expect(hosts).toContain('lose-a-host');
    expect(hosts.sort()).toEqual(DRILLS.filter((d) => d.needs.labHosts).map((d) => d.id).sort());
    expect(m.sort()).toEqual(DRILLS.filter((d) => d.needs.monitoring).map((d) => d.id).sort());
    expect(c.sort()).toEqual(DRILLS.filter((d) => d.needs.connect || d.needs.schemaRegistry).map((d) => d.id).sort());
    expect(Math.abs(a.length - b.length)).toBeLessThanOrEqual(2);
  });
});
