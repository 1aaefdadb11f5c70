/**
 * One lab host's Docker engine: started in the host's namespace and waited for, or stopped with
 * everything it left.
 *
 * startEngine, in steps:
 *   1. Answering already: keep it.
 *   2. Its folders and its empty config file (so no /etc/docker/daemon.json applies).
 *   3. A dockerd of this host alive but not answering (still starting): wait for it. Otherwise
 *      start `nsenter --net=… dockerd …` detached, its output in the host's log.
 *   4. Poll `docker -H … version` every 100 ms until it answers; a dockerd that exits, or the
 *      deadline, is a StepError with the log's last lines.
 *
 * stopEngine, in steps:
 *   1. Answering: remove every container (`docker -H … rm -f`).
 *   2. SIGTERM to its dockerd, wait (deadline), then SIGKILL whatever of its dockerd, containerd
 *      and shims is left, and any process still in its cgroups (containers orphaned by a crash).
 *   3. Unmount what is mounted under its folders (netns/default, overlays), deepest first.
 *   4. Remove its data root, run folder and socket (rm --one-file-system, and only with no mount left).
 *   5. Remove its cgroup folders, children first, in every hierarchy.
 */
import { StepError } from '../../../stacks/model/errors.ts';
import { cgroupDirsOf, engineProcesses, engineVersion, labMountsIn, mounts } from './live.ts';
import type { LabHostPlan } from './plan.ts';
import { mustExec, type LabRunner } from './runner.ts';

export interface EngineStart {
  readonly version: string;
  /** False when it was answering already. */
  readonly started: boolean;
  readonly ms: number;
}

async function logTail(runner: LabRunner, host: LabHostPlan): Promise<string> {
  const text = (await runner.readText(host.engine.logFile)) ?? '';
  return text.trim().split('\n').slice(-3).join(' | ');
}

/** Starts host's engine unless it answers; resolves once it answers. */
export async function startEngine(runner: LabRunner, host: LabHostPlan, timeoutMs = 30_000): Promise<EngineStart> {
  const running = await engineVersion(runner, host);
  if (running) return { version: running, started: false, ms: 0 };
  const e = host.engine;
  await mustExec(runner, ['mkdir', '-p', e.dataRoot, e.runDir]);
  await runner.writeText(e.configFile, '{}\n');
  const t0 = runner.clock.now();
  const starting = engineProcesses(await runner.processes(), host).find((p) => p.argv[0]?.endsWith('dockerd'));
  const pid = starting?.pid ?? (await runner.spawnDetached(e.argv, e.logFile));
  const deadline = t0 + timeoutMs;
  for (;;) {
    const v = await engineVersion(runner, host, 2000);
    if (v) return { version: v, started: true, ms: runner.clock.now() - t0 };
    const hint = `read ${e.logFile}; then npm run lab-hosts -- down, and up again`;
    if (!runner.signal(pid, 0)) throw new StepError(`${host.name}: Docker engine`, `dockerd exited before answering on ${e.docker}: ${await logTail(runner, host)}`, hint);
    if (runner.clock.now() >= deadline) throw new StepError(`${host.name}: Docker engine`, `no answer on ${e.docker} after ${timeoutMs / 1000}s: ${await logTail(runner, host)}`, hint);
    await runner.clock.sleep(100);
  }
}

export interface EngineStop {
  readonly containers: number;
  /** Processes that needed SIGKILL. */
  readonly killed: number;
  /** What could not be removed, said as a problem each. */
  readonly problems: readonly string[];
}

/** Waits until none of `pids` is alive; false at the deadline. */
async function gone(runner: LabRunner, pids: readonly number[], timeoutMs: number): Promise<boolean> {
  const deadline = runner.clock.now() + timeoutMs;
  while (pids.some((p) => runner.signal(p, 0))) {
    if (runner.clock.now() >= deadline) return false;
    await runner.clock.sleep(100);
  }
  return true;
}

/** Steps 1 and 2: the containers, then the processes. */
async function stopProcesses(runner: LabRunner, host: LabHostPlan, termMs: number): Promise<{ containers: number; killed: number }> {
  let containers = 0;
  if (await engineVersion(runner, host)) {
    const ids = (await runner.exec(['docker', ...host.engine.args, 'ps', '-aq'])).stdout.split('\n').map((l) => l.trim()).filter(Boolean);
    if (ids.length > 0) await runner.exec(['docker', ...host.engine.args, 'rm', '-f', ...ids], 120_000);
    containers = ids.length;
  }
  const procs = engineProcesses(await runner.processes(), host);
  const dockerds = procs.filter((p) => /(^|\/)dockerd$/.test(p.argv[0] ?? '')).map((p) => p.pid);
  for (const pid of dockerds) runner.signal(pid, 'SIGTERM');
  await gone(runner, dockerds, termMs);
  // dockerd stops its containerd as it exits; give that a moment before killing what is left.
  if (dockerds.length > 0) await gone(runner, engineProcesses(await runner.processes(), host).map((p) => p.pid), 5000);
  const entries = await mounts(runner);
  const inCgroups: number[] = [];
  for (const dir of cgroupDirsOf(entries, host)) {
    const listed = await runner.exec(['find', dir, '-name', 'cgroup.procs', '-exec', 'cat', '{}', '+']);
    inCgroups.push(...listed.stdout.split('\n').map(Number).filter((n) => Number.isInteger(n) && n > 0));
  }
  const left = [...new Set([...engineProcesses(await runner.processes(), host).map((p) => p.pid), ...inCgroups])].filter((p) => runner.signal(p, 0));
  for (const pid of left) runner.signal(pid, 'SIGKILL');
  await gone(runner, left, 5000);
  return { containers, killed: left.length };
}

/** Stops host's engine and removes all it left (steps 1 to 5); what could not be removed comes back as problems. */
export async function stopEngine(runner: LabRunner, host: LabHostPlan, termMs = 20_000): Promise<EngineStop> {
  const e = host.engine;
  const { containers, killed } = await stopProcesses(runner, host, termMs);
  const problems: string[] = [];
  for (const m of labMountsIn(await mounts(runner), [e.runDir, e.dataRoot])) {
    if ((await runner.exec(['umount', m])).exitCode !== 0) await runner.exec(['umount', '-l', m]);
  }
  const stillMounted = labMountsIn(await mounts(runner), [e.runDir, e.dataRoot]);
  if (stillMounted.length > 0) problems.push(`still mounted: ${stillMounted.join(', ')}`);
  else {
    const rm = await runner.exec(['rm', '-rf', '--one-file-system', e.dataRoot, e.runDir, e.socket]);
    if (rm.exitCode !== 0) problems.push(`rm ${e.dataRoot} ${e.runDir}: ${rm.stderr.trim().split('\n').at(-1)}`);
  }
  for (const dir of cgroupDirsOf(await mounts(runner), host)) {
    if (!(await runner.exists(dir))) continue;
    const dirs = (await runner.exec(['find', dir, '-depth', '-type', 'd'])).stdout.split('\n').filter(Boolean);
    for (const d of dirs) {
      const out = await runner.exec(['rmdir', d]);
      if (out.exitCode !== 0) problems.push(`cgroup ${d}: ${out.stderr.trim().split('\n').at(-1)}`);
    }
  }
  return { containers, killed, problems };
}
