import { describe, expect, it } from 'vitest';
import { notRestarted, parseStarts, smallestGap } from '../../../../../../scripts/lib/practice/drills/ops/rolling-restart.ts';

describe('rolling-restart', () => {
  it('reads the start times setup stored (timestamps contain no =, names may)', () => {
    const m = parseStarts(['c-1=2026-01-01T10:00:00.1Z', 'c-2=2026-01-01T10:00:01Z']);
    expect(m.get('c-1')).toBe('2026-01-01T10:00:00.1Z');
    expect(m.size).toBe(2);
  });

  it('finds the nodes not started again since setup', () => {
    const before = parseStarts(['a=2026-01-01T10:00:00Z', 'b=2026-01-01T10:00:00Z', 'c=2026-01-01T10:00:00Z']);
    const now = [
      { container: 'a', startedAt: '2026-01-01T10:05:00Z' },
      { container: 'b', startedAt: '2026-01-01T10:00:00Z' },
      { container: 'c', startedAt: '' },
      { container: 'd', startedAt: '2026-01-01T10:05:00Z' },
    ];
    expect(notRestarted(before, now)).toEqual(['b', 'c', 'd']);
  });

  it('measures the closest two start times', () => {
    expect(smallestGap(['2026-01-01T10:00:30Z', '2026-01-01T10:00:00Z', '2026-01-01T10:00:40Z'])).toBe(10_000);
    expect(smallestGap(['2026-01-01T10:00:00Z'])).toBe(Infinity);
  });
});
