import { describe, expect, it } from 'vitest';
import { examOptions } from '../../../../../scripts/lib/practice/exam/options.ts';
import { UsageError } from '../../../../../stacks/model/errors.ts';

const available = { dev: 70, ops: 12 };
const seed = (): string => 'fresh';

function usage(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error('expected a UsageError');
}

describe('exam options', () => {
  it('defaults to 20 items (or all the track has), 1.5 minutes each, a new seed', () => {
    expect(examOptions({ track: 'dev' }, available, seed)).toEqual({ track: 'dev', count: 20, minutes: 30, seed: 'fresh', json: false });
    expect(examOptions({ track: 'ops' }, available, seed)).toEqual({ track: 'ops', count: 12, minutes: 18, seed: 'fresh', json: false });
  });

  it('takes the flags as given', () => {
    expect(examOptions({ track: 'ops', questions: '3', minutes: '0.5', seed: '42', json: true }, available, seed)).toEqual({ track: 'ops', count: 3, minutes: 0.5, seed: '42', json: true });
  });

  it('names the bad value and the allowed ones', () => {
    expect(usage(() => examOptions({}, available, seed))).toBe(`'--track' is required: use --track dev or --track ops`);
    expect(usage(() => examOptions({ track: 'admin' }, available, seed))).toBe(`'--track' (admin) is not a track: use one of dev, ops`);
    expect(usage(() => examOptions({ track: 'ops', questions: 'ten' }, available, seed))).toBe(`'--questions' (ten) is not a whole number of at least 1: use 1 to 12`);
    expect(usage(() => examOptions({ track: 'ops', questions: '0' }, available, seed))).toBe(`'--questions' (0) is not a whole number of at least 1: use 1 to 12`);
    expect(usage(() => examOptions({ track: 'ops', questions: '13' }, available, seed))).toBe(`'--questions' (13) is more than the 12 items of track 'ops': use 1 to 12`);
    expect(usage(() => examOptions({ track: 'ops', minutes: '0' }, available, seed))).toBe(`'--minutes' (0) is out of range: use a number above 0 and at most 600 (such as 30 or 0.5)`);
    expect(usage(() => examOptions({ track: 'ops', minutes: 'soon' }, available, seed))).toBe(`'--minutes' (soon) is out of range: use a number above 0 and at most 600 (such as 30 or 0.5)`);
    expect(usage(() => examOptions({ track: 'ops', seed: ' ' }, available, seed))).toBe(`'--seed' is empty: use any word or number, such as --seed 42`);
  });
});
