/**
 * `npm run lab-hosts -- up`: N hosts, each a network namespace with its own Docker engine, routed
 * to one another and to the root namespace through a router namespace (plan.ts draws it).
 *
 * labHostsUp, in steps:
 *   1. Preflight, before anything is made: root; ip, nsenter, dockerd and docker on PATH; nothing
 *      of the machine's own in 10.250.0.0/16; the images in the local engine.
 *   2. The count: --count, else the hosts up now, else 3. Hosts up beyond it are refused (down
 *      first): up only grows.
 *   3. The network: every step of routerSteps and hostSteps, each skipped when its check passes,
 *      the rest safe to repeat; so up after a crash halfway, or up when up, only fills the gaps
 *      (and restores a link a chaos drill cut).
 *   4. Each host's engine started and waited for (engine.ts), a progress line each.
 *   5. The images loaded into every engine that lacks them (engine/ ensureImagesOnEngines).
 *   6. The spec fragment naming each host's engine and address.
 */
import { startProgress, type Progress } from '../core/index.ts';
import { ensureImagesOnEngines, kafkaImageTag, type EngineImageResult } from '../engine/index.ts';
import type { EngineArgs } from '../core/index.ts';
import { DEFAULT_KAFKA_VERSION } from '../../../stacks/model/versions.ts';
import { OperationRefused, StepError } from '../../../stacks/model/errors.ts';
import { startEngine } from './engine.ts';
import { presentHosts } from './live.ts';
import { withLabLock } from './lock.ts';
import {
  LAB_HOSTS_DEFAULT_COUNT,
  LAB_RANGE,
  LAB_UPLINK,
  hostSteps,
  labHostPlan,
  labHostsSpecFragment,
  routerSteps,
  type LabHostsSpecFragment,
  type LabPlan,
  type Step,
} from './plan.ts';
import { mustExec, systemLabRunner, type LabRunner } from './runner.ts';

export type LoadImages = (refs: readonly string[], engines: readonly EngineArgs[], progress?: Progress) => Promise<EngineImageResult[]>;

export interface LabHostsUpOptions {
  /** How many hosts (1 to 9). @default - the hosts up now, else 3 */
  readonly count?: number;
  /** The local images every engine gets. @default - the default Kafka version's image */
  readonly images?: readonly string[];
  /** @default systemLabRunner (the real machine) */
  readonly runner?: LabRunner;
  /** Whether this process is root. @default - process.getuid() === 0 */
  readonly root?: boolean;
  /** Opens a progress line. @default startProgress (stderr) */
  readonly progress?: (title: string) => Progress;
  /** Copies the images into the engines. @default ensureImagesOnEngines */
  readonly loadImages?: LoadImages;
  /** The lock file that keeps two ups or downs apart. @default - lab-hosts.lock in .kafkalab/lab-hosts */
  readonly lockFile?: string;
  /** How long an engine may take to answer. @default 30000 */
  readonly engineTimeoutMs?: number;
}

export interface LabHostsUpResult {
  readonly count: number;
  /** The hosts whose engine this run started. */
  readonly started: readonly string[];
  /** Network items made (namespaces, veths): 0 when all were there. */
  readonly networkMade: number;
  readonly engineMs: Readonly<Record<string, number>>;
  readonly images: readonly EngineImageResult[];
  readonly totalMs: number;
  readonly spec: LabHostsSpecFragment;
}

const TOOLS = ['ip', 'nsenter', 'dockerd', 'docker'] as const;

/** Step 1. */
async function preflight(runner: LabRunner, root: boolean, images: readonly string[]): Promise<void> {
  const fix = 'run it as root (sudo npm run lab-hosts -- up)';
  if (!root) throw new StepError('lab hosts', 'they need root: network namespaces, veth links, routes and Docker engines are made', fix);
  for (const tool of TOOLS) {
    if ((await runner.exec(['command', '-v', tool])).exitCode !== 0) {
      const pkg = { ip: 'iproute2', nsenter: 'util-linux', dockerd: 'docker.io', docker: 'docker.io' }[tool];
      throw new StepError('lab hosts', `${tool} is not on PATH`, tool.startsWith('docker') ? 'npm run setup installs Docker' : `apt-get install -y ${pkg}`);
    }
  }
  const addrs = (await runner.exec(['ip', '-o', 'addr', 'show', 'to', LAB_RANGE])).stdout.split('\n').filter((l) => l.trim() && !l.includes(` ${LAB_UPLINK.rootLink} `));
  const routes = (await runner.exec(['ip', 'route', 'show', 'root', LAB_RANGE])).stdout.split('\n').filter((l) => l.trim() && !l.includes(`dev ${LAB_UPLINK.rootLink}`));
  const clash = [...addrs, ...routes].map((l) => l.trim().replace(/\s+/g, ' '));
  if (clash.length > 0) throw new StepError('lab hosts', `${LAB_RANGE} is already used on this machine: ${clash.join('; ')}`, 'remove that address or route (a Docker network? docker network ls), then up again');
  for (const ref of images) {
    const out = await runner.exec(['docker', 'image', 'inspect', '--format', '{{.Id}}', ref]);
    if (out.exitCode !== 0) {
      const missing = /no such (image|object)/i.test(out.stderr);
      throw new StepError('lab hosts', missing ? `image ${ref} is not in the local Docker engine (it is copied from there, never pulled)` : `the local Docker engine does not answer: ${out.stderr.trim().split('\n').at(-1)}`, 'npm run setup');
    }
  }
}

