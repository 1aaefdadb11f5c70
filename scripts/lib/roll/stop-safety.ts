import { isCaughtUp, type PartitionState, type QuorumView, type ZooKeeperMode } from '../kafka/index.ts';
import { majority, partitionName, someOf, type ClusterState } from './cluster-state.ts';
import type { RollNode } from './order.ts';

/**
 * Why a node cannot be stopped now. `permanent` problems cannot clear by waiting (a partition
 * whose replication factor is not above its min.insync.replicas); the others can (a replica
 * catching up, a voter lagging).
 */
export interface StopProblem {
  readonly reason: string;
  readonly permanent: boolean;
}

/**
 * A broker may stop when no partition it is in sync for would drop below its min.insync.replicas:
 * unsafe where the ISR holds the broker and has no more members than min.insync.replicas.
 */
export function brokerStopProblems(
  brokerId: number,
  partitions: readonly PartitionState[],
  minIsrOf: (topic: string) => number,
): StopProblem[] {
  const blocked = partitions.filter((p) => p.isr.includes(brokerId) && p.isr.length <= minIsrOf(p.topic));
  const permanent = blocked.filter((p) => p.replicas.length <= minIsrOf(p.topic));
  const waiting = blocked.filter((p) => p.replicas.length > minIsrOf(p.topic));
  const problems: StopProblem[] = [];
  if (waiting.length > 0) {
    const shown = waiting.map((p) => `${partitionName(p)} (ISR [${p.isr.join(',')}], min.insync.replicas ${minIsrOf(p.topic)})`);
    problems.push({
      permanent: false,
      reason: `stopping broker ${brokerId} would drop ${waiting.length} partition(s) below min.insync.replicas: ${someOf(shown)}; their other replicas must be back in sync first`,
    });
  }
  if (permanent.length > 0) {
    const shown = permanent.map((p) => `${partitionName(p)} (replication factor ${p.replicas.length}, min.insync.replicas ${minIsrOf(p.topic)})`);
    problems.push({
      permanent: true,
      reason: `${permanent.length} partition(s) on broker ${brokerId} have no more replicas than min.insync.replicas, so acks=all writes to them fail while it restarts: ${someOf(shown)}; raise their replication factor, or pass --force to accept it`,
    });
  }
  return problems;
}

/**
 * A controller may stop when, without it, a majority of the voters remains and is caught up with
 * the leader (lag 0), so the quorum keeps committing while it restarts.
 */
export function controllerStopProblems(nodeId: number, quorum: QuorumView): StopProblem[] {
  const { voters, leaderId, replication } = quorum;
  if (voters.length === 1) {
    return [{ permanent: true, reason: `the metadata quorum has one voter (${nodeId}): it has no leader while it restarts` }];
  }
  if (leaderId < 0) return [{ permanent: false, reason: 'the metadata quorum has no leader' }];
  const rows = new Map(replication.map((r) => [r.nodeId, r]));
  const others = voters.filter((v) => v !== nodeId);
  const caughtUp = others.filter((v) => isCaughtUp(rows.get(v), replication));
  const need = majority(voters.length);
  if (caughtUp.length >= need) return [];
  const lagging = others.filter((v) => !caughtUp.includes(v)).map((v) => `${v} (${rows.has(v) ? `lag ${rows.get(v)!.lag}` : 'not reporting'})`);
  return [
    {
      permanent: false,
      reason: `without controller ${nodeId}, ${caughtUp.length} of the ${voters.length} voters are caught up with the leader (${leaderId}); a majority needs ${need}: lagging ${lagging.join(', ')}`,
    },
  ];
}

/** A ZooKeeper server may stop when the others still make a quorum of the ensemble. */
export function zookeeperStopProblems(
  hostname: string,
  modes: readonly { readonly hostname: string; readonly mode: ZooKeeperMode }[],
): StopProblem[] {
  if (modes.length === 1) {
    return [{ permanent: true, reason: `the ZooKeeper ensemble is one server (${hostname}): brokers lose ZooKeeper while it restarts` }];
  }
  const others = modes.filter((m) => m.hostname !== hostname);
  const serving = others.filter((m) => m.mode === 'leader' || m.mode === 'follower');
  const need = majority(modes.length);
  if (serving.length >= need) return [];
  return [
    {
      permanent: false,
      reason: `without ${hostname}, ${serving.length} of the ${modes.length} ZooKeeper servers serve (${others.map((m) => `${m.hostname}:${m.mode}`).join(', ')}); a quorum needs ${need}`,
    },
  ];
}

/**
 * Everything that makes stopping `node` unsafe in `state`. Parts of the state a check needs but
 * could not read count as problems that may clear.
 */
export function stopProblems(node: RollNode, state: ClusterState, defaultMinIsr: number): StopProblem[] {
  const problems: StopProblem[] = [];
  const missing = (what: string): StopProblem => ({
    permanent: false,
    reason: `${what} could not be read${state.errors.length > 0 ? `: ${state.errors[0]}` : ''}`,
  });
  if (node.role === 'zookeeper') {
    if (!state.zookeeper) return [missing('the ZooKeeper ensemble state')];
    return zookeeperStopProblems(node.hostname, state.zookeeper);
  }
  if (node.role === 'controller' || node.role === 'combined') {
    if (!state.quorum) problems.push(missing('the metadata quorum'));
    else problems.push(...controllerStopProblems(node.id as number, state.quorum));
  }
  if (node.role === 'broker' || node.role === 'combined') {
    if (!state.partitions) problems.push(missing('the partitions'));
    else {
      const minIsrOf = (t: string): number => state.minIsr?.[t] ?? defaultMinIsr;
      problems.push(...brokerStopProblems(node.id as number, state.partitions, minIsrOf));
    }
  }
  return problems;
}
