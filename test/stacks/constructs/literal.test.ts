import { describe, expect, it } from 'vitest';
import { literal } from '../../../stacks/constructs/literal.ts';

describe('literal', () => {
  it('escapes Terraform template openers and nothing else', () => {
    expect(literal('a ${file:/x:y} "${scram[@]}" %{if} $HOME {x}')).toBe('a $${file:/x:y} "$${scram[@]}" %%{if} $HOME {x}');
  });
});
