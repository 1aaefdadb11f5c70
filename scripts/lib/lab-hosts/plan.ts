/**
 * The lab hosts as data: every name, address, path and command `npm run lab-hosts` uses, from
 * the host count alone. Pure: nothing here touches the machine.
 *
 * The layout (10.250.0.0/16 only):
 *
 *   root namespace   kl-lab-root 10.250.0.1/30, route 10.250.0.0/16 via 10.250.0.2
 *        │ veth
 *   kafkalab-lab-router   kl-labroot-r 10.250.0.2/30, default via 10.250.0.1, ip_forward=1,
 *        │                its own empty iptables; kl-labK-r 10.250.K.1/24 for each host K
 *        │ veth (one per host)
 *   kafkalab-lab-K   kl-lab-K 10.250.K.2/24, default via 10.250.K.1, lo up; one dockerd on
 *                    unix:///run/kafkalab-lab-K.sock, started with `nsenter --net=` (not
 *                    `ip netns exec`, which remounts /sys and leaves dockerd without its devices cgroup)
 */
import { join } from 'node:path';
import { stateDir } from '../core/index.ts';
import { UsageError } from '../../../stacks/model/errors.ts';

export const LAB_HOSTS_MAX = 9;
export const LAB_HOSTS_DEFAULT_COUNT = 3;
/** The two, for core's command definition to be checked against. */
export const LAB_HOSTS_COUNT_LIMITS = { max: LAB_HOSTS_MAX, default: LAB_HOSTS_DEFAULT_COUNT } as const;
/** Every address of the lab hosts is in this range, and nothing else of theirs is. */
export const LAB_RANGE = '10.250.0.0/16';
export const LAB_ROUTER_NAMESPACE = 'kafkalab-lab-router';
/** The engines' data roots (one folder per host) and their run folders (exec root, pidfile, config). */
export const LAB_DATA_ROOT = '/var/lib/kafkalab-lab';
export const LAB_RUN_ROOT = '/run/kafkalab-lab';

/** The veth between the root namespace and the router. */
export const LAB_UPLINK = {
  rootLink: 'kl-lab-root',
  routerLink: 'kl-labroot-r',
  rootAddress: '10.250.0.1',
  routerAddress: '10.250.0.2',
  prefix: 30,
} as const;

/** A command line, argv[0] first; run without a shell. */
export type Argv = readonly string[];

/** One idempotent step of `up`: skipped when `check` exits 0; `run` alone when it is safe to repeat. */
export interface Step {
  readonly what: string;
  readonly check?: Argv;
  readonly run: Argv;
}

export interface LabEnginePlan {
  /** The engine's address for docker -H and a cluster spec, e.g. unix:///run/kafkalab-lab-1.sock. */
  readonly docker: string;
  readonly socket: string;
  /** docker CLI global args that reach it: ['-H', docker]. */
  readonly args: readonly string[];
  readonly dataRoot: string;
  /** Holds execRoot, the pidfile and the (empty) config file. */
  readonly runDir: string;
  readonly execRoot: string;
  readonly pidFile: string;
  readonly configFile: string;
  readonly logFile: string;
  /** The cgroup its containers go under, at the top of every hierarchy (`/kafkalab-lab-K`). */
  readonly cgroupParent: string;
  /** nsenter --net=… dockerd …: the whole command that starts it. */
  readonly argv: Argv;
}

export interface LabHostPlan {
  readonly name: string;
  readonly index: number;
  readonly namespace: string;
  readonly address: string;
  readonly cidr: string;
  readonly gateway: string;
  /** The veth end inside the host's namespace. */
  readonly hostLink: string;
  /** The veth end in the router namespace: set down, it cuts the host off. */
  readonly routerLink: string;
  readonly engine: LabEnginePlan;
}

export interface LabPlan {
  readonly count: number;
  readonly routerNamespace: string;
  readonly uplink: typeof LAB_UPLINK;
  readonly hosts: readonly LabHostPlan[];
}

export interface LabPlanOptions {
  /** Where each engine's log goes (lab-K/dockerd.log under it). @default - .kafkalab/lab-hosts in the state folder */
  readonly logDir?: string;
}

/** The names of hosts 1..count: lab-1, lab-2, … */
export function labHostNames(count: number = LAB_HOSTS_DEFAULT_COUNT): string[] {
  assertCount(count, 'count');
  return Array.from({ length: count }, (_, i) => `lab-${i + 1}`);
}

