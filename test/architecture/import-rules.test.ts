import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../scripts/lib/core/paths.ts';

/** dependency-cruiser over the house with .dependency-cruiser.cjs: the violations, one per line. */
function violations(): string[] {
  try {
    execFileSync('npx', ['--no-install', 'depcruise', 'scripts', 'stacks', 'security', '--config', '.dependency-cruiser.cjs', '--output-type', 'err'], {
      cwd: projectRoot,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return [];
  } catch (error) {
    const out = (error as { stdout?: string }).stdout ?? String(error);
    return out.split('\n').filter((l) => /^\s*error /.test(l) || /^\s*warn /.test(l) || /Error:/.test(l));
  }
}

describe('the import rules (.dependency-cruiser.cjs)', () => {
  it('hold: no circle, stacks/ and security/ never import scripts/, lower domains never import higher ones, other domains only through index.ts, .gen only on the synth path', () => {
    expect(violations()).toEqual([]);
  }, 60_000);
});
