/**
 * Filesystems mounted on the host over a Docker volume's directory (the full-disk drill puts a
 * small one there). Docker cannot remove a volume whose directory has a mount on it, so teardown
 * unmounts them first.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { $ } from 'zx';
import { stateDir } from '../core/index.ts';

export interface MountEntry {
  readonly mountPoint: string;
  readonly fsType: string;
  readonly source: string;
}

/** Undo the octal escapes of /proc/self/mountinfo (`\040` is a space). */
const unescape = (s: string): string => s.replace(/\\([0-7]{3})/g, (_, oct: string) => String.fromCharCode(parseInt(oct, 8)));

/** Parse /proc/self/mountinfo: `id parent maj:min root mountpoint options [optional…] - fstype source superoptions`. */
export function parseMountInfo(text: string): MountEntry[] {
  const out: MountEntry[] = [];
  for (const line of text.split('\n')) {
    const fields = line.trim().split(' ');
    const dash = fields.indexOf('-');
    if (fields.length < 5 || dash < 5) continue;
    out.push({ mountPoint: unescape(fields[4]!), fsType: fields[dash + 1] ?? '', source: unescape(fields[dash + 2] ?? '') });
  }
  return out;
}

/** The mounts at `dir` or below it, deepest (and most recent) first: the order to unmount them in. */
export function mountsAtOrUnder(mounts: readonly MountEntry[], dir: string): MountEntry[] {
  const base = dir.replace(/\/+$/, '');
  const hit = mounts.map((m, i) => ({ m, i })).filter(({ m }) => m.mountPoint === base || m.mountPoint.startsWith(`${base}/`));
  return hit.sort((a, b) => b.m.mountPoint.split('/').length - a.m.mountPoint.split('/').length || b.i - a.i).map(({ m }) => m);
}

/** This process's mounts (the same mount namespace as dockerd on a plain Docker host). */
export function currentMounts(): MountEntry[] {
  try {
    return parseMountInfo(readFileSync('/proc/self/mountinfo', 'utf8'));
  } catch {
    return [];
  }
}

/** The host directory of a Docker volume (`…/volumes/<name>/_data`), or undefined when there is no such volume. */
export async function volumeMountpoint(volume: string): Promise<string | undefined> {
  const out = await $({ quiet: true, nothrow: true })`docker volume inspect --format ${'{{.Mountpoint}}'} ${volume}`;
  const dir = out.stdout.trim();
  return out.exitCode === 0 && dir !== '' ? dir : undefined;
}

/** Where drills put scratch mount points of one cluster (never under the cluster's state folder, which teardown deletes recursively). */
export function scratchMountDir(cluster: string, env: NodeJS.ProcessEnv = process.env): string {
  return join(stateDir(env), 'mounts', cluster);
}

/** Unmount each of these mount points (in the order given); returns the ones unmounted. Throws with the fix when one stays. */
export async function unmountAll(mounts: readonly MountEntry[]): Promise<string[]> {
  const done: string[] = [];
  for (const m of mounts) {
    const r = await $({ quiet: true, nothrow: true })`umount ${m.mountPoint}`;
    if (r.exitCode !== 0) {
      throw new Error(`umount ${m.mountPoint} (${m.fsType} ${m.source}) failed: ${r.stderr.trim() || `exit ${r.exitCode}`}: stop what uses it (docker ps), or umount -l ${m.mountPoint}`);
    }
    done.push(m.mountPoint);
  }
  return done;
}

/**
 * Unmount whatever is mounted over the given volumes' directories and under the cluster's scratch
 * mount folder, so Docker can remove the volumes. The data goes with the volumes anyway.
 */
export async function releaseVolumeMounts(cluster: string, volumes: readonly string[]): Promise<string[]> {
  const dirs = [scratchMountDir(cluster)];
  for (const v of volumes) {
    const dir = await volumeMountpoint(v);
    if (dir) dirs.push(dir);
  }
  const out: string[] = [];
  for (const dir of dirs) out.push(...(await unmountAll(mountsAtOrUnder(currentMounts(), dir))));
  return out;
}
