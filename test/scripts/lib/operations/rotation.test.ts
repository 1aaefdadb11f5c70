import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CA_STEPS, caPhaseOf, remainingCaSteps } from '../../../../scripts/lib/operations/rotation.ts';

const root = mkdtempSync(join(tmpdir(), 'kafkalab-rotation-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function pkiWith(...cas: string[]): string {
  const dir = mkdtempSync(join(root, 'pki-'));
  for (const ca of cas) {
    mkdirSync(join(dir, ca));
    writeFileSync(join(dir, ca, 'ca.crt'), 'x');
  }
  return dir;
}

describe('caPhaseOf', () => {
  it('reads the phase of a CA rotation from the PKI folder', () => {
    expect(caPhaseOf(pkiWith('ca'))).toBe('none');
    expect(caPhaseOf(pkiWith('ca', 'ca-next'))).toBe('staged');
    expect(caPhaseOf(pkiWith('ca', 'ca-previous'))).toBe('promoted');
    expect(caPhaseOf(join(root, 'absent'))).toBe('none');
  });
});

describe('remainingCaSteps', () => {
  it('runs all three steps from the start', () => {
    expect(remainingCaSteps('none').map((s) => s.step)).toEqual([1, 2, 3]);
  });

  it('resumes after step 1 by applying it again (its roll may not have finished), then 2 and 3', () => {
    expect(remainingCaSteps('staged').map((s) => s.step)).toEqual([1, 2, 3]);
  });

  it('resumes after step 2 by applying it again, then dropping the old CA', () => {
    expect(remainingCaSteps('promoted').map((s) => s.name)).toEqual(['sign with the new CA', 'drop the old CA']);
  });

  it('names the steps in the safe order', () => {
    expect(CA_STEPS.map((s) => `${s.step}. ${s.name}`)).toEqual(['1. trust old and new CA', '2. sign with the new CA', '3. drop the old CA']);
  });
});
