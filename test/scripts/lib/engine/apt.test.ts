import { describe, expect, it } from 'vitest';
import {
  type Exec,
  type ExecResult,
  aptEnv,
  aptFailure,
  aptInstall,
  aptInstallArgs,
  aptInstallHint,
  ensureCommand,
} from '../../../../scripts/lib/engine/apt.ts';
import { StepError } from '../../../../stacks/model/errors.ts';

const ok: ExecResult = { exitCode: 0, stdout: '', stderr: '' };

/** An Exec that records its calls and answers from `answer` (ok when it returns undefined). */
function fakeExec(answer: (cmd: string, args: readonly string[]) => ExecResult | undefined = () => undefined) {
  const calls: { cmd: string; args: readonly string[]; env?: NodeJS.ProcessEnv }[] = [];
  const exec: Exec = async (cmd, args, env) => {
    calls.push({ cmd, args, env });
    return answer(cmd, args) ?? ok;
  };
  return { exec, calls, lines: () => calls.map((c) => [c.cmd, ...c.args].join(' ')) };
}

describe('apt-get arguments', () => {
  it('installs without questions, quietly, recommends included unless told', () => {
    expect(aptInstallArgs(['docker.io'])).toEqual(['install', '-y', '-qq', 'docker.io']);
    expect(aptInstallArgs(['kcat', 'openssl'], true)).toEqual(['install', '-y', '-qq', 'kcat', 'openssl']);
    expect(aptInstallArgs(['debootstrap'], false)).toEqual(['install', '-y', '-qq', '--no-install-recommends', 'debootstrap']);
  });

  it('runs apt-get non-interactive, keeping the rest of the environment', () => {
    expect(aptEnv({ PATH: '/bin', DEBIAN_FRONTEND: 'dialog' })).toEqual({ PATH: '/bin', DEBIAN_FRONTEND: 'noninteractive' });
  });

  it('tells the line to run by hand', () => {
    expect(aptInstallHint(['maven'])).toBe('apt-get update && apt-get install -y maven');
    expect(aptInstallHint(['a', 'b'])).toBe('apt-get update && apt-get install -y a b');
  });
});

describe('a failed install', () => {
  it("names the packages and apt-get's last two lines", () => {
    const e = aptFailure('docker engine', ['docker.io'], { exitCode: 100, stdout: '', stderr: 'one\ntwo\nthree\n' }, ok);
    expect(e).toBeInstanceOf(StepError);
    expect(e.step).toBe('docker engine');
    expect(e.message).toBe('docker engine failed: apt-get install docker.io failed: two | three\n  try: run as root, or install docker.io by hand');
  });

  it("falls back on the update's words when the install said nothing", () => {
    const e = aptFailure('kcat', ['kcat'], { exitCode: 100, stdout: '', stderr: '' }, { exitCode: 100, stdout: '', stderr: 'E: no network' });
    expect(e.message).toContain('apt-get install kcat failed: E: no network');
  });
});

describe('aptInstall', () => {
  it('updates, then installs, with the non-interactive environment', async () => {
    const fake = fakeExec();
    await aptInstall(['kcat'], 'kcat', { exec: fake.exec });
    expect(fake.lines()).toEqual(['apt-get update -qq', 'apt-get install -y -qq kcat']);
    expect(fake.calls.every((c) => c.env?.DEBIAN_FRONTEND === 'noninteractive')).toBe(true);
  });

  it('goes on after a failed update and fails only when the install fails', async () => {
    const updateFails = fakeExec((_, args) => (args[0] === 'update' ? { exitCode: 100, stdout: '', stderr: 'E: x' } : undefined));
    await expect(aptInstall(['kcat'], 'kcat', { exec: updateFails.exec })).resolves.toBeUndefined();
    const installFails = fakeExec((_, args) => (args[0] === 'install' ? { exitCode: 100, stdout: '', stderr: 'E: Unable to locate package nope' } : undefined));
    await expect(aptInstall(['nope'], 'setup', { exec: installFails.exec })).rejects.toThrow(
      /setup failed: apt-get install nope failed: E: Unable to locate package nope/,
    );
  });
});

describe('ensureCommand', () => {
  /** PATH holds `present`; installing a package puts `installs` on it. */
  function machine(present: string[], installs: string[] = []) {
    const path = new Set(present);
    return fakeExec((cmd, args) => {
      if (cmd === 'command') return path.has(args[1]!) ? ok : { exitCode: 1, stdout: '', stderr: '' };
      if (cmd === 'apt-get' && args[0] === 'install') for (const c of installs) path.add(c);
      return undefined;
    });
  }

  it('keeps a command that is on PATH', async () => {
    const fake = machine(['mvn', 'apt-get']);
    await ensureCommand('jar download', 'mvn', 'maven', { exec: fake.exec, root: true });
    expect(fake.lines()).toEqual(['command -v mvn']);
  });

  it('installs the package as root, without recommends when told, and checks again', async () => {
    const fake = machine(['apt-get'], ['debootstrap']);
    await ensureCommand('debootstrap', 'debootstrap', 'debootstrap', { exec: fake.exec, root: true, recommends: false });
    expect(fake.lines()).toEqual([
      'command -v debootstrap',
      'command -v apt-get',
      'apt-get update -qq',
      'apt-get install -y -qq --no-install-recommends debootstrap',
      'command -v debootstrap',
    ]);
  });

  it('refuses without root or without apt-get, naming the command and the line to run', async () => {
    for (const [present, root] of [[['apt-get'], false], [[], true]] as const) {
      const fake = machine([...present]);
      await expect(ensureCommand('openssl', 'openssl', 'openssl', { exec: fake.exec, root })).rejects.toThrow(
        'openssl failed: openssl is not installed\n  try: apt-get update && apt-get install -y openssl',
      );
      expect(fake.lines().some((l) => l.startsWith('apt-get'))).toBe(false);
    }
  });

  it('fails when the package did not bring the command', async () => {
    const fake = machine(['apt-get']);
    await expect(ensureCommand('docker engine', 'dockerd', 'docker.io', { exec: fake.exec, root: true })).rejects.toThrow(
      /dockerd is still missing after installing docker\.io/,
    );
  });
});
