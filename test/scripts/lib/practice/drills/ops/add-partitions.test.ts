import { describe, expect, it } from 'vitest';
import { KEYS, movedKeys, parseKeyList, partitionForKey } from '../../../../../../scripts/lib/practice/drills/ops/add-partitions.ts';

describe('add-partitions', () => {
  it('hashes a key to the same partition every time, within range', () => {
    for (const k of KEYS) {
      const p = partitionForKey(k, 6);
      expect(p).toBeGreaterThanOrEqual(0);
      expect(p).toBeLessThan(6);
      expect(partitionForKey(k, 6)).toBe(p);
    }
  });

  it('moves a key from 3 to 6 partitions exactly when its hash mod 6 is 3 or more', () => {
    const moved = movedKeys(KEYS, 3, 6);
    for (const k of KEYS) {
      const p6 = partitionForKey(k, 6);
      expect(p6 % 3).toBe(partitionForKey(k, 3));
      expect(moved.includes(k)).toBe(p6 >= 3);
    }
    // Some move, some stay: the drill has something to find.
    expect(moved.length).toBeGreaterThan(0);
    expect(moved.length).toBeLessThan(KEYS.length);
  });

  it('places keys where the Java producer does (measured with kafka-console-producer.sh of Kafka 4.4)', () => {
    expect(KEYS.map((k) => partitionForKey(k, 3))).toEqual([2, 1, 1, 2, 1, 2, 1, 2, 2, 1, 1, 0]);
    expect(['sku-3', 'sku-4', 'sku-6', 'sku-8'].map((k) => partitionForKey(k, 6))).toEqual([5, 4, 4, 5]);
    expect(movedKeys(KEYS, 3, 6)).toEqual(['sku-3', 'sku-4', 'sku-6', 'sku-8']);
  });

  it('reads answers separated by lines, commas or spaces', () => {
    expect(parseKeyList('sku-1\nsku-2, sku-3  sku-1\n')).toEqual(['sku-1', 'sku-2', 'sku-3']);
    expect(parseKeyList('  ')).toEqual([]);
  });
});