/** The host number of `lab-K` (or K itself), 1..9; anything else is a UsageError naming the value and the hosts. */
export function labHostIndex(host: string | number, known: readonly string[] = labHostNames(LAB_HOSTS_MAX)): number {
  const m = typeof host === 'number' ? [String(host), String(host)] : /^lab-([1-9])$/.exec(host);
  const k = m ? Number(m[1]) : NaN;
  if (!Number.isInteger(k) || k < 1 || k > LAB_HOSTS_MAX) throw unknownLabHost(host, known);
  return k;
}

/** The error for a value that names no lab host: the value, and the hosts there are. */
export function unknownLabHost(value: string | number, known: readonly string[]): UsageError {
  const list = known.length > 0 ? known.join(', ') : `none up now (the names are lab-1 … lab-${LAB_HOSTS_MAX})`;
  return new UsageError(`${JSON.stringify(value)} is not a lab host: the lab hosts are ${list}`);
}

/**
 * The lab host (lab-K) whose engine a spec's host names (`hosts.<name>.docker`, e.g.
 * unix:///run/kafkalab-lab-2.sock), or undefined for any other engine. A spec may call its hosts
 * anything: the engine tells which lab host a node runs on.
 */
export function labHostOfEngine(docker: string): string | undefined {
  return labHostPlan(LAB_HOSTS_MAX, { logDir: '' }).hosts.find((h) => h.engine.docker === docker)?.name;
}

/** The address a host's nodes bind, e.g. 10.250.2.2 for lab-2 (or 2). */
export function labHostAddress(k: number | string): string {
  return `10.250.${labHostIndex(k)}.2`;
}

function assertCount(count: number, what: string): void {
  if (!Number.isInteger(count) || count < 1 || count > LAB_HOSTS_MAX) {
    throw new UsageError(`'--${what}' (${JSON.stringify(count)}) must be a whole number from 1 to ${LAB_HOSTS_MAX} (hosts lab-1 … lab-${LAB_HOSTS_MAX})`);
  }
}

/** Parses --count: absent gives undefined; otherwise a whole number from 1 to 9, or a UsageError. */
export function parseLabHostCount(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = /^\d+$/.test(value.trim()) ? Number(value.trim()) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > LAB_HOSTS_MAX) {
    throw new UsageError(`'--count' ('${value}') must be a whole number from 1 to ${LAB_HOSTS_MAX} (hosts lab-1 … lab-${LAB_HOSTS_MAX})`);
  }
  return n;
}

/** Host K's engine: its socket, folders, cgroup and start command. */
export function labEnginePlan(k: number, namespace: string, logDir: string): LabEnginePlan {
  const name = `kafkalab-lab-${k}`;
  const socket = `/run/${name}.sock`;
  const docker = `unix://${socket}`;
  const runDir = join(LAB_RUN_ROOT, `lab-${k}`);
  const dataRoot = join(LAB_DATA_ROOT, `lab-${k}`);
  const execRoot = join(runDir, 'exec');
  const pidFile = join(runDir, 'dockerd.pid');
  const configFile = join(runDir, 'daemon.json');
  const cgroupParent = `/${name}`;
  const argv = [
    'nsenter', `--net=/run/netns/${namespace}`, 'dockerd',
    '--data-root', dataRoot,
    '--exec-root', execRoot,
    '--pidfile', pidFile,
    '-H', docker,
    '--iptables=false', '--ip-masq=false', '--bridge=none',
    `--cgroup-parent=${cgroupParent}`,
    '--exec-opt', 'native.cgroupdriver=cgroupfs',
    '--config-file', configFile,
  ];
  return { docker, socket, args: ['-H', docker], dataRoot, runDir, execRoot, pidFile, configFile, logFile: join(logDir, `lab-${k}`, 'dockerd.log'), cgroupParent, argv };
}

/** Every namespace, link, address, route and engine command of hosts 1..count. */
export function labHostPlan(count: number = LAB_HOSTS_DEFAULT_COUNT, opts: LabPlanOptions = {}): LabPlan {
  assertCount(count, 'count');
  const logDir = opts.logDir ?? labHostsStateDir();
  const hosts = labHostNames(count).map((name, i): LabHostPlan => {
    const k = i + 1;
    const namespace = `kafkalab-lab-${k}`;
    return {
      name,
      index: k,
      namespace,
      address: `10.250.${k}.2`,
      cidr: `10.250.${k}.2/24`,
      gateway: `10.250.${k}.1`,
      hostLink: `kl-lab-${k}`,
      routerLink: `kl-lab${k}-r`,
      engine: labEnginePlan(k, namespace, logDir),
    };
  });
  return { count, routerNamespace: LAB_ROUTER_NAMESPACE, uplink: LAB_UPLINK, hosts };
}

