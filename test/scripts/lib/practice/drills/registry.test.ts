import { describe, expect, it } from 'vitest';
import { resolveCluster } from '../../../../../stacks/model/resolve.ts';
import { DRILLS, drillById } from '../../../../../scripts/lib/practice/drills/index.ts';
import { DIFFICULTIES, DOMAINS, TRACKS } from '../../../../../scripts/lib/practice/drills/kit/types.ts';
import { presetFor } from '../../../../../scripts/lib/practice/drills/kit/shape.ts';

const kraft3 = resolveCluster({ name: 'kraft-3' });

describe('drill registry', () => {
  it('has unique kebab-case ids', () => {
    const ids = DRILLS.map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
  });

  it('covers every track, at least 15 ops, 15 dev and 5 chaos drills', () => {
    const count = (t: string): number => DRILLS.filter((d) => d.track === t).length;
    expect(count('ops')).toBeGreaterThanOrEqual(15);
    expect(count('dev')).toBeGreaterThanOrEqual(15);
    expect(count('chaos')).toBeGreaterThanOrEqual(5);
  });

  it.each(DRILLS.map((d) => [d.id, d] as const))('%s has every part', (_id, d) => {
    expect(TRACKS).toContain(d.track);
    expect(DOMAINS[d.track]).toContain(d.domain);
    expect(DIFFICULTIES).toContain(d.difficulty);
    expect(d.title.length).toBeGreaterThan(10);
    expect(d.minutes).toBeGreaterThan(0);
    expect(d.minutes).toBeLessThanOrEqual(60);
    expect(d.needs.minBrokers).toBeGreaterThanOrEqual(1);
    expect(['any', 'kraft']).toContain(d.needs.mode);
    expect(['any', 'sasl']).toContain(d.needs.security);
    expect(typeof d.setup).toBe('function');
    expect(typeof d.check).toBe('function');
    expect(typeof d.reset).toBe('function');
    expect(typeof d.solution.run).toBe('function');
    expect(d.solution.steps.length).toBeGreaterThan(0);
    expect(d.hints.length).toBeGreaterThanOrEqual(2);
    for (const h of d.hints) expect(h.trim().length).toBeGreaterThan(20);
    expect(d.explain.trim().length).toBeGreaterThan(100);
    // The task reads without facts (list, print) and with the default cluster.
    expect(d.task({}, kraft3).trim().length).toBeGreaterThan(40);
  });

  it('every drill fits the default preset, kraft-3', () => {
    for (const d of DRILLS) expect(presetFor(d.needs), d.id).toBe('kraft-3');
  });

  it('finds drills by id', () => {
    expect(drillById('raise-replication-factor')?.track).toBe('ops');
    expect(drillById('nope')).toBeUndefined();
  });
});
