/**
 * The containers of a cluster as the chaos drills see them: running, paused, stopped, or cut
 * off the cluster's network (a node placed on a lab host: its host's link cut); and the one way
 * back to healthy for all of them. Each container is asked about on the engine it runs on.
 */
import { $ } from 'zx';
import { brokersOf, type ResolvedCluster, type ResolvedNode } from '../../../../../stacks/model/spec.ts';
import type { ConnectionDescriptor } from '../../../cluster/index.ts';
import { describeBrokers, describePartitions } from '../../../kafka/index.ts';
import { engineOf, waitFor } from '../../../core/index.ts';
import { labHostLinkUp, labHostOfEngine, restoreLabHostLink } from '../../../lab-hosts/index.ts';

export type NodeStatus = 'running' | 'paused' | 'exited' | 'missing' | string;

export interface NodeHealth {
  readonly id: number;
  readonly container: string;
  readonly hostname: string;
  readonly broker: boolean;
  readonly status: NodeStatus;
  /**
   * Attached to the cluster's Docker network. A node placed on a host runs with host networking:
   * on a lab host, whether that host's link passes traffic; on any other host, true.
   */
  readonly connected: boolean;
  /** The spec's host it is placed on. @default - none: the default engine's cluster network */
  readonly host?: string;
  /** The lab host (lab-K) it runs on, when its host is one. */
  readonly labHost?: string;
  /** When the container (re)started, as Docker reports it. */
  readonly startedAt: string;
  /** Running, not paused, on the network. */
  readonly up: boolean;
}

