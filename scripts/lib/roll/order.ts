import { NodeSelectionError } from '../../../stacks/model/errors.ts';
import type { ResolvedCluster } from '../../../stacks/model/spec.ts';

/** What a node is, for the order and for the checks made around its restart. */
export type RollRole = 'zookeeper' | 'controller' | 'combined' | 'broker';

/** One process of the cluster that a roll restarts. */
export interface RollNode {
  /** Kafka node id; a ZooKeeper server is named by its hostname (`zookeeper-N`: myids overlap broker ids). */
  readonly id: number | string;
  readonly role: RollRole;
  readonly hostname: string;
  readonly container: string;
}

/** Who leads right now: what decides which node of each group goes last. */
export interface Leadership {
  /** KRaft: the quorum leader (the active controller). */
  readonly quorumLeader?: number;
  /** ZooKeeper mode: the hostname of the ensemble's leader. */
  readonly zookeeperLeader?: string;
  /** ZooKeeper mode: the broker that is the active controller. */
  readonly activeController?: number;
}

export function nodeLabel(n: RollNode): string {
  return typeof n.id === 'string' ? `${n.id} (${n.role})` : `node ${n.id} (${n.hostname}, ${n.role})`;
}

/** Every node of a cluster as the roll sees it, in no particular order. */
export function rollNodes(cluster: ResolvedCluster): RollNode[] {
  const zk: RollNode[] = (cluster.zookeeper?.servers ?? []).map((z) => ({
    id: z.hostname,
    role: 'zookeeper',
    hostname: z.hostname,
    container: z.containerName,
  }));
  const kafka: RollNode[] = cluster.nodes.map((n) => ({
    id: n.id,
    role: n.roles.includes('broker') ? (n.roles.includes('controller') ? 'combined' : 'broker') : 'controller',
    hostname: n.hostname,
    container: n.containerName,
  }));
  return [...zk, ...kafka];
}

/** Ascending by id, then the leader (if in the group) moved to the end. */
function leaderLast(group: RollNode[], leader: number | string | undefined): RollNode[] {
  const sorted = [...group].sort((a, b) => String(a.id).localeCompare(String(b.id), 'en', { numeric: true }));
  return [...sorted.filter((n) => n.id !== leader), ...sorted.filter((n) => n.id === leader)];
}

/**
 * The order of a roll. ZooKeeper mode: the ZooKeeper followers, the ZooKeeper leader, then the
 * brokers with the active controller last. KRaft: the controllers with the quorum leader last,
 * then the brokers; in combined mode every node is both, and the active controller goes last.
 * Each leader moves once, at the end of its group, instead of once per restart.
 */
export function rollOrder(cluster: ResolvedCluster, leaders: Leadership): RollNode[] {
  const all = rollNodes(cluster);
  const of = (role: RollRole): RollNode[] => all.filter((n) => n.role === role);
  if (cluster.mode === 'zookeeper') {
    return [...leaderLast(of('zookeeper'), leaders.zookeeperLeader), ...leaderLast(of('broker'), leaders.activeController)];
  }
  return [
    ...leaderLast(of('controller'), leaders.quorumLeader),
    ...leaderLast([...of('combined'), ...of('broker')], leaders.quorumLeader),
  ];
}

/** `--nodes 1,2,zookeeper-1` → ['1', '2', 'zookeeper-1']. */
export function parseNodeList(text: string): string[] {
  return text
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
}

/** Does `token` (an id, a hostname or a container name) name this node? */
export function matches(node: RollNode, token: string): boolean {
  return String(node.id) === token || node.hostname === token || node.container === token;
}

export interface Selection {
  /** `--nodes`: restart only these. */
  readonly nodes?: readonly string[];
  /** `--from`: start at this node of the (restricted) order. */
  readonly from?: string;
}

/** Restrict an order to `--nodes` (keeping the order), then resume it at `--from`. */
export function selectNodes(order: readonly RollNode[], sel: Selection): RollNode[] {
  const known = order.map((n) => String(n.id)).join(', ');
  let picked = [...order];
  if (sel.nodes) {
    if (sel.nodes.length === 0) throw new NodeSelectionError(`'--nodes' is empty: name one or more of ${known}, comma-separated`);
    for (const t of sel.nodes) {
      if (!order.some((n) => matches(n, t))) {
        throw new NodeSelectionError(`'--nodes' names '${t}', which is no node of this cluster: use ids among ${known}`);
      }
    }
    picked = order.filter((n) => sel.nodes!.some((t) => matches(n, t)));
  }
  if (sel.from !== undefined) {
    const at = picked.findIndex((n) => matches(n, sel.from!));
    if (at < 0) {
      const where = sel.nodes ? `the nodes picked by '--nodes' (${picked.map((n) => n.id).join(', ')})` : `this cluster (${known})`;
      throw new NodeSelectionError(`'--from' names '${sel.from}', which is not among ${where}`);
    }
    picked = picked.slice(at);
  }
  return picked;
}
