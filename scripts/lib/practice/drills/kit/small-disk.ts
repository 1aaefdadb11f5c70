/**
 * A small disk under one node's data volume, on the Docker host: a size-limited tmpfs mounted over
 * the volume's directory (`docker volume inspect` Mountpoint), which Docker bind-mounts into the
 * container at each start. Terraform never sees it (same volume, same container). Putting the data
 * back copies it into the real directory, seen through a non-recursive bind of its parent.
 */
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { $ } from 'zx';
import { currentMounts, mountsAtOrUnder, scratchMountDir, unmountAll, volumeMountpoint, type MountEntry } from '../../../cluster/index.ts';

const MiB = 1024 * 1024;

/** The size of the small disk: what the data uses now plus the room to fill, in whole MiB. */
export function smallDiskMiB(usedBytes: number, roomMiB: number): number {
  return Math.ceil(usedBytes / MiB) + roomMiB;
}

export interface DiskUsage {
  readonly source: string;
  readonly sizeBytes: number;
  readonly usedBytes: number;
  readonly availBytes: number;
}

/** Parse `df -P -B1 DIR` (a header line, then `source size used avail use% mountpoint`). */
export function parseDf(text: string): DiskUsage {
  const line = text.trim().split('\n').filter((l) => l.trim() !== '')[1];
  const f = line?.trim().split(/\s+/) ?? [];
  const [size, used, avail] = [Number(f[1]), Number(f[2]), Number(f[3])];
  if (f.length < 6 || ![size, used, avail].every(Number.isFinite)) throw new Error(`df printed no usage line: '${text.trim().split('\n').slice(0, 2).join(' | ')}'`);
  return { source: f[0]!, sizeBytes: size, usedBytes: used, availBytes: avail };
}

/** Used share of a filesystem, in whole percent (rounded up, as df does). */
export const usedPercent = (u: DiskUsage): number => (u.sizeBytes === 0 ? 100 : Math.ceil((100 * u.usedBytes) / (u.usedBytes + u.availBytes || 1)));

export const showMiB = (bytes: number): string => `${(bytes / MiB).toFixed(bytes < 10 * MiB ? 1 : 0)} MiB`;

export const describeUsage = (u: DiskUsage): string => `${u.source}: ${showMiB(u.usedBytes)} used of ${showMiB(u.sizeBytes)} (${usedPercent(u)}%), ${showMiB(u.availBytes)} free`;

/** Usage of the filesystem holding `dir`, as the host sees it. */
export async function diskUsage(dir: string): Promise<DiskUsage> {
  const out = await $({ quiet: true, nothrow: true })`df -P -B1 ${dir}`;
  if (out.exitCode !== 0) throw new Error(`df ${dir} failed: ${out.stderr.trim()}`);
  return parseDf(out.stdout);
}

/**
 * The entries of a data folder that are left-over copies of a deleted topic's partitions
 * (`<topic>-<n>.<id>-stray` or `-delete`): Kafka keeps a stray one for good, so a restore skips them.
 */
