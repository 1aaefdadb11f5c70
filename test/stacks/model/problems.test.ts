import { describe, expect, it } from 'vitest';
import { asJson, fieldProblem, listProblem, orList, show, unknownFields } from '../../../stacks/model/problems.ts';

describe('the problems vocabulary', () => {
  it('shows strings in single quotes and everything else as JSON', () => {
    expect(show('x')).toBe("'x'");
    expect(show(3)).toBe('3');
    expect(show([1, 'a'])).toBe('[1,"a"]');
    expect(show(undefined)).toBe('undefined');
    expect(asJson('x')).toBe('"x"');
    expect(asJson(undefined)).toBe('undefined');
  });

  it('names the field, shows the value and says the problem', () => {
    expect(fieldProblem('brokers', 0, 'is out of range: use 1 to 9')).toBe("'brokers' (0) is out of range: use 1 to 9");
    expect(fieldProblem('security.mode', 'x', 'is not a security mode', asJson)).toBe(`'security.mode' ("x") is not a security mode`);
  });

  it('lists known fields and flags unknown ones and non-lists', () => {
    expect(orList(['a'])).toBe('a');
    expect(orList(['a', 'b', 'c'])).toBe('a, b or c');
    expect(unknownFields({ a: 1, z: 2 }, ['a'], 'x.', 'use a')).toEqual(["unknown field 'x.z': use a"]);
    expect(listProblem('topics', undefined, '[]')).toBeUndefined();
    expect(listProblem('topics', 'orders', '[{ "name": "orders" }]')).toBe(`'topics' ('orders') must be a list: e.g. [{ "name": "orders" }]`);
  });
});
