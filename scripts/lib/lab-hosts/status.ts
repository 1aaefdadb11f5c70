/**
 * `npm run lab-hosts -- status`: for each lab host on the machine, its namespace, link, address,
 * engine, images and containers; the router and its route; the spec fragment. Only reads.
 */
import { engineVersion, linkState, namespacePresent, presentHosts } from './live.ts';
import { LAB_HOSTS_MAX, LAB_RANGE, LAB_ROUTER_NAMESPACE, LAB_UPLINK, labHostPlan, labHostsSpecFragment, type LabHostPlan, type LabHostsSpecFragment } from './plan.ts';
import { systemLabRunner, type LabRunner } from './runner.ts';

export interface LabHostStatus {
  readonly name: string;
  readonly namespace: string;
  readonly namespacePresent: boolean;
  /** The router side of its veth is up with carrier (false while cut). */
  readonly linkUp: boolean;
  readonly address: string;
  /** Whether the address is on the host's link. */
  readonly addressPresent: boolean;
  readonly docker: string;
  readonly engine: { readonly answering: boolean; readonly version?: string };
  /** repository:tag of each image in its engine. */
  readonly images: readonly string[];
  readonly containers: { readonly running: number; readonly total: number };
  /** Namespace, link, address and engine all there. */
  readonly ready: boolean;
}

export interface LabHostsStatus {
  /** Hosts present, lab-1 … lab-count without a gap, every one ready, the router routing. */
  readonly up: boolean;
  readonly count: number;
  readonly router: { readonly namespace: string; readonly present: boolean; readonly routed: boolean };
  readonly hosts: readonly LabHostStatus[];
  readonly spec: LabHostsSpecFragment;
}

export interface LabHostsStatusOptions {
  /** @default systemLabRunner (the real machine) */
  readonly runner?: LabRunner;
}

const lines = (text: string): string[] => text.split('\n').map((l) => l.trim()).filter(Boolean);

async function hostStatus(runner: LabRunner, h: LabHostPlan): Promise<LabHostStatus> {
  const [present, link, version, addr] = await Promise.all([
    namespacePresent(runner, h.namespace),
    linkState(runner, LAB_ROUTER_NAMESPACE, h.routerLink),
    engineVersion(runner, h),
    runner.exec(['ip', '-n', h.namespace, '-o', 'addr', 'show', 'dev', h.hostLink]),
  ]);
  const addressPresent = addr.exitCode === 0 && addr.stdout.includes(` ${h.cidr} `);
  let images: string[] = [];
  let containers = { running: 0, total: 0 };
  if (version) {
    images = lines((await runner.exec(['docker', ...h.engine.args, 'image', 'ls', '--format', '{{.Repository}}:{{.Tag}}'])).stdout);
    const states = lines((await runner.exec(['docker', ...h.engine.args, 'ps', '-a', '--format', '{{.State}}'])).stdout);
    containers = { running: states.filter((s) => s === 'running').length, total: states.length };
  }
  return {
    name: h.name,
    namespace: h.namespace,
    namespacePresent: present,
    linkUp: link.up,
    address: h.address,
    addressPresent,
    docker: h.engine.docker,
    engine: version ? { answering: true, version } : { answering: false },
    images,
    containers,
    ready: present && link.up && addressPresent && Boolean(version),
  };
}

/** What of the lab hosts is on the machine now. */
export async function labHostsStatus(opts: LabHostsStatusOptions = {}): Promise<LabHostsStatus> {
  const runner = opts.runner ?? systemLabRunner;
  const present = await presentHosts(runner);
  const all = labHostPlan(LAB_HOSTS_MAX);
  const hosts = await Promise.all(all.hosts.filter((h) => present.includes(h.index)).map((h) => hostStatus(runner, h)));
  const routerPresent = await namespacePresent(runner, LAB_ROUTER_NAMESPACE);
  const routed = (await runner.exec(['ip', 'route', 'show', LAB_RANGE])).stdout.includes(`dev ${LAB_UPLINK.rootLink}`);
  const count = present.length;
  const contiguous = present.every((k, i) => k === i + 1);
  const spec = count > 0 && contiguous ? labHostsSpecFragment(labHostPlan(count)) : { hosts: {} };
  return {
    up: count > 0 && contiguous && routerPresent && routed && hosts.every((h) => h.ready),
    count,
    router: { namespace: LAB_ROUTER_NAMESPACE, present: routerPresent, routed },
    hosts,
    spec,
  };
}

/** The status as a table for the terminal. */
export function renderLabHostsStatus(s: LabHostsStatus): string {
  if (s.hosts.length === 0 && !s.router.present && !s.router.routed) return 'lab hosts: none on this machine (npm run lab-hosts -- up makes them)\n';
  const head = s.up
    ? `lab hosts: ${s.count} up, ${LAB_RANGE} routed through namespace ${s.router.namespace}`
    : `lab hosts: NOT all ready (router namespace ${s.router.present ? 'present' : 'missing'}, route ${s.router.routed ? 'present' : 'missing'}); npm run lab-hosts -- up completes them, down removes them`;
  const rows = [['host', 'namespace', 'link', 'address', 'engine', 'images', 'containers']];
  for (const h of s.hosts) {
    rows.push([
      h.name,
      h.namespacePresent ? 'present' : 'MISSING',
      h.linkUp ? 'up' : 'DOWN',
      h.addressPresent ? h.address : `${h.address} (MISSING)`,
      h.engine.answering ? `${h.docker} (dockerd ${h.engine.version})` : `${h.docker} NOT ANSWERING`,
      String(h.images.length),
      `${h.containers.running}/${h.containers.total} running`,
    ]);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const table = rows.map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n');
  const images = [...new Set(s.hosts.flatMap((h) => h.images))];
  return `${head}\n${table}\n${images.length > 0 ? `images: ${images.join(', ')}\n` : ''}`;
}
