import { describe, expect, it } from 'vitest';
import { followerOnlyAssignment, minIsrVerdict, scenarioGap } from '../../../../../../scripts/lib/practice/drills/ops/fix-not-enough-replicas.ts';
import type { PartitionState } from '../../../../../../scripts/lib/kafka/index.ts';

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

  it('puts the stopped broker last in every replica list, leadership rotating over the others', () => {
    expect(followerOnlyAssignment([1, 2, 3], 3, 3)).toEqual([[1, 2, 3], [2, 1, 3], [1, 2, 3]]);
    expect(followerOnlyAssignment([1, 2, 3], 2, 3)).toEqual([[1, 3, 2], [3, 1, 2], [1, 3, 2]]);
    expect(followerOnlyAssignment([1, 2, 3, 4], 4, 3)).toEqual([[1, 2, 4], [2, 3, 4], [3, 1, 4]]);
    for (const row of followerOnlyAssignment([1, 2, 3, 4, 5], 5, 6)) expect(new Set(row).size).toBe(3);
  });

  it('refuses a victim that is not a broker, or too few brokers', () => {
    expect(() => followerOnlyAssignment([1, 2, 3], 7, 3)).toThrow(/victim broker 7 is not one of the brokers \[1, 2, 3\]/);
    expect(() => followerOnlyAssignment([1, 2], 2, 3)).toThrow(/needs 3\+ brokers/);
  });

  it('sees the scenario in place only when the victim leads nothing and is out of every ISR', () => {
    const p = (partition: number, leader: number, isr: number[]): PartitionState => ({ topic: 't', partition, leader, replicas: [1, 2, 3], isr });
    expect(scenarioGap([p(0, 1, [1, 2]), p(1, 2, [2, 1])], 3)).toBeUndefined();
    expect(scenarioGap([p(0, 1, [1, 2, 3])], 3)).toBe('p0 leader 1 isr [1,2,3]');
    expect(scenarioGap([p(0, 3, [3])], 3)).toBe('p0 leader 3 isr [3]');
    expect(scenarioGap([p(0, -1, [1])], 3)).toBe('p0 leader -1 isr [1]');
    expect(scenarioGap([], 3)).toMatch(/no partitions/);
  });
});
