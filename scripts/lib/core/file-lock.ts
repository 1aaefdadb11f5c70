/**
 * A lock file that one process of this machine holds at a time: created exclusively, naming its
 * holder's pid. A lock whose holder is gone (a killed process) is taken over; a live holder is
 * waited for, with a deadline.
 */
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

export interface FileLockOptions {
  /** How long to wait for a live holder. @default 300000 */
  readonly timeoutMs?: number;
  /** @default 250 */
  readonly intervalMs?: number;
  /** Told once, when the lock is held by another live process. @default - no notice */
  readonly onWait?: (holderPid: number) => void;
}

/** Whether a process with this pid runs (signal 0 checks without sending anything). */
export function pidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, owned by someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The holder's pid written in a lock file, or undefined when it holds none (empty, half written). */
export function holderOf(path: string): number | undefined {
  try {
    const pid = Number(readFileSync(path, 'utf8').trim().split(/\s+/)[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function tryCreate(path: string): boolean {
  try {
    const fd = openSync(path, 'wx', 0o600);
    try {
      writeSync(fd, `${process.pid} ${new Date().toISOString()}\n`);
    } finally {
      closeSync(fd);
    }
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/** Run `fn` while holding the lock file at `path`; the lock is released however `fn` ends. */
export async function withFileLock<T>(path: string, what: string, fn: () => Promise<T>, opts: FileLockOptions = {}): Promise<T> {
  mkdirSync(dirname(path), { recursive: true });
  const deadline = Date.now() + (opts.timeoutMs ?? 300_000);
  let told = false;
  for (;;) {
    if (tryCreate(path)) break;
    const holder = holderOf(path);
    if (holder === undefined || !pidAlive(holder)) {
      // A holder that is gone (or a file it never finished writing): take it over. Two processes
      // taking over at once both remove it, and only one of them then creates it.
      if (holder !== undefined || ageMs(path) > 2000) rmSync(path, { force: true });
    } else {
      if (!told) {
        opts.onWait?.(holder);
        told = true;
      }
      if (Date.now() >= deadline) {
        throw new Error(`${what}: waited ${Math.round((opts.timeoutMs ?? 300_000) / 1000)}s for process ${holder}, which holds ${path}; let it finish, or stop it and run again`);
      }
    }
    await new Promise((r) => setTimeout(r, opts.intervalMs ?? 250));
  }
  try {
    return await fn();
  } finally {
    if (holderOf(path) === process.pid) rmSync(path, { force: true });
  }
}

/** How long ago a lock file was written (0 when it is gone). */
function ageMs(path: string): number {
  try {
    return Date.now() - statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}
