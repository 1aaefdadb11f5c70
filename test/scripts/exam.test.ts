import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { $ } from 'zx';
import { projectRoot } from '../../scripts/lib/core/paths.ts';
import { tempDir } from './lib/practice/exam/fixtures.ts';

/** Run scripts/exam.ts as `npm run exam` would, with a private state folder. */
async function exam(args: readonly string[], stateDir = tempDir()): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = await $({ cwd: projectRoot, nothrow: true, quiet: true, input: '', env: { ...process.env, KAFKALAB_STATE_DIR: stateDir } })`npx tsx scripts/exam.ts ${args}`;
  return { code: out.exitCode ?? 1, stdout: out.stdout, stderr: out.stderr };
}

describe('npm run exam', () => {
  it('prints the questions per track and domain as JSON', async () => {
    const r = await exam(['stats', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const stats = JSON.parse(r.stdout) as { total: number; tracks: Record<string, { total: number; domains: Record<string, number> }> };
    expect(stats.total).toBeGreaterThanOrEqual(120);
    expect(stats.tracks.dev!.total + stats.tracks.ops!.total).toBe(stats.total);
    expect(Object.keys(stats.tracks.ops!.domains)).toContain('kraft-and-zookeeper');
  });

  it('lists its flags with --help', async () => {
    const r = await exam(['--help']);
    expect(r.code).toBe(0);
    for (const flag of ['--track VALUE', '--questions VALUE', '--minutes VALUE', '--seed VALUE', '--json', 'stats']) expect(r.stdout).toContain(flag);
  });

  it('exits 2 on a bad track, naming the value and the allowed ones', async () => {
    const r = await exam(['--track', 'admin']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`exam: '--track' (admin) is not a track: use one of dev, ops\n(see npm run exam -- --help)\n`);
  });

  it('exits 2 on an unknown flag', async () => {
    const r = await exam(['stats', '--jsn']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("Unknown option '--jsn'");
  });

  it('exits 1 before the first question on a corrupt history, naming the file and line', async () => {
    const state = tempDir();
    mkdirSync(join(state, 'practice'));
    const file = join(state, 'practice', 'exam-history.jsonl');
    writeFileSync(file, '{"at": 1}\n');
    const r = await exam(['--track', 'ops', '--questions', '2'], state);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `exam: ${file}:1: 'at' should be a string, found number 1; 'track' is missing: add it (one of "dev", "ops"); 'seed' is missing: add it (a string); ` +
        `'minutes' is missing: add it (a number); 'durationSeconds' is missing: add it (a number); 'endedBy' is missing: add it (one of "completed", "time", "quit"); ` +
        `'score' is missing: add it (an object); 'domains' is missing: add it (an object); 'items' is missing: add it (a list): fix or delete line 1\n`,
    );
    expect(r.stdout).toBe('');
  });
});
