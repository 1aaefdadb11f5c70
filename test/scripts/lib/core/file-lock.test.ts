import { mkdtempSync, readFileSync, existsSync, writeFileSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { holderOf, pidAlive, withFileLock } from '../../../../scripts/lib/core/file-lock.ts';

const lockIn = (): string => join(mkdtempSync(join(tmpdir(), 'kl-lock-')), 'sub', 'synth.lock');

/** A pid that ran and is gone. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0']);
  await new Promise((r) => child.on('exit', r));
  return child.pid!;
}

describe('withFileLock', () => {
  it('holds the lock with its pid while fn runs and removes it after', async () => {
    const path = lockIn();
    const seen = await withFileLock(path, 'synth', async () => holderOf(path));
    expect(seen).toBe(process.pid);
    expect(existsSync(path)).toBe(false);
  });

  it('releases the lock when fn throws', async () => {
    const path = lockIn();
    await expect(withFileLock(path, 'synth', async () => { throw new Error('boom'); })).rejects.toThrow('boom');
    expect(existsSync(path)).toBe(false);
  });

  it('runs two callers one after the other, never together', async () => {
    const path = lockIn();
    const events: string[] = [];
    const job = (name: string) =>
      withFileLock(path, 'synth', async () => {
        events.push(`${name} in`);
        await new Promise((r) => setTimeout(r, 50));
        events.push(`${name} out`);
      }, { intervalMs: 10 });
    await Promise.all([job('a'), job('b')]);
    expect(events).toHaveLength(4);
    expect(events[1]).toBe(`${events[0]!.split(' ')[0]} out`);
    expect(events[3]).toBe(`${events[2]!.split(' ')[0]} out`);
  });

  it('takes over a lock whose holder is gone', async () => {
    const path = lockIn();
    await withFileLock(path, 'synth', async () => undefined); // creates the folder
    const dead = await deadPid();
    writeFileSync(path, `${dead} 2026-01-01T00:00:00.000Z\n`);
    expect(await withFileLock(path, 'synth', async () => readFileSync(path, 'utf8').split(' ')[0])).toBe(String(process.pid));
  });

  it('takes over an empty lock file once it is a few seconds old', async () => {
    const path = lockIn();
    await withFileLock(path, 'synth', async () => undefined);
    writeFileSync(path, '');
    const old = new Date(Date.now() - 10_000);
    utimesSync(path, old, old);
    expect(await withFileLock(path, 'synth', async () => 'ran')).toBe('ran');
  });

  it('fails if a live process holds it past the deadline, naming the pid and the file', async () => {
    const path = lockIn();
    await withFileLock(path, 'synth', async () => undefined);
    writeFileSync(path, `1 ${new Date().toISOString()}\n`); // pid 1 is alive
    const waited: number[] = [];
    await expect(withFileLock(path, 'synth', async () => 'never', { timeoutMs: 100, intervalMs: 20, onWait: (pid) => waited.push(pid) })).rejects.toThrow(
      `synth: waited 0s for process 1, which holds ${path}; let it finish, or stop it and run again`,
    );
    expect(waited).toEqual([1]);
    expect(holderOf(path)).toBe(1);
  });
});

describe('pidAlive', () => {
  it('knows this process, and not a finished one or a bad pid', async () => {
    expect(pidAlive(process.pid)).toBe(true);
    expect(pidAlive(await deadPid())).toBe(false);
    expect(pidAlive(0)).toBe(false);
    expect(pidAlive(Number.NaN)).toBe(false);
  });
});
