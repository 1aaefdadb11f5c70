import { describe, expect, it } from 'vitest';
import { closestMatches, editDistance } from '../../../../../../scripts/lib/practice/drills/kit/closest.ts';

describe('editDistance', () => {
  it('counts insertions, deletions and substitutions', () => {
    expect(editDistance('', '')).toBe(0);
    expect(editDistance('abc', 'abc')).toBe(0);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('abc', '')).toBe(3);
    expect(editDistance('flaw', 'lawn')).toBe(2);
  });
});

describe('closestMatches', () => {
  const ids = ['raise-replication-factor', 'preferred-leader-election', 'rotate-user-password', 'reset-offsets-to-timestamp', 'headers', 'pause-broker'];

  it('names the id a typo meant', () => {
    expect(closestMatches('raise-replicaton-factor', ids)[0]).toBe('raise-replication-factor');
    expect(closestMatches('hedaers', ids)).toEqual(['headers']);
  });

  it('matches a fragment of an id', () => {
    expect(closestMatches('leader', ids)[0]).toBe('preferred-leader-election');
    expect(closestMatches('password', ids)).toEqual(['rotate-user-password']);
  });

  it('returns nothing for an unrelated word, and at most max', () => {
    expect(closestMatches('zzzzzzzzzzzzzz', ids)).toEqual([]);
    expect(closestMatches('re', ['ra', 'rb', 'rc', 'rd'], 2)).toHaveLength(2);
  });
});
