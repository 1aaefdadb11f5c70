/**
 * Debian packages for the tools the engine needs, installed with apt-get: one module for the
 * engine setup (docker.io, openssl, kcat, python3-pip) and the image build (debootstrap, maven).
 *
 * aptInstall, in steps:
 *   1. `apt-get update -qq`; its failure is told only if the install fails too.
 *   2. `apt-get install -y -qq [--no-install-recommends] PACKAGES`, non-interactive.
 *   3. A failed install is a StepError naming the packages and apt-get's last two lines.
 *
 * ensureCommand, in steps:
 *   1. A command already on PATH is kept as it is.
 *   2. Without root or without apt-get, fail naming the command and the apt-get line to run.
 *   3. aptInstall its package, then check that the command is on PATH now.
 */
import { $ } from 'zx';
import { withProgress } from '../core/index.ts';
import { StepError } from '../../../stacks/model/errors.ts';

export interface ExecResult {
  readonly exitCode: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a command (each argument quoted, no shell string built); never throws for its exit code. */
export type Exec = (cmd: string, args: readonly string[], env?: NodeJS.ProcessEnv) => Promise<ExecResult>;

/** The real Exec, through zx. */
export const zxExec: Exec = async (cmd, args, env) => {
  const out = await $({ env: env ?? process.env, nothrow: true, quiet: true })`${cmd} ${args}`;
  return { exitCode: out.exitCode, stdout: out.stdout, stderr: out.stderr };
};

export interface AptOptions {
  /** Install the packages' recommended packages too, as apt-get does by itself. @default true */
  readonly recommends?: boolean;
  /** Runs apt-get (tests pass a fake). @default zxExec */
  readonly exec?: Exec;
}

export interface EnsureCommandOptions extends AptOptions {
  /** Whether this process may install packages. @default - true when running as root (uid 0) */
  readonly root?: boolean;
}

// ---------------------------------------------------------------------------------------------
// Pure parts

/** apt-get's environment: never a question on the terminal. */
export function aptEnv(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return { ...base, DEBIAN_FRONTEND: 'noninteractive' };
}

/** The arguments of `apt-get install` for `packages`. */
export function aptInstallArgs(packages: readonly string[], recommends = true): string[] {
  return ['install', '-y', '-qq', ...(recommends ? [] : ['--no-install-recommends']), ...packages];
}

/** What a user runs to install `packages` by hand. */
export function aptInstallHint(packages: readonly string[]): string {
  return `apt-get update && apt-get install -y ${packages.join(' ')}`;
}

/** The error of a failed install: apt-get's last two lines (the install's, else the update's). */
export function aptFailure(step: string, packages: readonly string[], install: ExecResult, update: ExecResult): StepError {
  const said = (install.stderr || update.stderr).trim().split('\n').slice(-2).join(' | ');
  return new StepError(
    step,
    `apt-get install ${packages.join(' ')} failed: ${said}`,
    `run as root, or install ${packages.join(' ')} by hand`,
  );
}

// ---------------------------------------------------------------------------------------------
// Side effects

/** Installs Debian packages (after one apt-get update). Needs root. */
export async function aptInstall(packages: readonly string[], step: string, opts: AptOptions = {}): Promise<void> {
  const exec = opts.exec ?? zxExec;
  const recommends = opts.recommends ?? true;
  await withProgress(`installing ${packages.join(', ')} from Debian's archive`, async () => {
    const env = aptEnv();
    const update = await exec('apt-get', ['update', '-qq'], env);
    const install = await exec('apt-get', aptInstallArgs(packages, recommends), env);
    if (install.exitCode !== 0) throw aptFailure(step, packages, install, update);
  });
}

/** Whether `cmd` is on PATH (`command -v`). */
export async function onPath(cmd: string, exec: Exec = zxExec): Promise<boolean> {
  return (await exec('command', ['-v', cmd])).exitCode === 0;
}

/** Makes sure a command exists, installing its Debian package with apt-get when root. */
export async function ensureCommand(step: string, cmd: string, debPackage: string, opts: EnsureCommandOptions = {}): Promise<void> {
  const exec = opts.exec ?? zxExec;
  if (await onPath(cmd, exec)) return;
  const hint = aptInstallHint([debPackage]);
  const root = opts.root ?? process.getuid?.() === 0;
  if (!root || !(await onPath('apt-get', exec))) throw new StepError(step, `${cmd} is not installed`, hint);
  await aptInstall([debPackage], step, opts);
  if (!(await onPath(cmd, exec))) throw new StepError(step, `${cmd} is still missing after installing ${debPackage}`, hint);
}
