import { describe, expect, it } from 'vitest';
import { terminalWidth, wrap } from '../../../../../scripts/lib/practice/exam/wrap.ts';

describe('word wrap', () => {
  it('breaks between words at the width, with prefixes', () => {
    expect(wrap('one two three four five', 10)).toBe('one two\nthree four\nfive');
    expect(wrap('one two three four', 12, '  - ', '    ')).toBe('  - one two\n    three\n    four');
    expect(wrap('short', 80, '> ')).toBe('> short');
  });

  it('keeps a word longer than the width whole and collapses spaces', () => {
    expect(wrap('a  verylongwordthatdoesnotfit b', 8)).toBe('a\nverylongwordthatdoesnotfit\nb');
  });

  it('uses the terminal width up to 100 columns', () => {
    expect(terminalWidth({ columns: 80 })).toBe(80);
    expect(terminalWidth({ columns: 200 })).toBe(100);
    expect(terminalWidth({})).toBe(100);
  });
});