/** .kafkalab/lab-hosts in the state folder (KAFKALAB_STATE_DIR moves it). */
export function labHostsStateDir(): string {
  return join(stateDir(), 'lab-hosts');
}

const inNs = (ns: string, ...argv: string[]): string[] => ['ip', '-n', ns, ...argv];
const nsExists = (ns: string): Argv => ['nsenter', `--net=/run/netns/${ns}`, 'true'];

/** The router namespace, its uplink to the root namespace and the route to 10.250.0.0/16. */
export function routerSteps(plan: LabPlan): Step[] {
  const r = plan.routerNamespace;
  const u = plan.uplink;
  return [
    { what: `namespace ${r}`, check: nsExists(r), run: ['ip', 'netns', 'add', r] },
    { what: `lo up in ${r}`, run: inNs(r, 'link', 'set', 'dev', 'lo', 'up') },
    { what: `forwarding in ${r}`, run: ['nsenter', `--net=/run/netns/${r}`, 'sysctl', '-qw', 'net.ipv4.ip_forward=1'] },
    { what: `veth ${u.rootLink} <-> ${u.routerLink}`, check: ['ip', 'link', 'show', 'dev', u.rootLink], run: ['ip', 'link', 'add', u.rootLink, 'type', 'veth', 'peer', 'name', u.routerLink, 'netns', r] },
    { what: `${u.rootAddress}/${u.prefix} on ${u.rootLink}`, run: ['ip', 'addr', 'replace', `${u.rootAddress}/${u.prefix}`, 'dev', u.rootLink] },
    { what: `${u.rootLink} up`, run: ['ip', 'link', 'set', 'dev', u.rootLink, 'up'] },
    { what: `${u.routerAddress}/${u.prefix} on ${u.routerLink}`, run: inNs(r, 'addr', 'replace', `${u.routerAddress}/${u.prefix}`, 'dev', u.routerLink) },
    { what: `${u.routerLink} up`, run: inNs(r, 'link', 'set', 'dev', u.routerLink, 'up') },
    { what: `default route of ${r}`, run: inNs(r, 'route', 'replace', 'default', 'via', u.rootAddress) },
    { what: `route ${LAB_RANGE} via ${u.routerAddress}`, run: ['ip', 'route', 'replace', LAB_RANGE, 'via', u.routerAddress, 'dev', u.rootLink] },
  ];
}

/** One host's namespace, its veth to the router, its address and default route. */
export function hostSteps(plan: LabPlan, host: LabHostPlan): Step[] {
  const r = plan.routerNamespace;
  const ns = host.namespace;
  return [
    { what: `namespace ${ns}`, check: nsExists(ns), run: ['ip', 'netns', 'add', ns] },
    { what: `lo up in ${ns}`, run: inNs(ns, 'link', 'set', 'dev', 'lo', 'up') },
    {
      what: `veth ${host.routerLink} <-> ${host.hostLink}`,
      check: inNs(ns, 'link', 'show', 'dev', host.hostLink),
      run: inNs(r, 'link', 'add', host.routerLink, 'type', 'veth', 'peer', 'name', host.hostLink, 'netns', ns),
    },
    { what: `${host.gateway}/24 on ${host.routerLink}`, run: inNs(r, 'addr', 'replace', `${host.gateway}/24`, 'dev', host.routerLink) },
    { what: `${host.routerLink} up`, run: inNs(r, 'link', 'set', 'dev', host.routerLink, 'up') },
    { what: `${host.cidr} on ${host.hostLink}`, run: inNs(ns, 'addr', 'replace', host.cidr, 'dev', host.hostLink) },
    { what: `${host.hostLink} up`, run: inNs(ns, 'link', 'set', 'dev', host.hostLink, 'up') },
    { what: `default route of ${ns}`, run: inNs(ns, 'route', 'replace', 'default', 'via', host.gateway) },
  ];
}

/** The command that cuts (down) or restores (up) a host's link at the router. */
export function linkSetArgv(plan: LabPlan, host: LabHostPlan, state: 'up' | 'down'): Argv {
  return inNs(plan.routerNamespace, 'link', 'set', 'dev', host.routerLink, state);
}

/** The spec fragment naming each host's engine and address. */
export interface LabHostsSpecFragment {
  readonly hosts: Readonly<Record<string, { readonly docker: string; readonly address: string }>>;
}

export function labHostsSpecFragment(plan: LabPlan): LabHostsSpecFragment {
  return { hosts: Object.fromEntries(plan.hosts.map((h) => [h.name, { docker: h.engine.docker, address: h.address }])) };
}
