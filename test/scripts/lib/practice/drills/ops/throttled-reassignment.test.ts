import { describe, expect, it } from 'vitest';
import { describePlan, throttleAssignments } from '../../../../../../scripts/lib/practice/drills/ops/throttled-reassignment.ts';

describe('throttled-reassignment', () => {
  it('starts on the first two brokers and moves one replica of each partition onto the third', () => {
    const { from, to } = throttleAssignments([1, 2, 3]);
    expect(from.every((r) => r.length === 2 && !r.includes(3))).toBe(true);
    expect(to.every((r) => r.length === 2 && r.includes(3))).toBe(true);
    // Every partition keeps one of its replicas: the move copies one replica each.
    from.forEach((r, i) => expect(r.filter((b) => to[i]!.includes(b))).toHaveLength(1));
  });

  it('prints the plan for the task', () => {
    expect(describePlan([[1, 3], [2, 3]])).toBe('p0 → [1,3], p1 → [2,3]');
  });
});
