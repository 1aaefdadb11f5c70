/**
 * What the lab hosts do to the machine, behind one interface: commands (ip, nsenter, docker, …),
 * a detached start for the engines, a few files, signals and the process table. up, down, status
 * and the link cuts take a LabRunner, so unit tests drive them with a fake machine.
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { $ } from 'zx';
import { systemClock, type Clock } from '../core/index.ts';
import type { Argv } from './plan.ts';

export interface ExecResult {
  readonly exitCode: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface LabProcess {
  readonly pid: number;
  readonly argv: readonly string[];
}

export interface LabRunner {
  /** Runs argv (each argument quoted, no shell string); never throws for its exit code. */
  exec(argv: Argv, timeoutMs?: number): Promise<ExecResult>;
  /** Starts argv detached in a session of its own, output to `logFile` (truncated); its pid. */
  spawnDetached(argv: Argv, logFile: string): Promise<number>;
  readText(path: string): Promise<string | undefined>;
  /** Writes a file, making its folder. */
  writeText(path: string, text: string): Promise<void>;
  exists(path: string): Promise<boolean>;
  /** Sends a signal (0: only asks); false when there is no such process. */
  signal(pid: number, signal: NodeJS.Signals | 0): boolean;
  /** Every process of the machine with its command line. */
  processes(): Promise<LabProcess[]>;
  readonly clock: Clock;
}

/** The real machine. */
export const systemLabRunner: LabRunner = {
  async exec(argv, timeoutMs = 120_000) {
    const [cmd, ...args] = argv;
    const out = await $({ quiet: true, nothrow: true, timeout: timeoutMs })`${cmd} ${args}`;
    return { exitCode: out.exitCode, stdout: out.stdout, stderr: out.stderr };
  },
  spawnDetached(argv, logFile) {
    mkdirSync(dirname(logFile), { recursive: true });
    const fd = openSync(logFile, 'w');
    return new Promise((resolve, reject) => {
      const child = spawn(argv[0]!, argv.slice(1), { detached: true, stdio: ['ignore', fd, fd] });
      child.once('error', (error) => {
        closeSync(fd);
        reject(error);
      });
      child.once('spawn', () => {
        closeSync(fd);
        child.unref();
        resolve(child.pid!);
      });
    });
  },
  async readText(path) {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  },
  async writeText(path, text) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  },
  async exists(path) {
    return existsSync(path);
  },
  signal(pid, signal) {
    try {
      process.kill(pid, signal);
      return true;
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'EPERM';
    }
  },
  async processes() {
    const found: LabProcess[] = [];
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').filter(Boolean);
        if (argv.length > 0) found.push({ pid: Number(entry), argv });
      } catch {
        // gone meanwhile
      }
    }
    return found;
  },
  clock: systemClock,
};

/** exec, throwing an Error with the command and its last words when it fails. */
export async function mustExec(runner: LabRunner, argv: Argv, timeoutMs?: number): Promise<ExecResult> {
  const out = await runner.exec(argv, timeoutMs);
  if (out.exitCode !== 0) {
    const said = (out.stderr || out.stdout).trim().split('\n').at(-1) || `exit ${out.exitCode}`;
    throw new Error(`${argv.join(' ')}: ${said}`);
  }
  return out;
}
