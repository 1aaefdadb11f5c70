import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { $ } from 'zx';
import { projectRoot } from '../../scripts/lib/core/paths.ts';
import { tempDir } from './lib/practice/exam/fixtures.ts';

/** Run scripts/rotate.ts as `npm run rotate` would, with a private state folder (nothing is deployed). */
async function rotate(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = await $({ cwd: projectRoot, nothrow: true, quiet: true, env: { ...process.env, KAFKALAB_STATE_DIR: tempDir() } })`npx tsx scripts/rotate.ts ${args}`;
  return { code: out.exitCode ?? 1, stdout: out.stdout, stderr: out.stderr };
}

describe('npm run rotate', () => {
  it('exits 2 when told nothing to rotate, or both things', async () => {
    const none = await rotate([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("nothing to rotate: pass '--certs' (new node certificates) or '--ca' (a new CA)");
    const both = await rotate(['--certs', '--ca']);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain("pass one of '--certs' or '--ca', not both: a CA rotation re-signs every certificate anyway");
  });

  it('exits 2 on a cluster without certificates, naming its security mode', async () => {
    const spec = join(tempDir(), 'plain.json');
    writeFileSync(spec, JSON.stringify({ name: 'rotate-plain', brokers: 1, basePort: 32592, security: { mode: 'plaintext' } }));
    const r = await rotate(['--cluster', spec, '--ca']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("cluster 'rotate-plain' uses security 'plaintext', which has no certificates: nothing to rotate with --ca\n");
  });

  it('lists its flags with --help', async () => {
    const r = await rotate(['--help']);
    expect(r.code).toBe(0);
    for (const flag of ['--certs', '--ca', '--validate', '--json', '--cluster']) expect(r.stdout).toContain(flag);
  });
});
