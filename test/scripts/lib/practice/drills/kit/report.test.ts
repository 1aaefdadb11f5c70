import { describe, expect, it } from 'vitest';
import { DRILLS } from '../../../../../../scripts/lib/practice/drills/index.ts';
import { checkReport, formatDuration, listJson, progressRows, renderCheck, renderList, renderProgress } from '../../../../../../scripts/lib/practice/drills/kit/report.ts';

describe('check report', () => {
  const criteria = [
    { name: 'every partition has 3 replicas', ok: true, saw: 'p0 [1,2,3]' },
    { name: 'records readable', ok: false, saw: '29 of 30 read back' },
  ];

  it('passes only when every criterion holds (and there is at least one)', () => {
    expect(checkReport('d', criteria).ok).toBe(false);
    expect(checkReport('d', [criteria[0]!]).ok).toBe(true);
    expect(checkReport('d', []).ok).toBe(false);
    expect(checkReport('d', criteria)).toEqual({ ok: false, drill: 'd', criteria });
  });

  it('renders one line per criterion and the verdict with the time against the budget', () => {
    expect(renderCheck(checkReport('d', criteria), 'kraft-3', 10, 125)).toBe(
      [
        '✔ every partition has 3 replicas: p0 [1,2,3]',
        '✖ records readable: 29 of 30 read back',
        "NOT YET: drill 'd' on cluster 'kraft-3': 1 of 2 criteria hold after 2m05s (budget 10 min)",
        '',
      ].join('\n'),
    );
    expect(renderCheck(checkReport('d', [criteria[0]!]), 'kraft-3', 1, 61)).toContain("PASSED drill 'd' on cluster 'kraft-3': 1 of 1 criteria hold after 1m01s (budget 1 min, over)");
  });

  it('formats durations', () => {
    expect(formatDuration(0)).toBe('0s');
    expect(formatDuration(59.6)).toBe('1m00s');
    expect(formatDuration(3725)).toBe('1h02m');
  });
});

describe('list and progress', () => {
  it('lists every drill with id, track and domain', () => {
    const json = listJson(DRILLS) as { id: string; track: string; domain: string; minutes: number }[];
    expect(json).toHaveLength(DRILLS.length);
    for (const j of json) expect(Object.keys(j)).toEqual(['id', 'track', 'domain', 'title', 'difficulty', 'minutes', 'needs']);
    expect(renderList(DRILLS)).toContain('raise-replication-factor    ops   replication-and-durability');
  });

  it('shows what was passed, when, and per track', () => {
    const rows = progressRows(DRILLS, [{ drill: 'headers', attempts: 2, passes: 1, firstPassAt: '2025-01-01T10:05:00.000Z', lastPassAt: '2025-01-01T10:05:00.000Z', bestSeconds: 95, hints: 1 }]);
    const text = renderProgress(rows);
    expect(text).toContain('headers                     dev   ✔ passed 2025-01-01 10:05 UTC, best 1m35s (2 attempts, 1 hint)');
    expect(text).toContain('· not started');
    expect(text).toMatch(/1 of \d+ drills passed \(ops 0\/\d+, dev 1\/\d+, chaos 0\/\d+\)/);
  });
});
