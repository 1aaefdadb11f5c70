import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { $ } from 'zx';
import { removeLeftovers } from '../../scripts/lib/lifecycle/cluster-lifecycle.ts';
import { clusterStateDir, projectRoot } from '../../scripts/lib/core/paths.ts';
import type { ClusterSpec } from '../../stacks/model/spec.ts';

export interface ScriptResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Run an npm script of the project as a user would, capturing output and exit code. */
export async function npmRun(script: string, args: readonly string[] = []): Promise<ScriptResult> {
  const out = await $({ cwd: projectRoot, nothrow: true, quiet: !process.env.KAFKALAB_E2E_VERBOSE, env: { ...process.env, CI: 'true' } })`npm run -s ${script} -- ${args}`;
  return { code: out.exitCode ?? 1, stdout: out.stdout, stderr: out.stderr };
}

/** Write a spec file in a temp folder and return its path. */
export function specFile(spec: ClusterSpec): string {
  const dir = mkdtempSync(join(tmpdir(), 'kafkalab-e2e-'));
  const path = join(dir, `${spec.name}.json`);
  writeFileSync(path, JSON.stringify(spec));
  return path;
}

/** Explain a failed script in the assertion message. */
export function show(r: ScriptResult): string {
  return `exit ${r.code}\n--- stdout\n${r.stdout.slice(-3000)}\n--- stderr\n${r.stderr.slice(-3000)}`;
}

/**
 * A test file's own clusters, clean around it: before its tests, whatever an earlier, interrupted
 * run left (containers, volumes, networks by label, and the state folders); after them, whatever
 * a failed test left running.
 */
export function cleanClusters(names: readonly string[]): void {
  beforeAll(async () => {
    for (const n of names) {
      await removeLeftovers(n);
      await $({ quiet: true, nothrow: true })`rm -rf ${clusterStateDir(n)}`;
    }
  });
  afterAll(async () => {
    for (const n of names) await removeLeftovers(n);
  });
}
