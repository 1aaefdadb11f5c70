/**
 * The README's path on a fresh clone, as a new user takes it: a clone with no `.gen/` and no
 * `.kafkalab/` (the installed node_modules linked in, the machine's build cache warm), where
 * every npm script answers `--help` with no setup, and `npm run up` alone deploys and verifies a
 * cluster, which `npm run down` then removes.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { $ } from 'zx';
import { removeLeftovers } from '../../scripts/lib/lifecycle/cluster-lifecycle.ts';
import { clusterLeftovers } from '../../scripts/lib/core/docker.ts';
import { projectRoot } from '../../scripts/lib/core/paths.ts';
import { E2E_CLUSTERS } from './clusters.ts';
import { show, type ScriptResult } from './helpers.ts';

const { name: NAME, basePort: BASE_PORT } = E2E_CLUSTERS.freshClone;
const root = mkdtempSync(join(tmpdir(), 'kafkalab-fresh-clone-'));

/** A new clone of this repository under `root`, as `npm ci` leaves it (node_modules linked in). */
async function freshClone(folder: string): Promise<string> {
  const clone = join(root, folder);
  await $({ quiet: true })`git clone --quiet ${projectRoot} ${clone}`;
  symlinkSync(join(projectRoot, 'node_modules'), join(clone, 'node_modules'), 'dir');
  expect(existsSync(join(clone, '.gen'))).toBe(false);
  expect(existsSync(join(clone, '.kafkalab'))).toBe(false);
  return clone;
}

/** `npm run -s <script> -- <args>` in a clone, with the state folder of the clone itself. */
async function inClone(clone: string, script: string, args: readonly string[]): Promise<ScriptResult> {
  const env: NodeJS.ProcessEnv = { ...process.env, CI: 'true' };
  delete env.KAFKALAB_STATE_DIR;
  const out = await $({ cwd: clone, nothrow: true, quiet: !process.env.KAFKALAB_E2E_VERBOSE, env })`npm run -s ${script} -- ${args}`;
  return { code: out.exitCode ?? 1, stdout: out.stdout, stderr: out.stderr };
}

/** Every npm script but `test` (the suite itself). */
const scripts = Object.keys((JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts).filter(
  (s) => s !== 'test',
);

describe('a fresh clone: the README path with nothing run before it', () => {
  // The --help runs and the deploy each get a clone of their own: what one leaves behind can
  // never make the other pass.
  let deployed = '';

  beforeAll(async () => {
    await removeLeftovers(NAME);
  });

  afterAll(async () => {
    await removeLeftovers(NAME);
    rmSync(root, { recursive: true, force: true });
  });

  it('lists the scripts the README names', () => {
    expect(scripts).toEqual(
      expect.arrayContaining(['up', 'deploy', 'down', 'destroy', 'verify', 'info', 'plan', 'roll', 'rotate', 'switch-security', 'drill', 'exam', 'bench', 'synth', 'setup', 'test:unit', 'typecheck']),
    );
  });

  it('every script answers --help with exit 0, and none of them runs setup', async () => {
    const clone = await freshClone('help');
    const failed: string[] = [];
    // Two at a time: each is a Node start (tsx), most of it waiting on the disk.
    for (let i = 0; i < scripts.length; i += 2) {
      const batch = scripts.slice(i, i + 2);
      const results = await Promise.all(batch.map((s) => inClone(clone, s, ['--help'])));
      results.forEach((r, j) => {
        if (r.code !== 0 || !/usage|Usage|--help/.test(r.stdout)) failed.push(`${batch[j]}: ${show(r)}`);
      });
    }
    expect(failed, failed.join('\n\n')).toEqual([]);
    expect(existsSync(join(clone, '.gen')), 'a --help generated the provider bindings').toBe(false);
  });

  it('npm run up, with nothing run before it, deploys and verifies a cluster', async () => {
    const clone = await freshClone('up');
    deployed = clone;
    const spec = join(root, `${NAME}.json`);
    writeFileSync(spec, JSON.stringify({ name: NAME, brokers: 1, basePort: BASE_PORT }));
    const r = await inClone(clone, 'up', ['--cluster', spec]);
    expect(r.code, show(r)).toBe(0);
    expect(r.stdout).toContain(`cluster '${NAME}' verified (security sasl_ssl)`);
    expect(existsSync(join(clone, '.gen', 'providers', 'kafka', 'index.ts'))).toBe(true);
    expect(existsSync(join(clone, '.kafkalab', 'clusters', NAME, 'terraform.tfstate'))).toBe(true);
  });

  it('npm run down removes it, leaving nothing', async () => {
    expect(deployed, 'the deploy above ran').not.toBe('');
    const r = await inClone(deployed, 'down', ['--cluster', NAME]);
    expect(r.code, show(r)).toBe(0);
    expect(await clusterLeftovers(NAME)).toEqual({ containers: [], networks: [], volumes: [] });
  });
});
