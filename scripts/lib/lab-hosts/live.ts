/**
 * Reading what of the lab hosts is on the machine now: namespaces, engines, their processes,
 * mounts and cgroups. The parsers are pure; the rest asks through a LabRunner.
 */
import { basename } from 'node:path';
import { LAB_DATA_ROOT, LAB_HOSTS_MAX, LAB_RUN_ROOT, labHostPlan, type LabHostPlan, type LabPlan } from './plan.ts';
import type { LabProcess, LabRunner } from './runner.ts';

export interface MountEntry {
  readonly mountPoint: string;
  readonly fsType: string;
}

/** /proc/self/mountinfo's mount points and filesystem types (octal escapes such as \040 undone). */
export function parseMountInfo(text: string): MountEntry[] {
  const unescape = (s: string): string => s.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8)));
  return text
    .split('\n')
    .filter((l) => l.includes(' - '))
    .map((line) => {
      const [left, right] = line.split(' - ') as [string, string];
      return { mountPoint: unescape(left.split(' ')[4] ?? ''), fsType: right.split(' ')[0] ?? '' };
    });
}

/** Whether `path` is `dir` or inside it. */
export function isUnder(path: string, dir: string): boolean {
  return path === dir || path.startsWith(`${dir}/`);
}

export async function mounts(runner: LabRunner): Promise<MountEntry[]> {
  return parseMountInfo((await runner.readText('/proc/self/mountinfo')) ?? '');
}

/** The mounts under the lab's folders (an engine's netns/default, an overlay left by a crash), deepest first. */
export function labMountsIn(entries: readonly MountEntry[], dirs: readonly string[] = [LAB_RUN_ROOT, LAB_DATA_ROOT]): string[] {
  return entries
    .map((m) => m.mountPoint)
    .filter((p) => dirs.some((d) => isUnder(p, d)))
    .sort((a, b) => b.length - a.length);
}

/** A host's cgroup folder in every cgroup hierarchy mounted (v1: one per controller; v2: one), present or not. */
export function cgroupDirsOf(entries: readonly MountEntry[], host: LabHostPlan): string[] {
  return entries.filter((m) => m.fsType === 'cgroup' || m.fsType === 'cgroup2').map((m) => `${m.mountPoint}${host.engine.cgroupParent}`);
}

const ENGINE_PROGRAMS = /^(dockerd|containerd|containerd-shim(-runc-v[12])?|docker-proxy|nsenter)$/;

/** Whether a process is host's dockerd, its containerd or one of its shims (by program and folder, never by a loose pattern). */
export function isEngineProcess(p: LabProcess, host: LabHostPlan): boolean {
  if (!ENGINE_PROGRAMS.test(basename(p.argv[0] ?? ''))) return false;
  const dirs = [host.engine.runDir, host.engine.dataRoot];
  return p.argv.some((arg) => dirs.some((d) => isUnder(arg, d)));
}

export function engineProcesses(all: readonly LabProcess[], host: LabHostPlan): LabProcess[] {
  return all.filter((p) => isEngineProcess(p, host));
}

export async function namespacePresent(runner: LabRunner, ns: string): Promise<boolean> {
  return runner.exists(`/run/netns/${ns}`);
}

/** The engine's version, or undefined while it does not answer. */
export async function engineVersion(runner: LabRunner, host: LabHostPlan, timeoutMs = 5000): Promise<string | undefined> {
  const out = await runner.exec(['docker', ...host.engine.args, 'version', '--format', '{{.Server.Version}}'], timeoutMs);
  const v = out.stdout.trim();
  return out.exitCode === 0 && v ? v : undefined;
}

/** The hosts (of lab-1 … lab-9) with any trace on the machine: namespace, folders, socket or a process. */
export async function presentHosts(runner: LabRunner, all: LabPlan = labHostPlan(LAB_HOSTS_MAX)): Promise<number[]> {
  const procs = await runner.processes();
  const found: number[] = [];
  for (const h of all.hosts) {
    const traces = await Promise.all([
      namespacePresent(runner, h.namespace),
      runner.exists(h.engine.runDir),
      runner.exists(h.engine.dataRoot),
      runner.exists(h.engine.socket),
    ]);
    if (traces.some(Boolean) || engineProcesses(procs, h).length > 0) found.push(h.index);
  }
  return found;
}

/** `ip -j link show` of one link: whether it is administratively up and has carrier (traffic passes). */
export async function linkState(runner: LabRunner, ns: string | undefined, link: string): Promise<{ present: boolean; up: boolean }> {
  const out = await runner.exec(['ip', ...(ns ? ['-n', ns] : []), '-j', 'link', 'show', 'dev', link]);
  if (out.exitCode !== 0) return { present: false, up: false };
  try {
    const [info] = JSON.parse(out.stdout) as { flags?: string[] }[];
    const flags = info?.flags ?? [];
    return { present: true, up: flags.includes('UP') && flags.includes('LOWER_UP') };
  } catch {
    return { present: true, up: false };
  }
}
