/**
 * What a killed or interrupted build leaves behind: half-made root filesystems (maybe with
 * debootstrap's mounts still in place) and partial downloads named `<prefix><pid>`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { $ } from 'zx';
import { COMPLETE_MARKER } from './cache.ts';

/** Unmounts whatever an interrupted debootstrap left mounted under `dir`, then deletes it. */
export async function removeTree(dir: string): Promise<void> {
  if (!existsSync(dir)) return;
  const mounts = readFileSync('/proc/mounts', 'utf8')
    .split('\n')
    .map((l) => l.split(' ')[1])
    .filter((m): m is string => Boolean(m))
    .map((m) => m.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8))))
    .filter((m) => m === dir || m.startsWith(`${dir}/`))
    .sort((a, b) => b.length - a.length);
  for (const m of mounts) await $({ quiet: true, nothrow: true })`umount ${['-l', m]}`;
  await rm(dir, { recursive: true, force: true });
}

/** Deletes what a killed process left in `parent`: names `<prefix><pid>` whose process is gone. */
export async function removeStale(parent: string, prefix: string): Promise<void> {
  let names: string[];
  try {
    names = await readdir(parent);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(name.slice(prefix.length));
    if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) continue;
    let alive = true;
    try {
      process.kill(pid, 0);
    } catch (error) {
      alive = (error as NodeJS.ErrnoException).code === 'EPERM';
    }
    if (!alive) await removeTree(join(parent, name));
  }
}

/**
 * Put a finished download in its cache folder: whatever is at `dir` goes, `tmp` is renamed to it,
 * and the complete marker (with `note`) is written last, so a folder without it is a leftover.
 */
export async function commitCacheDir(tmp: string, dir: string, note: string): Promise<void> {
  await removeTree(dir);
  await rename(tmp, dir);
  await writeFile(join(dir, COMPLETE_MARKER), `${new Date().toISOString()} ${note}\n`);
}