/** Parse one line of `docker inspect --format '{{.Name}}|{{.State.Status}}|{{.State.StartedAt}}|{{json .NetworkSettings.Networks}}'`. */
export function parseInspectLine(line: string, network: string): { name: string; status: string; startedAt: string; connected: boolean } {
  const [name = '', status = '', startedAt = '', ...rest] = line.split('|');
  let networks: Record<string, unknown> = {};
  try {
    networks = JSON.parse(rest.join('|') || '{}') as Record<string, unknown>;
  } catch {
    networks = {};
  }
  return { name: name.replace(/^\//, ''), status, startedAt, connected: Object.prototype.hasOwnProperty.call(networks ?? {}, network) };
}

const INSPECT_FORMAT = '{{.Name}}|{{.State.Status}}|{{.State.StartedAt}}|{{json .NetworkSettings.Networks}}';

/** The lab host a node runs on (lab-K), when it is placed on one. */
export const labHostOfNode = (n: ResolvedNode): string | undefined => (n.placed ? labHostOfEngine(n.placed.host.docker) : undefined);

/** Every node's container state, in node order (one docker inspect per engine; one link look per lab host). */
export async function nodeHealth(cluster: ResolvedCluster): Promise<NodeHealth[]> {
  const byEngine = new Map<string, { engine: readonly string[]; names: string[] }>();
  for (const n of cluster.nodes) {
    const engine = engineOf(n.containerName);
    const group = byEngine.get(engine.join(' ')) ?? { engine, names: [] };
    group.names.push(n.containerName);
    byEngine.set(engine.join(' '), group);
  }
  const labHosts = [...new Set(cluster.nodes.map(labHostOfNode).filter((h): h is string => h !== undefined))];
  const [lines, links] = await Promise.all([
    Promise.all(
      [...byEngine.values()].map(async ({ engine, names }) => {
        const out = await $({ quiet: true, nothrow: true, timeout: 60_000 })`docker ${engine} inspect --format ${INSPECT_FORMAT} ${names}`;
        return out.stdout.split('\n').filter(Boolean);
      }),
    ),
    // A lab host that is not up (or a look that fails) counts as cut: its containers are missing anyway.
    Promise.all(labHosts.map(async (h) => [h, await labHostLinkUp(h).catch(() => false)] as const)),
  ]);
  const linkUp = new Map(links);
  const rows = new Map(lines.flat().map((l) => [l.split('|')[0]!.replace(/^\//, ''), l] as const));
  return cluster.nodes.map((n) => {
    const line = rows.get(n.containerName);
    // A placed node runs with host networking: it is "on the network" when its host's link is.
    const r = line === undefined ? undefined : parseInspectLine(line, n.placed ? 'host' : cluster.networkName);
    const status = r?.status ?? 'missing';
    const labHost = labHostOfNode(n);
    const connected = (r?.connected ?? false) && (labHost === undefined || linkUp.get(labHost) === true);
    return {
      id: n.id,
      container: n.containerName,
      hostname: n.hostname,
      broker: n.roles.includes('broker'),
      status,
      connected,
      ...(n.placed ? { host: n.placed.host.name } : {}),
      ...(labHost ? { labHost } : {}),
      startedAt: r?.startedAt ?? '',
      up: status === 'running' && connected,
    };
  });
}

/** Why a running node is not up: off the cluster network, or its lab host cut off. */
function offNetwork(n: NodeHealth): string {
  if (n.labHost) return `running, but its host ${n.labHost} is cut off the network (npm run lab-hosts -- restore ${n.labHost})`;
  if (n.host) return `running, but not on host networking on host ${n.host}`;
  return 'running but not on the cluster network';
}

/** One line per node that is not up, e.g. `kafka-2 (kafkalab-x-kafka-2): paused`. */
export function describeDown(nodes: readonly NodeHealth[]): string[] {
  return nodes.filter((n) => !n.up).map((n) => `${n.hostname} (${n.container}): ${n.status === 'running' ? offNetwork(n) : n.status}`);
}

/** Host addresses of the brokers whose containers are up. */
export function liveAddresses(d: ConnectionDescriptor, nodes: readonly NodeHealth[]): string[] {
  const up = new Set(nodes.filter((n) => n.up && n.broker).map((n) => n.container));
  return d.nodes.filter((n) => up.has(n.container) && n.externalAddress).map((n) => n.externalAddress!);
}

/**
 * The docker command that brings one node back, by its state (undefined when it is up, or when
 * what it lacks is its lab host's link: healNodes restores that).
 */
export function healCommand(n: NodeHealth, network: string): string[] | undefined {
  if (n.status === 'paused') return ['unpause', n.container];
  if (n.status === 'exited' || n.status === 'created' || n.status === 'dead') return ['start', n.container];
  if (n.status === 'running' && !n.connected && !n.host) return ['network', 'connect', '--alias', n.hostname, network, n.container];
  return undefined;
}

/** The lab hosts whose links are cut under nodes of the cluster (each once). */
export const cutLabHosts = (nodes: readonly NodeHealth[]): string[] =>
  [...new Set(nodes.filter((n) => n.labHost && n.status !== 'missing' && !n.connected).map((n) => n.labHost!))];

export interface HealResult {
  /** The docker commands run, e.g. `docker start kafkalab-x-kafka-2`. */
  readonly actions: string[];
}

/**
 * Bring every node back (restore a cut lab host's link, unpause, start, reconnect with its
 * hostname alias; each container on its own engine), then wait until every broker is registered
 * and no partition is under-replicated.
 */
export async function healNodes(cluster: ResolvedCluster, d: ConnectionDescriptor, timeoutMs = 180_000): Promise<HealResult> {
  const actions: string[] = [];
  const nodes = await nodeHealth(cluster);
  const missing = nodes.find((n) => n.status === 'missing');
  if (missing) throw new Error(`container ${missing.container} does not exist: redeploy with npm run deploy -- --cluster ${cluster.name}`);
  for (const host of cutLabHosts(nodes)) {
    await restoreLabHostLink(host);
    actions.push(`npm run lab-hosts -- restore ${host}`);
  }
  for (const n of nodes) {
    const cmd = healCommand(n, cluster.networkName);
    if (!cmd) continue;
    const argv = [...engineOf(n.container), ...cmd];
    await $({ quiet: true })`docker ${argv}`;
    actions.push(`docker ${argv.join(' ')}`);
  }
  // A node just brought back can rejoin the ISRs and drop out again: confirm on WHOLE_LOOKS looks.
  // With nothing brought back, one look says what the cluster is.
  await waitUntilWhole(cluster, d, timeoutMs, actions.length > 0 ? WHOLE_LOOKS : 1);
  return { actions };
}

/** Looks in a row that must see the cluster whole before it counts as whole. */
export const WHOLE_LOOKS = 3;

/**
 * Wait until every broker is registered and there are 0 under-replicated partitions, seen on
 * `looks` looks in a row (2 s apart; WHOLE_LOOKS by default): a broker just reconnected can rejoin
 * the ISRs and drop out again while its fetchers still wait on connections from before the partition.
 */
export async function waitUntilWhole(cluster: ResolvedCluster, d: ConnectionDescriptor, timeoutMs = 180_000, looks = WHOLE_LOOKS): Promise<void> {
  const want = brokersOf(cluster).map((b) => b.id).sort((a, b) => a - b).join(',');
  let wholeLooks = 0;
  await waitFor(
    async () => {
      try {
        const bootstrap = liveAddresses(d, await nodeHealth(cluster));
        const ids = (await describeBrokers({ ...d, bootstrapServers: bootstrap })).map((b) => b.nodeId).join(',');
        if (ids !== want) throw new Error(`registered brokers [${ids}], expected [${want}]`);
        const urp = (await describePartitions(d)).filter((p) => p.isr.length < p.replicas.length);
        if (urp.length > 0) throw new Error(`${urp.length} under-replicated partitions`);
      } catch (error) {
        wholeLooks = 0;
        throw error;
      }
      if (++wholeLooks < looks) throw new Error(`whole on ${wholeLooks} look(s) in a row, waiting for ${looks}`);
      return true;
    },
    { what: `every broker of '${cluster.name}' registered and 0 under-replicated partitions`, timeoutMs, intervalMs: 2000 },
  );
}

/** A broker other than `avoid` (e.g. the quorum leader): the highest id, to keep node 1 for tools. */
export function pickVictim(cluster: ResolvedCluster, avoid: readonly number[] = []): ResolvedNode {
  const brokers = brokersOf(cluster);
  return [...brokers].reverse().find((b) => !avoid.includes(b.id)) ?? brokers[brokers.length - 1]!;
}
