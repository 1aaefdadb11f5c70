import { spawn } from 'node:child_process';
import { mkdirSync, openSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { $ } from 'zx';
import { stateDir } from '../core/index.ts';
import { waitFor, withProgress } from '../core/index.ts';
import { StepError } from '../../../stacks/model/errors.ts';

/** The engine's version, or undefined while `docker info` does not answer. */
async function engineVersion(): Promise<string | undefined> {
  const out = await $({ nothrow: true, quiet: true, timeout: '20s' })`docker info --format {{.ServerVersion}}`;
  const version = out.stdout.trim();
  return out.exitCode === 0 && version.length > 0 ? version : undefined;
}

async function commandExists(cmd: string): Promise<boolean> {
  return (await $({ nothrow: true, quiet: true })`command -v ${cmd}`).exitCode === 0;
}

/** Install Debian packages (after one apt-get update). Needs root. */
export async function aptInstall(packages: readonly string[], step: string): Promise<void> {
  await withProgress(`installing ${packages.join(', ')} from Debian's archive`, async () => {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const update = await $({ env, nothrow: true, quiet: true })`apt-get update -qq`;
    const install = await $({ env, nothrow: true, quiet: true })`apt-get install -y -qq ${packages}`;
    if (install.exitCode !== 0) {
      throw new StepError(
        step,
        `apt-get install ${packages.join(' ')} failed: ${(install.stderr || update.stderr).trim().split('\n').slice(-2).join(' | ')}`,
        `run as root, or install ${packages.join(' ')} by hand`,
      );
    }
  });
}

/** The dockerd log written when setup starts the engine itself. */
export function dockerdLogPath(): string {
  return join(stateDir(), 'dockerd.log');
}

/**
 * Make sure a Docker engine answers: if `docker info` fails, install Debian's docker.io when
 * dockerd is missing, start dockerd in the background with its log in the state folder, and wait.
 * Returns the server version.
 */
export async function ensureDockerEngine(): Promise<string> {
  const running = await engineVersion();
  if (running) return running;
  if (!(await commandExists('dockerd'))) await aptInstall(['docker.io'], 'docker engine');
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
