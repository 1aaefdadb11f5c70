import { describe, expect, it } from 'vitest';
import { appendScript, KEYING_TRANSFORMS, keyedCriteria, landed, seedLines } from '../../../../../../scripts/lib/practice/drills/dev/smt-keyed-records.ts';

const rec = (key: string | null, value: string) => ({ key, value, headers: {}, partition: 0, offset: 0, timestamp: 0 });

describe('smt-keyed-records', () => {
  it('chains the transforms that key a string line: hoist, copy to the key, unwrap key and value', () => {
    expect(KEYING_TRANSFORMS.transforms).toBe('hoist,key,extract,unhoist');
    for (const alias of KEYING_TRANSFORMS.transforms!.split(',')) expect(KEYING_TRANSFORMS[`transforms.${alias}.type`]).toMatch(/^org\.apache\.kafka\.connect\.transforms\./);
    expect(KEYING_TRANSFORMS['transforms.hoist.type']).toBe('org.apache.kafka.connect.transforms.HoistField$Value');
  });

  it('appends plain user ids only', () => {
    expect(appendScript('/var/lib/connect/clicks.txt', ['u-1', 'u-2'])).toBe("printf '%s\\n' u-1 u-2 >> /var/lib/connect/clicks.txt");
    expect(() => appendScript('/f', ['u-1; rm -rf /'])).toThrow(/not a plain user id/);
    expect(seedLines().length).toBeGreaterThan(4);
  });

  it('grades how the appended lines landed: arrived, keyed by the line, value unchanged', () => {
    const lines = ['u-a1', 'u-a2'];
    const good = keyedCriteria(landed([rec('u-a1', 'u-a1'), rec('u-a2', 'u-a2')], lines));
    expect(good.map((c) => c.ok)).toEqual([true, true, true]);
    const unkeyed = keyedCriteria(landed([rec(null, 'u-a1'), rec(null, 'u-a2')], lines));
    expect(unkeyed.map((c) => c.ok)).toEqual([true, false, true]);
    expect(unkeyed[1]!.saw).toContain('u-a1 → key null');
    // Hoisted but not unwrapped: the value is the Struct's string form.
    const wrapped = keyedCriteria(landed([rec('u-a1', 'Struct{user=u-a1}'), rec('u-a2', 'Struct{user=u-a2}')], lines));
    expect(wrapped.map((c) => c.ok)).toEqual([true, true, false]);
    const none = keyedCriteria(landed([], lines));
    expect(none.map((c) => c.ok)).toEqual([false, false, false]);
    expect(none[0]!.saw).toBe('0 of 2 arrived; not: u-a1, u-a2');
  });
});