export function isLeftoverLogDir(topic: string, name: string): boolean {
  const escaped = topic.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${escaped}-\\d+\\.[0-9a-f]{32}-(stray|delete)$`).test(name);
}

/** The host directory of a volume; throws with the fix when Docker has no such volume. */
export async function dataDirOf(volume: string): Promise<string> {
  const dir = await volumeMountpoint(volume);
  if (!dir) throw new Error(`docker volume ${volume} does not exist: redeploy the cluster (npm run deploy)`);
  return dir;
}

/** What is mounted exactly at `dir` (not below it), most recent first. */
export function mountedAt(dir: string): MountEntry[] {
  return mountsAtOrUnder(currentMounts(), dir).filter((m) => m.mountPoint === dir.replace(/\/+$/, ''));
}

/** The drills' scratch mount point for one node: the real volume directory shows through it. */
const underneathDir = (cluster: string, volume: string): string => join(scratchMountDir(cluster), `${volume}-underneath`);

/**
 * Run `fn` with the real volume directory (hidden under the small disk) visible at a scratch path:
 * a non-recursive bind of the volume's folder leaves the mount on `_data` behind. Always unmounted.
 */
async function withRealDir<T>(cluster: string, volume: string, dataDir: string, fn: (realDir: string) => Promise<T>): Promise<T> {
  const at = underneathDir(cluster, volume);
  await unmountAll(mountsAtOrUnder(currentMounts(), at));
  mkdirSync(at, { recursive: true });
  await $({ quiet: true })`mount --bind ${dirname(dataDir)} ${at}`;
  try {
    return await fn(join(at, basename(dataDir)));
  } finally {
    await unmountAll(mountsAtOrUnder(currentMounts(), at));
    rmSync(at, { recursive: true, force: true });
    if (readdirSync(dirname(at)).length === 0) rmSync(dirname(at), { recursive: true, force: true });
  }
}

/** Copy the entries of `from` into `to` (owners, modes, sparse files kept), leaving out `skip`. */
async function copyEntries(from: string, to: string, skip: (name: string) => boolean = () => false): Promise<void> {
  const names = readdirSync(from).filter((n) => !skip(n));
  if (names.length > 0) await $({ quiet: true })`cp -a ${names.map((n) => join(from, n))} ${to}/`;
}

/** Owner and mode of a directory, for the small disk's root. */
async function ownerAndMode(dir: string): Promise<{ uid: string; gid: string; mode: string }> {
  const [uid = '0', gid = '0', mode = '755'] = (await $({ quiet: true })`stat -c ${'%u %g %a'} ${dir}`).stdout.trim().split(' ');
  return { uid, gid, mode };
}

/**
 * Mount a tmpfs of `sizeMiB` over the volume's directory, with the data copied in (the node must
 * be stopped), but for the entries `skip` names (they are gone once the data is put back).
 * Refuses when something is mounted there already.
 */
export async function mountSmallDisk(cluster: string, volume: string, roomMiB: number, skip: (name: string) => boolean = () => false): Promise<{ dataDir: string; sizeMiB: number }> {
  const dataDir = await dataDirOf(volume);
  const already = mountedAt(dataDir);
  if (already.length > 0) throw new Error(`${already[0]!.fsType} ${already[0]!.source} is already mounted on ${dataDir}: npm run drill -- reset full-disk puts the data back first`);
  const kept = readdirSync(dataDir).filter((n) => !skip(n)).map((n) => join(dataDir, n));
  const used = kept.length === 0 ? 0 : Number((await $({ quiet: true })`du -s -c -B1 ${kept}`).stdout.trim().split('\n').slice(-1)[0]!.split(/\s/)[0]);
  const sizeMiB = smallDiskMiB(used, roomMiB);
  const o = await ownerAndMode(dataDir);
  await $({ quiet: true })`mount -t tmpfs -o ${`size=${sizeMiB}m,mode=${o.mode},uid=${o.uid},gid=${o.gid}`} ${`${volume}-disk`} ${dataDir}`;
  try {
    await withRealDir(cluster, volume, dataDir, (real) => copyEntries(real, dataDir, skip));
  } catch (error) {
    await unmountAll(mountedAt(dataDir));
    throw error;
  }
  return { dataDir, sizeMiB };
}

/**
 * Put the data on the small disk back into the real volume directory and unmount every
 * filesystem stacked on it (the node must be stopped). Left-over partition folders of
 * `skipTopic` are not copied. Nothing mounted: nothing to do (false). Safe to run again after
 * an interruption: the small disk stays mounted until the copy is complete.
 */
export async function restoreDataDir(cluster: string, volume: string, skipTopic: string): Promise<boolean> {
  const dataDir = await dataDirOf(volume);
  await unmountAll(mountsAtOrUnder(currentMounts(), underneathDir(cluster, volume)));
  const stacked = mountedAt(dataDir);
  if (stacked.length === 0) return false;
  await withRealDir(cluster, volume, dataDir, async (real) => {
    for (const n of readdirSync(real)) rmSync(join(real, n), { recursive: true, force: true });
    await copyEntries(dataDir, real, (n) => isLeftoverLogDir(skipTopic, n));
  });
  await unmountAll(mountedAt(dataDir));
  return true;
}
