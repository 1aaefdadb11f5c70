import { brokersOf, controllersOf, type ResolvedCluster } from '../../../stacks/model/spec.ts';
import type { RollNode } from './order.ts';

/** Why a node cannot be kept available while it restarts (it is alone in its role), or undefined. */
export function aloneWarning(cluster: ResolvedCluster, node: RollNode): string | undefined {
  const oneBroker = brokersOf(cluster).length === 1;
  const oneController = cluster.mode !== 'zookeeper' && controllersOf(cluster).length === 1;
  if (node.role === 'zookeeper') {
    return (cluster.zookeeper?.servers.length ?? 0) === 1
      ? `${node.hostname} is the only ZooKeeper server: brokers lose ZooKeeper (no leader elections, no topic changes) while it restarts`
      : undefined;
  }
  if (node.role === 'combined' && oneBroker) return `node ${node.id} is the whole cluster: the cluster is unavailable while it restarts`;
  if ((node.role === 'broker' || node.role === 'combined') && oneBroker) {
    return `broker ${node.id} is the only broker: clients can neither produce nor consume while it restarts`;
  }
  if ((node.role === 'controller' || node.role === 'combined') && oneController) {
    return `controller ${node.id} is the only controller: no metadata changes (topics, leader elections, broker registrations) while it restarts`;
  }
  return undefined;
}

export interface CheckPlan {
  readonly before: string[];
  readonly restart: string[];
  readonly after: string[];
}

/** The checks and actions around one node's restart, in words: what --dry-run prints. */
export function checksFor(cluster: ResolvedCluster, node: RollNode, opts: { electLeaders: boolean; stopGraceSeconds: number; timeoutMs: number }): CheckPlan {
  const before: string[] = [];
  const after: string[] = [];
  const within = `(up to ${Math.round(opts.timeoutMs / 1000)}s)`;
  const alone = aloneWarning(cluster, node);
  const isBroker = node.role === 'broker' || node.role === 'combined';
  const isController = node.role === 'controller' || node.role === 'combined';
  if (alone) before.push(`no safety wait: ${alone}`);
  if (node.role === 'zookeeper') {
    if (!alone) before.push(`wait until the other ZooKeeper servers keep a quorum without ${node.hostname} (srvr) ${within}`);
    after.push(`${node.hostname} answers srvr as leader or follower, the ensemble has one leader ${within}`);
  }
  if (isController && !alone) {
    before.push(`wait until a majority of the voters other than ${node.id} is caught up with the quorum leader (kafka-metadata-quorum describe --replication) ${within}`);
  }
  if (isBroker && brokersOf(cluster).length > 1) {
    before.push(`wait until no partition whose ISR holds broker ${node.id} has an ISR of min.insync.replicas or fewer (metadata + topic configs) ${within}`);
  }
  if (isController) after.push(`controller ${node.id} is a voter again and every voter is caught up (lag 0) ${within}`);
  if (isBroker) {
    after.push(`broker ${node.id} is registered and unfenced, back in the ISR of all its partitions, 0 under-replicated partitions ${within}`);
    if (opts.electLeaders && brokersOf(cluster).length > 1) after.push('preferred leader election on all partitions (kafka-leader-election --election-type PREFERRED)');
  }
  return {
    before,
    restart: [`docker stop -t ${opts.stopGraceSeconds} ${node.container} (SIGTERM: controlled shutdown)`, `docker start ${node.container} (same container and volume)`],
    after,
  };
}