/** Step 2: the count, or a refusal to shrink. */
async function chooseCount(runner: LabRunner, asked: number | undefined): Promise<number> {
  const present = await presentHosts(runner);
  const count = asked ?? (present.length > 0 ? Math.max(...present) : LAB_HOSTS_DEFAULT_COUNT);
  const beyond = present.filter((k) => k > count).map((k) => `lab-${k}`);
  if (beyond.length > 0) {
    throw new OperationRefused(
      `lab-hosts: ${beyond.join(', ')} ${beyond.length > 1 ? 'are' : 'is'} up, beyond --count ${count}; up only adds hosts. To have ${count}: npm run lab-hosts -- down, then npm run lab-hosts -- up --count ${count}`,
      'usage',
    );
  }
  return count;
}

/** Runs the steps; a step whose check passes is skipped. How many made something (a checked step that ran). */
export async function runSteps(runner: LabRunner, steps: readonly Step[], progress?: Progress): Promise<number> {
  let made = 0;
  for (const step of steps) {
    if (step.check && (await runner.exec(step.check)).exitCode === 0) continue;
    progress?.update(step.what);
    try {
      await mustExec(runner, step.run);
    } catch (error) {
      throw new StepError(`lab hosts: ${step.what}`, (error as Error).message, 'npm run lab-hosts -- down (it removes what up made so far), then up again');
    }
    if (step.check) made++;
  }
  return made;
}

/** Steps 3 to 6, under the lock. */
async function bringUp(runner: LabRunner, plan: LabPlan, opts: LabHostsUpOptions, images: readonly string[]): Promise<Omit<LabHostsUpResult, 'totalMs'>> {
  const open = opts.progress ?? ((title: string) => startProgress(title));
  const net = open(`lab hosts: network (router + ${plan.count} host${plan.count > 1 ? 's' : ''})`);
  let networkMade: number;
  try {
    networkMade = await runSteps(runner, [...routerSteps(plan), ...plan.hosts.flatMap((h) => hostSteps(plan, h))], net);
  } catch (error) {
    net.fail((error as Error).message.split('\n')[0]!);
    throw error;
  }
  net.done(`${LAB_RANGE} via ${plan.routerNamespace}; ${plan.hosts.map((h) => `${h.name} ${h.address}`).join(', ')}${networkMade === 0 ? ' (all there already)' : ''}`);
  const started: string[] = [];
  const engineMs: Record<string, number> = {};
  for (const host of plan.hosts) {
    const p = open(`${host.name}: Docker engine`);
    try {
      const s = await startEngine(runner, host, opts.engineTimeoutMs);
      if (s.started) started.push(host.name);
      engineMs[host.name] = s.ms;
      p.done(`${s.started ? 'started' : 'already answering'} on ${host.engine.docker} (dockerd ${s.version})`);
    } catch (error) {
      p.fail((error as Error).message.split('\n')[0]!);
      throw error;
    }
  }
  const load = opts.loadImages ?? ensureImagesOnEngines;
  let loaded: EngineImageResult[] = [];
  if (images.length > 0) {
    const p = open(`lab hosts: image${images.length > 1 ? 's' : ''} ${images.join(', ')}`);
    try {
      loaded = await load(images, plan.hosts.map((h) => h.engine.args), p);
      const into = loaded.filter((r) => r.loaded).map((r) => `${r.engine} ${(r.ms / 1000).toFixed(1)}s`);
      p.done(into.length > 0 ? `loaded into ${into.join(', ')}` : 'every engine has it');
    } catch (error) {
      p.fail((error as Error).message.split('\n')[0]!);
      throw error;
    }
  }
  return { count: plan.count, started, networkMade, engineMs, images: loaded, spec: labHostsSpecFragment(plan) };
}

/** Brings lab-1 … lab-N up (or completes them), loads the images, and returns their spec fragment. */
export async function labHostsUp(opts: LabHostsUpOptions = {}): Promise<LabHostsUpResult> {
  const runner = opts.runner ?? systemLabRunner;
  const t0 = runner.clock.now();
  const images = opts.images ?? [kafkaImageTag(DEFAULT_KAFKA_VERSION)];
  await preflight(runner, opts.root ?? process.getuid?.() === 0, images);
  return withLabLock('lab-hosts up', opts.lockFile, async () => {
    const count = await chooseCount(runner, opts.count);
    const result = await bringUp(runner, labHostPlan(count), opts, images);
    return { ...result, totalMs: runner.clock.now() - t0 };
  });
}
