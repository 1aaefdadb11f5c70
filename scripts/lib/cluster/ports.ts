import { createServer } from 'node:net';
import { $ } from 'zx';
import type { ResolvedCluster } from '../../../stacks/model/spec.ts';
import { LABELS } from '../../../stacks/constructs/labels.ts';
import { listenerSetLayout } from '../../../stacks/model/listener-sets.ts';
import { claimedAddresses, publishedSets } from '../../../stacks/model/resolve.ts';
import { PLACED_PORT_SPAN } from '../../../stacks/model/hosts.ts';
import { clusterContainers } from '../core/index.ts';

/** True when nothing listens on 127.0.0.1:port (we could bind it ourselves). */
export function portFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen({ port, host, exclusive: true }, () => srv.close(() => resolve(true)));
  });
}

/** Host ports already published by this cluster's own containers (a redeploy may reuse them). */
async function ownPorts(cluster: string): Promise<Set<number>> {
  const out = await $({ quiet: true, nothrow: true })`docker ps --filter ${`label=${LABELS.cluster}=${cluster}`} --format {{.Ports}}`;
  const ports = [...out.stdout.matchAll(/127\.0\.0\.1:(\d+)->/g)].map((m) => Number(m[1]));
  return new Set(ports);
}

/** Who publishes a port, when Docker does (another cluster's container, say). */
async function dockerOwner(port: number): Promise<string | undefined> {
  const out = await $({ quiet: true, nothrow: true })`docker ps --filter ${`publish=${port}`} --format {{.Names}}`;
  const name = out.stdout.trim().split('\n')[0];
  return name ? `container ${name}` : undefined;
}

/**
 * Problems with the cluster's host ports: each names the node, the port and the fix.
 * Ports held by the cluster's own containers are fine (a redeploy).
 */
export async function portProblems(cluster: ResolvedCluster): Promise<string[]> {
  if (cluster.hosts) return placedPortProblems(cluster);
  const own = await ownPorts(cluster.name);
  const problems: string[] = [];
  const brokers = cluster.nodes.filter((n) => n.externalPorts !== undefined);
  // Every set the nodes publish: during a live security switch, the old and the new.
  for (const set of publishedSets(cluster)) {
    for (const node of brokers) {
      const port = node.externalPorts![set];
      if (own.has(port) || (await portFree(port))) continue;
      const who = (await dockerOwner(port)) ?? 'another process';
      const lo = cluster.basePort + listenerSetLayout(set).hostPortOffset;
      problems.push(
        `'basePort' (${cluster.basePort}): port ${port} for node ${node.id} is already in use on 127.0.0.1 by ${who}: stop it, or set 'basePort' so that ports ${lo}..${lo + brokers.length - 1} move to free ones`,
      );
    }
  }
  const m = cluster.monitoring;
  if (m && !own.has(m.prometheusPort) && !(await portFree(m.prometheusPort))) {
    const who = (await dockerOwner(m.prometheusPort)) ?? 'another process';
    problems.push(
      `'basePort' (${cluster.basePort}): port ${m.prometheusPort} for Prometheus (basePort + ${m.prometheusPort - cluster.basePort}) is already in use on 127.0.0.1 by ${who}: stop it, or set 'basePort' so that it moves to a free one`,
    );
  }
  return problems;
}

/**
 * A placed cluster's ports are on its hosts' addresses: those of this machine's loopback (hosts
 * on the default engine) are checked here; a remote host's are not visible from here (Kafka's own
 * bind error names them). None is checked while the cluster's own containers exist (a redeploy).
 */
async function placedPortProblems(cluster: ResolvedCluster): Promise<string[]> {
  if (Object.keys(await clusterContainers(cluster.name)).length > 0) return [];
  const problems: string[] = [];
  for (const claim of claimedAddresses(cluster).filter((a) => a.startsWith('127.'))) {
    const at = claim.lastIndexOf(':');
    const [address, port] = [claim.slice(0, at), Number(claim.slice(at + 1))];
    if (await portFree(port, address)) continue;
    problems.push(`'basePort' (${cluster.basePort}): port ${port} on ${address} is already in use: stop what holds it, or set 'basePort' so that the cluster's ports (basePort..basePort+${PLACED_PORT_SPAN}) move to free ones`);
  }
  return problems;
}
