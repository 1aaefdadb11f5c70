import { describe, expect, it } from 'vitest';
import { createRng, hashSeed, shuffled } from '../../../../../scripts/lib/practice/exam/prng.ts';

describe('seeded PRNG', () => {
  it('repeats the same sequence for the same seed and differs for another', () => {
    const a = createRng('42');
    const b = createRng('42');
    const seqA = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(seqA);
    const c = createRng('43');
    expect(Array.from({ length: 5 }, () => c())).not.toEqual(seqA);
    expect(seqA.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('hashes strings to 32-bit seeds (FNV-1a)', () => {
    expect(hashSeed('')).toBe(0x811c9dc5);
    expect(hashSeed('a')).toBe(0xe40c292c);
  });

  it('shuffles a copy, deterministically, keeping every element', () => {
    const items = Array.from({ length: 20 }, (_, i) => i);
    const s1 = shuffled(items, createRng('seed'));
    expect(shuffled(items, createRng('seed'))).toEqual(s1);
    expect(s1).not.toEqual(items);
    expect([...s1].sort((x, y) => x - y)).toEqual(items);
    expect(items[0]).toBe(0);
  });

  it('spreads values over the range', () => {
    const rng = createRng(7);
    const buckets = [0, 0, 0, 0];
    for (let i = 0; i < 4000; i++) buckets[Math.floor(rng() * 4)]!++;
    for (const b of buckets) expect(b).toBeGreaterThan(850);
  });
});
