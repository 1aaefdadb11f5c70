/**
 * Cutting a lab host off the network and bringing it back, for chaos drills and end-to-end tests:
 * the router side of its veth set down, so no packet reaches or leaves the host (no other host, no
 * client in the root namespace); connections hang rather than being refused, as on a pulled cable.
 * The host keeps running: its engine and containers carry on, unreachable.
 */
import { OperationRefused, StepError } from '../../../stacks/model/errors.ts';
import { linkState, presentHosts } from './live.ts';
import { LAB_HOSTS_MAX, labHostPlan, unknownLabHost, linkSetArgv, type LabHostPlan, type LabPlan } from './plan.ts';
import { mustExec, systemLabRunner, type LabRunner } from './runner.ts';

export interface LabLinkOptions {
  /** @default systemLabRunner (the real machine) */
  readonly runner?: LabRunner;
}

export interface SetLabLinkOptions extends LabLinkOptions {
  /** Whether this process is root. @default - process.getuid() === 0 */
  readonly root?: boolean;
}

/** What `npm run lab-hosts -- cut|restore <host>` did. */
export interface LabLinkChange {
  readonly host: string;
  readonly action: 'cut' | 'restore';
  /** Whether its link passed traffic before. */
  readonly wasUp: boolean;
  /** Whether it passes traffic now. */
  readonly up: boolean;
  /** False when the link was already as asked (nothing was run). */
  readonly changed: boolean;
  readonly ms: number;
}

const ALL: LabPlan = labHostPlan(LAB_HOSTS_MAX);

/** The hosts up now, by name, for error messages. */
async function upNames(runner: LabRunner): Promise<string[]> {
  return (await presentHosts(runner)).map((k) => `lab-${k}`);
}

/** The plan of a host that is up: a UsageError for a name that is no lab host, OperationRefused for one not up. */
async function hostUp(runner: LabRunner, host: string): Promise<LabHostPlan> {
  const m = /^lab-([1-9])$/.exec(host);
  if (!m) throw unknownLabHost(host, await upNames(runner));
  const k = Number(m[1]);
  const h = ALL.hosts[k - 1]!;
  if (!(await linkState(runner, ALL.routerNamespace, h.routerLink)).present) {
    const up = await upNames(runner);
    throw new OperationRefused(
      `lab host '${host}' is not up: ${up.length > 0 ? `the lab hosts up are ${up.join(', ')}` : 'no lab host is up'}; npm run lab-hosts -- up --count ${Math.max(k, up.length)} makes it`,
      'failed',
    );
  }
  return h;
}

async function setLink(runner: LabRunner, host: string, state: 'up' | 'down'): Promise<void> {
  const h = await hostUp(runner, host);
  try {
    await mustExec(runner, linkSetArgv(ALL, h, state));
  } catch (error) {
    throw new StepError(`${state === 'down' ? 'cutting' : 'restoring'} ${host}'s link`, (error as Error).message, 'npm run lab-hosts -- status');
  }
}

/** Cuts `host` (lab-K) off every other host and the root namespace. */
export async function cutLabHostLink(host: string, opts: LabLinkOptions = {}): Promise<void> {
  await setLink(opts.runner ?? systemLabRunner, host, 'down');
}

/** Brings a cut host back. */
export async function restoreLabHostLink(host: string, opts: LabLinkOptions = {}): Promise<void> {
  await setLink(opts.runner ?? systemLabRunner, host, 'up');
}

/** Whether `host`'s link passes traffic (false while cut). */
export async function labHostLinkUp(host: string, opts: LabLinkOptions = {}): Promise<boolean> {
  const runner = opts.runner ?? systemLabRunner;
  return (await linkState(runner, ALL.routerNamespace, (await hostUp(runner, host)).routerLink)).up;
}

/**
 * Cuts or restores `host`'s link for a learner (`npm run lab-hosts -- cut|restore <host>`): refused
 * without root (exit 1, with the fix); a name that is no lab host is a UsageError naming it and the
 * hosts up (exit 2); a host not up is refused with the command that makes it. Safe to repeat: a
 * link already as asked is left alone (changed: false).
 */
export async function setLabHostLink(host: string, action: 'cut' | 'restore', opts: SetLabLinkOptions = {}): Promise<LabLinkChange> {
  const runner = opts.runner ?? systemLabRunner;
  const t0 = runner.clock.now();
  if (!/^lab-[1-9]$/.test(host)) throw unknownLabHost(host, await upNames(runner));
  if (!(opts.root ?? process.getuid?.() === 0)) {
    throw new StepError(`${action === 'cut' ? 'cutting' : 'restoring'} ${host}'s link`, 'it needs root: the link is in the router namespace', `run it as root (sudo npm run lab-hosts -- ${action} ${host})`);
  }
  const h = await hostUp(runner, host);
  const wasUp = (await linkState(runner, ALL.routerNamespace, h.routerLink)).up;
  const want = action === 'restore';
  if (wasUp !== want) await setLink(runner, host, want ? 'up' : 'down');
  const up = (await linkState(runner, ALL.routerNamespace, h.routerLink)).up;
  if (up !== want) {
    throw new StepError(`${action === 'cut' ? 'cutting' : 'restoring'} ${host}'s link`, `its link (${h.routerLink} in ${ALL.routerNamespace}) is still ${up ? 'up' : 'down'}`, 'npm run lab-hosts -- status');
  }
  return { host: h.name, action, wasUp, up, changed: wasUp !== want, ms: runner.clock.now() - t0 };
}
