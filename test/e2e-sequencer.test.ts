import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { E2E_COST_SECONDS } from './e2e/sequencer.ts';

describe('the e2e cost table (test/e2e/sequencer.ts)', () => {
  it('names every end-to-end file, and only those', () => {
    const files = readdirSync(new URL('./e2e/', import.meta.url)).filter((f) => f.endsWith('.e2e.test.ts')).map((f) => `test/e2e/${f}`);
    expect(Object.keys(E2E_COST_SECONDS).sort()).toEqual(files.sort());
  });
});
