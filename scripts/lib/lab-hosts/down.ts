/**
 * `npm run lab-hosts -- down`: everything the lab hosts made, removed, then proved gone. It looks
 * for lab-1 … lab-9 whatever the count was, so it also cleans up after an up that crashed halfway.
 *
 * labHostsDown, in steps:
 *   1. Nothing of them on the machine: say so (not an error).
 *   2. Every host's engine stopped and its containers, folders, socket and cgroups removed
 *      (engine.ts stopEngine), the hosts side by side.
 *   3. The network: each host's veth and namespace, the uplink (its route goes with it), the
 *      route if still there, the router namespace; then the lab's two root folders.
 *   4. The proof: labLeftovers re-reads every item (namespaces, links, route, processes, sockets,
 *      folders, mounts, cgroups) until none is left or 10 s pass (a namespace's links go away
 *      asynchronously); whatever is left is returned, each named.
 *
 * No iptables rule is added by up (bridge containers of the main engine reach 10.250.0.0/16
 * through its own masquerade, and the router has its own empty tables), so none is removed.
 */
import { stopEngine } from './engine.ts';
import { withLabLock } from './lock.ts';
import { cgroupDirsOf, engineProcesses, labMountsIn, mounts, presentHosts } from './live.ts';
import { LAB_DATA_ROOT, LAB_HOSTS_MAX, LAB_RANGE, LAB_ROUTER_NAMESPACE, LAB_RUN_ROOT, LAB_UPLINK, labHostPlan, type LabPlan } from './plan.ts';
import { systemLabRunner, type LabRunner } from './runner.ts';

export interface LabHostsDownOptions {
  /** @default systemLabRunner (the real machine) */
  readonly runner?: LabRunner;
  /** The lock file that keeps two ups or downs apart. @default - lab-hosts.lock in .kafkalab/lab-hosts */
  readonly lockFile?: string;
  /** How long a dockerd gets after SIGTERM before SIGKILL. @default 20000 */
  readonly termMs?: number;
  /** How long the proof waits for the kernel to finish removing. @default 10000 */
  readonly proofMs?: number;
}

export interface LabHostsDownResult {
  /** False when nothing of the lab hosts was there. */
  readonly wasUp: boolean;
  readonly hosts: readonly string[];
  readonly containers: number;
  /** Processes that needed SIGKILL. */
  readonly killed: number;
  /** What is still there after down, each named: empty when down is proved. */
  readonly leftovers: readonly string[];
  /** What failed on the way (an unmount, an rmdir), to explain the leftovers. */
  readonly problems: readonly string[];
  readonly ms: number;
}

const ALL: LabPlan = labHostPlan(LAB_HOSTS_MAX);

/** Every item of the lab hosts still on the machine, each named; empty when there is none. */
export async function labLeftovers(runner: LabRunner, plan: LabPlan = ALL): Promise<string[]> {
  const left: string[] = [];
  const ns = (await runner.exec(['ip', 'netns', 'list'])).stdout.split('\n').map((l) => l.trim().split(' ')[0]!).filter((n) => n.startsWith('kafkalab-lab-'));
  left.push(...ns.map((n) => `namespace ${n}`));
  const links = (await runner.exec(['ip', '-o', 'link', 'show'])).stdout.split('\n').map((l) => l.split(':')[1]?.trim().split('@')[0] ?? '').filter((n) => n.startsWith('kl-lab'));
  left.push(...links.map((l) => `link ${l}`));
  const routes = (await runner.exec(['ip', 'route', 'show', 'root', LAB_RANGE])).stdout.split('\n').filter((l) => l.trim());
  left.push(...routes.map((r) => `route ${r.trim()}`));
  const procs = await runner.processes();
  const entries = await mounts(runner);
  for (const h of plan.hosts) {
    left.push(...engineProcesses(procs, h).map((p) => `process ${p.pid} (${p.argv.slice(0, 3).join(' ')} …)`));
    if (await runner.exists(h.engine.socket)) left.push(`socket ${h.engine.socket}`);
    for (const dir of cgroupDirsOf(entries, h)) if (await runner.exists(dir)) left.push(`cgroup ${dir}`);
  }
  for (const dir of [LAB_RUN_ROOT, LAB_DATA_ROOT]) if (await runner.exists(dir)) left.push(`folder ${dir}`);
  left.push(...labMountsIn(entries, [LAB_RUN_ROOT, LAB_DATA_ROOT, `/run/netns/${LAB_ROUTER_NAMESPACE}`, ...plan.hosts.map((h) => `/run/netns/${h.namespace}`)]).map((m) => `mount ${m}`));
  return left;
}

/** Step 3. */
async function removeNetwork(runner: LabRunner, plan: LabPlan): Promise<void> {
  const quiet = (argv: readonly string[]): Promise<unknown> => runner.exec(argv);
  for (const h of plan.hosts) {
    await quiet(['ip', '-n', plan.routerNamespace, 'link', 'del', h.routerLink]);
    if (await runner.exists(`/run/netns/${h.namespace}`)) await quiet(['ip', 'netns', 'del', h.namespace]);
  }
  await quiet(['ip', 'link', 'del', LAB_UPLINK.rootLink]);
  if ((await runner.exec(['ip', 'route', 'show', LAB_RANGE])).stdout.trim()) await quiet(['ip', 'route', 'del', LAB_RANGE]);
  if (await runner.exists(`/run/netns/${plan.routerNamespace}`)) await quiet(['ip', 'netns', 'del', plan.routerNamespace]);
  const left = labMountsIn(await mounts(runner));
  if (left.length === 0) await quiet(['rm', '-rf', '--one-file-system', LAB_RUN_ROOT, LAB_DATA_ROOT]);
}

/** Step 4: the leftovers, re-read until none or the deadline. */
async function prove(runner: LabRunner, proofMs: number): Promise<string[]> {
  const deadline = runner.clock.now() + proofMs;
  for (;;) {
    const left = await labLeftovers(runner);
    if (left.length === 0 || runner.clock.now() >= deadline) return left;
    await runner.clock.sleep(250);
  }
}

/** Removes every lab host and all it made, then proves it: leftovers empty, or each one named. */
export async function labHostsDown(opts: LabHostsDownOptions = {}): Promise<LabHostsDownResult> {
  const runner = opts.runner ?? systemLabRunner;
  const t0 = runner.clock.now();
  return withLabLock('lab-hosts down', opts.lockFile, async () => {
    const present = await presentHosts(runner);
    const before = await labLeftovers(runner);
    if (present.length === 0 && before.length === 0) return { wasUp: false, hosts: [], containers: 0, killed: 0, leftovers: [], problems: [], ms: runner.clock.now() - t0 };
    const hosts = ALL.hosts.filter((h) => present.includes(h.index));
    const stops = await Promise.all(hosts.map((h) => stopEngine(runner, h, opts.termMs)));
    await removeNetwork(runner, ALL);
    const leftovers = await prove(runner, opts.proofMs ?? 10_000);
    return {
      wasUp: true,
      hosts: hosts.map((h) => h.name),
      containers: stops.reduce((n, s) => n + s.containers, 0),
      killed: stops.reduce((n, s) => n + s.killed, 0),
      leftovers,
      problems: stops.flatMap((s) => s.problems),
      ms: runner.clock.now() - t0,
    };
  });
}
