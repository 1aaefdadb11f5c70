/**
 * Debian's prometheus package, downloaded by the host's apt and extracted into the cache
 * (prometheus/<debian version>/root/), for the Prometheus image:
 *   1. A folder with its .complete marker is kept as it is.
 *   2. apt-get and dpkg-deb must be there (a Debian host); remove partial downloads of killed runs.
 *   3. `apt-get download <package>=<version>` into `<dir>.partial-<pid>`; when apt does not know
 *      that version (stale package lists), `apt-get update` once (as root) and try again.
 *   4. Check the .deb's Package and Version fields, `dpkg-deb -x` it into root/, check that the
 *      recipe's binaries are there, drop the .deb.
 *   5. Rename the partial folder into place and write .complete last.
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { withProgress, type Progress } from '../../core/index.ts';
import { StepError } from '../../../../stacks/model/errors.ts';
import { aptEnv, onPath } from '../apt.ts';
import { asStep, runStep } from '../run-step.ts';
import { COMPLETE_MARKER, prometheusDebDir } from './cache.ts';
import { removeStale, commitCacheDir } from './leftovers.ts';
import type { PrometheusRecipe } from './prometheus-recipe.ts';

const STEP = 'prometheus package';

/** The arguments of `apt-get download` for the recipe's package at its exact version. */
export function aptDownloadArgs(recipe: PrometheusRecipe): string[] {
  return ['download', '-q', `${recipe.package}=${recipe.version}`];
}

/** The fields of `dpkg-deb -f <deb> Package Version` (one `Name: value` a line). */
export function parseDebFields(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^([A-Za-z0-9-]+):\s*(.*)$/.exec(line.trim());
    if (m) out[m[1]!] = m[2]!.trim();
  }
  return out;
}

/** Why the .deb's fields are not the recipe's package and version, or undefined when they are. */
export function debMismatch(recipe: PrometheusRecipe, fields: Record<string, string>): string | undefined {
  if (fields.Package !== recipe.package || fields.Version !== recipe.version) {
    return `apt-get gave ${fields.Package ?? '?'} ${fields.Version ?? '?'}, not ${recipe.package} ${recipe.version}`;
  }
  return undefined;
}

/**
 * Makes sure the recipe's package is downloaded and extracted in the cache and returns the folder
 * it was extracted into (its root/). About a second cold from a near mirror (19 MB).
 */
export async function ensurePrometheusPackage(recipe: PrometheusRecipe): Promise<string> {
  const dir = prometheusDebDir(recipe.version);
  const root = join(dir, 'root');
  if (existsSync(join(dir, COMPLETE_MARKER))) return root;
  const hint = `the host's apt must know ${recipe.package}=${recipe.version} (\`apt-cache policy ${recipe.package}\`): a Debian ${recipe.suite} host with its archive reachable; run apt-get update`;
  for (const cmd of ['apt-get', 'dpkg-deb']) {
    if (!(await onPath(cmd))) throw new StepError(STEP, `${cmd} is not on PATH (a Debian host is needed)`, hint);
  }
  await removeStale(dirname(dir), `${basename(dir)}.partial-`);
  const tmp = `${dir}.partial-${process.pid}`;
  await rm(tmp, { recursive: true, force: true });
  await mkdir(tmp, { recursive: true });
  try {
    await withProgress(`downloading ${recipe.package} ${recipe.version} (Debian ${recipe.suite})`, async (p) => {
      const deb = await download(recipe, tmp, hint, p);
      const fields = parseDebFields((await runStep(STEP, 'dpkg-deb', ['-f', deb, 'Package', 'Version'], { hint })).stdout);
      const problem = debMismatch(recipe, fields);
      if (problem) throw new StepError(STEP, problem, hint);
      await runStep(STEP, 'dpkg-deb', ['-x', deb, join(tmp, 'root')], { progress: p, hint: `check the free space of ${dirname(dir)}` });
      const missing = recipe.binaries.filter((b) => !existsSync(join(tmp, 'root', b)));
      if (missing.length > 0) {
        throw new StepError(STEP, `${basename(deb)} has no ${missing.join(', ')}`, 'fix "binaries" in scripts/lib/engine/image/prometheus-recipe/prometheus.json');
      }
      await rm(deb, { force: true });
    });
    await asStep(STEP, `check the free space and permissions of ${dirname(dir)}`, () => commitCacheDir(tmp, dir, `${recipe.package} ${recipe.version}`));
    return root;
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

/** Step 3: the .deb in `tmp`, after one `apt-get update` when the first try fails and we are root. */
async function download(recipe: PrometheusRecipe, tmp: string, hint: string, p: Progress): Promise<string> {
  const run = () => runStep(STEP, 'apt-get', aptDownloadArgs(recipe), { cwd: tmp, env: aptEnv(), progress: p, hint });
  try {
    await run();
  } catch (error) {
    if (process.getuid?.() !== 0) throw error;
    p.update('apt-get update (the package lists may be stale)');
    await runStep(STEP, 'apt-get', ['update', '-qq'], { env: aptEnv(), progress: p, hint });
    await run();
  }
  const debs = (await readdir(tmp)).filter((n) => n.endsWith('.deb'));
  if (debs.length !== 1) throw new StepError(STEP, `apt-get download left ${debs.length} .deb files in ${tmp}`, hint);
  return join(tmp, debs[0]!);
}
