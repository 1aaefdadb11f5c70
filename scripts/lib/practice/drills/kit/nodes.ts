/**
 * The containers of a cluster as the chaos drills see them: running, paused, stopped, or cut
 * off the cluster's network; and the one way back to healthy for all of them.
 */
import { $ } from 'zx';
import { brokersOf, type ResolvedCluster, type ResolvedNode } from '../../../../../stacks/model/spec.ts';
import type { ConnectionDescriptor } from '../../../cluster/index.ts';
import { describeBrokers, describePartitions } from '../../../kafka/index.ts';
import { waitFor } from '../../../core/index.ts';

export type NodeStatus = 'running' | 'paused' | 'exited' | 'missing' | string;

export interface NodeHealth {
  readonly id: number;
  readonly container: string;
  readonly hostname: string;
  readonly broker: boolean;
  readonly status: NodeStatus;
  /** Attached to the cluster's Docker network. */
  readonly connected: boolean;
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

/** Every node's container state, in node order (one docker inspect). */
export async function nodeHealth(cluster: ResolvedCluster): Promise<NodeHealth[]> {
  const names = cluster.nodes.map((n) => n.containerName);
  const out = await $({ quiet: true, nothrow: true })`docker inspect --format ${'{{.Name}}|{{.State.Status}}|{{.State.StartedAt}}|{{json .NetworkSettings.Networks}}'} ${names}`;
  const rows = new Map(
    out.stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => parseInspectLine(l, cluster.networkName))
      .map((r) => [r.name, r] as const),
  );
  return cluster.nodes.map((n) => {
    const r = rows.get(n.containerName);
    const status = r?.status ?? 'missing';
    const connected = r?.connected ?? false;
    return {
      id: n.id,
      container: n.containerName,
      hostname: n.hostname,
      broker: n.roles.includes('broker'),
      status,
      connected,
      startedAt: r?.startedAt ?? '',
      up: status === 'running' && connected,
    };
  });
}

/** One line per node that is not up, e.g. `kafka-2 (kafkalab-x-kafka-2): paused`. */
export function describeDown(nodes: readonly NodeHealth[]): string[] {
  return nodes
    .filter((n) => !n.up)
    .map((n) => `${n.hostname} (${n.container}): ${n.status === 'running' ? 'running but not on the cluster network' : n.status}`);
}

/** Host addresses of the brokers whose containers are up. */
export function liveAddresses(d: ConnectionDescriptor, nodes: readonly NodeHealth[]): string[] {
  const up = new Set(nodes.filter((n) => n.up && n.broker).map((n) => n.container));
  return d.nodes.filter((n) => up.has(n.container) && n.externalAddress).map((n) => n.externalAddress!);
}

/** The docker command that brings one node back, by its state (undefined when it is up). */
export function healCommand(n: NodeHealth, network: string): string[] | undefined {
  if (n.status === 'paused') return ['unpause', n.container];
  if (n.status === 'exited' || n.status === 'created' || n.status === 'dead') return ['start', n.container];
  if (n.status === 'running' && !n.connected) return ['network', 'connect', '--alias', n.hostname, network, n.container];
  return undefined;
}

export interface HealResult {
  /** The docker commands run, e.g. `docker start kafkalab-x-kafka-2`. */
  readonly actions: string[];
}

/**
 * Bring every node back (unpause, start, reconnect with its hostname alias), then wait until
 * every broker is registered and no partition is under-replicated.
 */
export async function healNodes(cluster: ResolvedCluster, d: ConnectionDescriptor, timeoutMs = 180_000): Promise<HealResult> {
  const actions: string[] = [];
  for (const n of await nodeHealth(cluster)) {
    if (n.status === 'missing') throw new Error(`container ${n.container} does not exist: redeploy with npm run deploy -- --cluster ${cluster.name}`);
    const cmd = healCommand(n, cluster.networkName);
    if (!cmd) continue;
    await $({ quiet: true })`docker ${cmd}`;
    actions.push(`docker ${cmd.join(' ')}`);
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
