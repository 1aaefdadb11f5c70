import { describe, expect, it } from 'vitest';
import { parseJsonSource, positionAt } from '../../../../../scripts/lib/practice/exam/json-source.ts';

describe('JSON with positions', () => {
  it('gives line and column of an offset', () => {
    expect(positionAt('ab\ncd\nef', 0)).toEqual({ line: 1, column: 1 });
    expect(positionAt('ab\ncd\nef', 4)).toEqual({ line: 2, column: 2 });
    expect(positionAt('ab\ncd\nef', 6)).toEqual({ line: 3, column: 1 });
  });

  it('reports the line and column of a syntax error in words', () => {
    expect(parseJsonSource('{\n  "a": 1\n  "b": 2\n}')).toEqual({ ok: false, position: { line: 3, column: 3 }, problem: "',' is expected between two entries" });
    expect(parseJsonSource('[1, 2,]')).toMatchObject({ ok: false, position: { line: 1, column: 7 }, problem: 'a value is expected here (is there a trailing comma?)' });
    expect(parseJsonSource('// note\n{}')).toMatchObject({ ok: false, position: { line: 1, column: 1 }, problem: 'comments are not allowed in JSON' });
    expect(parseJsonSource('')).toMatchObject({ ok: false, problem: 'the file is empty: a JSON value is expected' });
    expect(parseJsonSource('{"a": "x')).toMatchObject({ ok: false, problem: 'unterminated string' });
  });

  it('keeps the line of every value, and of the nearest ancestor for a missing one', () => {
    const r = parseJsonSource('{\n  "questions": [\n    {\n      "id": "x",\n      "answers": ["a", "b"]\n    }\n  ]\n}\n');
    if (!r.ok) throw new Error('expected valid JSON');
    expect(r.source.value).toEqual({ questions: [{ id: 'x', answers: ['a', 'b'] }] });
    expect(r.source.lineOf(['questions', 0, 'id'])).toBe(4);
    expect(r.source.lineOf(['questions', 0, 'answers', 1])).toBe(5);
    expect(r.source.lineOf(['questions', 0, 'prompt'])).toBe(3);
    expect(r.source.lineOf([])).toBe(1);
  });
});
