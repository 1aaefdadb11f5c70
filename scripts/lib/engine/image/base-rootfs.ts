/**
 * A base root filesystem tarball (base/<baseHash>.tar in the cache), made once per base recipe
 * (base.json, or one under base-recipes/) with debootstrap. Needs root: debootstrap chroots and creates device files.
 *
 *   1. Refuse without root; install debootstrap when it is missing.
 *   2. Remove what killed runs left: `rootfs-<hash>-<pid>` work trees, `<tar>.partial-<pid>` files.
 *   3. debootstrap the recipe's suite, variant and packages into a work tree (KAFKALAB_DEBIAN_MIRROR
 *      overrides its mirror); a failure shows the tail of debootstrap.log.
 *   4. Add the recipe's user and group; delete the files under pruneFilesUnder except pruneKeep;
 *      empty the emptyFiles.
 *   5. tar the tree into `<tar>.partial-<pid>`, then rename it into place: the cache never holds
 *      half a tarball.
 *   6. Remove the work tree, whatever happened.
 */
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { withProgress } from '../../core/index.ts';
import { StepError } from '../../../../stacks/model/errors.ts';
import { ensureCommand } from '../apt.ts';
import { asStep, runStep } from '../run-step.ts';
import { removeStale, removeTree } from './leftovers.ts';
import { BOOKWORM_BASE, baseRecipe, baseRecipeHash, type BaseRecipe } from './recipe.ts';

/** debootstrap + user + pruning of a base recipe (base.json unless told), then tar into `tarPath`. Needs root. */
export async function makeBaseTarball(tarPath: string, baseFile: string = BOOKWORM_BASE): Promise<void> {
  const recipe = baseRecipe(baseFile);
  const hash = baseRecipeHash(baseFile);
  if (process.getuid?.() !== 0) {
    throw new StepError(
      'debootstrap',
      'making the base root filesystem needs root (debootstrap chroots and creates device files)',
      `run this as root once, or put a root filesystem tarball made on another machine at ${tarPath}`,
    );
  }
  await ensureCommand('debootstrap', 'debootstrap', 'debootstrap', { recommends: false });
  await mkdir(dirname(tarPath), { recursive: true });
  await removeStale(dirname(tarPath), `rootfs-${hash}-`);
  await removeStale(dirname(tarPath), `${basename(tarPath)}.partial-`);
  const work = join(dirname(tarPath), `rootfs-${hash}-${process.pid}`);
  await removeTree(work);
  try {
    await debootstrap(recipe, work);
    await withProgress(`adding user ${recipe.user.name} and pruning the root filesystem`, () => addUserAndPrune(recipe, work));
    await packTarball(work, tarPath);
  } finally {
    await removeTree(work);
  }
}

/** Step 3: debootstrap into `work`. */
async function debootstrap(recipe: BaseRecipe, work: string): Promise<void> {
  const mirror = process.env.KAFKALAB_DEBIAN_MIRROR ?? recipe.mirror;
  await withProgress(`debootstrap ${recipe.suite} with ${recipe.include.join(', ')} (about 2 min)`, async (p) => {
    await runStep(
      'debootstrap',
      'debootstrap',
      [`--variant=${recipe.variant}`, `--include=${recipe.include.join(',')}`, recipe.suite, work, mirror],
      {
        progress: p,
        hint: `check that ${mirror} is reachable (KAFKALAB_DEBIAN_MIRROR sets another mirror) and that ${dirname(
          work,
        )} has 1 GB free`,
        detail: async () => {
          const log = await tailOfFile(join(work, 'debootstrap', 'debootstrap.log'), 10);
          return log ? `debootstrap.log:\n    ${log}` : '';
        },
      },
    );
  });
}

/** Step 4: the user and group, then the pruning. */
async function addUserAndPrune(recipe: BaseRecipe, work: string): Promise<void> {
  const hint = 'run again (the half-made root filesystem is removed first)';
  await asStep('base user', hint, async () => {
    const u = recipe.user;
    await runStep('base user', 'chroot', [work, 'groupadd', '--gid', String(u.gid), u.name], { hint });
    await runStep(
      'base user',
      'chroot',
      [
        work,
        'useradd',
        '--uid',
        String(u.uid),
        '--gid',
        String(u.gid),
        '--no-create-home',
        '--home-dir',
        u.home,
        '--shell',
        u.shell,
        u.name,
      ],
      { hint },
    );
    const keep = new Set(recipe.pruneKeep);
    for (const rel of recipe.pruneFilesUnder) await pruneFiles(join(work, rel), keep);
    for (const rel of recipe.emptyFiles) await writeFile(join(work, rel), '');
  });
}

/** Step 5: tar through a partial file renamed into place. */
async function packTarball(work: string, tarPath: string): Promise<void> {
  const partial = `${tarPath}.partial-${process.pid}`;
  try {
    await withProgress(`packing the root filesystem into ${tarPath}`, (p) =>
      runStep('base tarball', 'tar', ['--numeric-owner', '-C', work, '-cf', partial, '.'], {
        progress: p,
        hint: `check the free space under ${dirname(tarPath)}`,
      }),
    );
    await rename(partial, tarPath);
  } finally {
    await rm(partial, { force: true });
  }
}

/** Deletes files (not folders) under `dir`, except those named in `keep`. */
async function pruneFiles(dir: string, keep: ReadonlySet<string>): Promise<void> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) await pruneFiles(p, keep);
    else if (!keep.has(e.name)) await rm(p, { force: true });
  }
}

/** The last `lines` lines of a file, indented for an error message; empty when it cannot be read. */
async function tailOfFile(path: string, lines: number): Promise<string> {
  try {
    return (await readFile(path, 'utf8')).trim().split('\n').slice(-lines).join('\n    ');
  } catch {
    return '';
  }
}
