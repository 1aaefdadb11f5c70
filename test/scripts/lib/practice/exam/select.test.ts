import { describe, expect, it } from 'vitest';
import type { DrillRef } from '../../../../../scripts/lib/practice/exam/drills.ts';
import { availableItems, selectItems } from '../../../../../scripts/lib/practice/exam/select.ts';
import { DOMAINS } from '../../../../../scripts/lib/practice/exam/tracks.ts';
import { question } from './fixtures.ts';

/** Three questions per domain of each track. */
const bank = (['dev', 'ops'] as const).flatMap((track) =>
  DOMAINS[track].flatMap((domain) => [1, 2, 3].map((n) => question({ id: `${track}-${domain}-${n}`, track, domain, prompt: `Question ${n} of ${domain}, long enough?` }))),
);
const drills: DrillRef[] = [
  { id: 'ops-drill-reassign', track: 'ops', domain: 'scaling-and-capacity', title: 'Reassign partitions' },
  { id: 'ops-drill-acl', track: 'ops', domain: 'security', title: 'Grant a consumer ACL' },
  { id: 'dev-drill-tx', track: 'dev', domain: 'transactions-and-semantics', title: 'Write transactionally' },
];

describe('exam selection', () => {
  it('is the same for the same seed and differs for another', () => {
    const a = selectItems(bank, { track: 'ops', count: 10, seed: 'one' }).map((i) => i.id);
    expect(selectItems(bank, { track: 'ops', count: 10, seed: 'one' }).map((i) => i.id)).toEqual(a);
    expect(selectItems(bank, { track: 'ops', count: 10, seed: 'two' }).map((i) => i.id)).not.toEqual(a);
  });

  it('takes only the track, without repeats, spread over every domain', () => {
    const items = selectItems(bank, { track: 'dev', count: 16, seed: 's' });
    expect(items).toHaveLength(16);
    expect(new Set(items.map((i) => i.id)).size).toBe(16);
    expect(items.every((i) => i.id.startsWith('dev-'))).toBe(true);
    const perDomain = DOMAINS.dev.map((d) => items.filter((i) => i.domain === d).length);
    expect(perDomain).toEqual([2, 2, 2, 2, 2, 2, 2, 2]);
  });

  it('a short exam still touches as many domains as it has items', () => {
    const items = selectItems(bank, { track: 'ops', count: 5, seed: 'short' });
    expect(new Set(items.map((i) => i.domain)).size).toBe(5);
  });

  it('mixes in the track’s drills at their share, as drill items', () => {
    const items = selectItems(bank, { track: 'ops', count: 8, seed: 'mix', drills });
    const ds = items.filter((i) => i.kind === 'drill');
    expect(ds.map((d) => d.id).sort()).toEqual(['ops-drill-acl', 'ops-drill-reassign']);
    expect(ds[0]).toMatchObject({ kind: 'drill', drill: { track: 'ops' } });
    expect(items.filter((i) => i.kind === 'question')).toHaveLength(6);
    expect(selectItems(bank, { track: 'dev', count: 8, seed: 'mix', drills }).filter((i) => i.kind === 'drill').map((d) => d.id)).toEqual(['dev-drill-tx']);
  });

  it('uses every item when asked for all of them, drills filling what questions cannot', () => {
    expect(availableItems(bank, drills, 'ops')).toBe(26);
    const items = selectItems(bank, { track: 'ops', count: 26, seed: 'all', drills });
    expect(new Set(items.map((i) => i.id)).size).toBe(26);
  });

  it('refuses a count the track cannot fill', () => {
    expect(() => selectItems(bank, { track: 'dev', count: 25, seed: 'x' })).toThrow("cannot select 25 items from track 'dev': it has 24");
    expect(() => selectItems(bank, { track: 'dev', count: 0, seed: 'x' })).toThrow("cannot select 0 items from track 'dev': it has 24");
  });
});
