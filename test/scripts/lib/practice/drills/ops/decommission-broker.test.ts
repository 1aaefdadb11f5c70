import { describe, expect, it } from 'vitest';
import { resolveCluster } from '../../../../../../stacks/model/resolve.ts';
import { decomAssignment, retiredBroker, withoutBroker } from '../../../../../../scripts/lib/practice/drills/ops/decommission-broker.ts';

describe('decommission-broker', () => {
  it('retires the highest broker id, which holds and leads replicas of the setup', () => {
    expect(retiredBroker(resolveCluster({ name: 'kraft-3' }))).toBe(3);
    const a = decomAssignment([1, 2, 3]);
    expect(a.filter((r) => r.includes(3))).toHaveLength(3);
    expect(a.some((r) => r[0] === 3)).toBe(true);
  });

  it('replaces the retired broker with one not already in the list and keeps the replica count', () => {
    const moved = withoutBroker([[3, 1], [1, 3], [2, 3], [1, 2]], 3, [1, 2]);
    expect(moved).toEqual([[2, 1], [1, 2], [2, 1], [1, 2]]);
    for (const r of moved) expect(new Set(r).size).toBe(2);
  });

  it('spreads the replacements over the spare brokers', () => {
    const moved = withoutBroker([[4, 1], [4, 1], [4, 1]], 4, [1, 2, 3]);
    expect(moved.map((r) => r[0])).toEqual([2, 3, 2]);
  });

  it('refuses when no spare broker is left', () => {
    expect(() => withoutBroker([[1, 2, 3]], 3, [1, 2])).toThrow(/no spare broker/);
  });
});
