/**
 * The Docker engine the clusters run on: found answering, or installed (Debian's docker.io) and
 * started by setup with its log in the state folder.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, openSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { $ } from 'zx';
import { stateDir, waitFor, withProgress } from '../core/index.ts';
import { StepError } from '../../../stacks/model/errors.ts';
import { ensureCommand } from './apt.ts';

/** The engine's version, or undefined while `docker info` does not answer. */
async function engineVersion(): Promise<string | undefined> {
  const out = await $({ nothrow: true, quiet: true, timeout: '20s' })`docker info --format {{.ServerVersion}}`;
  const version = out.stdout.trim();
  return out.exitCode === 0 && version.length > 0 ? version : undefined;
}

/** The dockerd log written when setup starts the engine itself. */
export function dockerdLogPath(): string {
  return join(stateDir(), 'dockerd.log');
}

/**
 * Make sure a Docker engine answers: if `docker info` fails, install Debian's docker.io when
 * dockerd is missing (apt.ts), start dockerd in the background with its log in the state folder,
 * and wait. Returns the server version.
 */
export async function ensureDockerEngine(): Promise<string> {
  const running = await engineVersion();
  if (running) return running;
  await ensureCommand('docker engine', 'dockerd', 'docker.io');
  mkdirSync(stateDir(), { recursive: true });
  const log = dockerdLogPath();
  return withProgress('starting dockerd (log: ' + log + ')', async (p) => {
    const fd = openSync(log, 'a');
    const child = spawn('dockerd', [], { detached: true, stdio: ['ignore', fd, fd] });
    child.unref();
    return waitFor(engineVersion, {
      what: 'the Docker engine to answer `docker info`',
      timeoutMs: 60_000,
      intervalMs: 500,
      progress: p,
    }).catch((error: Error) => {
      const tail = existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n').slice(-3).join(' | ') : '';
      throw new StepError(
        'docker engine',
        `${error.message}${tail ? `; dockerd said: ${tail}` : ''}`,
        `read ${log}; check that no other dockerd holds /var/run/docker.pid, that you are root, and that the kernel allows overlay or vfs storage`,
      );
    });
  });
}
