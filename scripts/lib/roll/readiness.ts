import { isCaughtUp, type PartitionState, type QuorumView, type ReplicaState, type ZooKeeperMode } from '../kafka/index.ts';
import { offline, partitionName, someOf, underReplicated, type ClusterState } from './cluster-state.ts';
import type { RollNode } from './order.ts';

/** A restarted broker is back: in the metadata, in the ISR of all its partitions, nothing under-replicated. */
export function brokerBackProblems(brokerId: number, brokers: readonly number[], partitions: readonly PartitionState[]): string[] {
  const problems: string[] = [];
  if (!brokers.includes(brokerId)) {
    problems.push(`broker ${brokerId} is not registered and unfenced yet (metadata lists [${brokers.join(', ')}])`);
    return problems;
  }
  const behind = partitions.filter((p) => p.replicas.includes(brokerId) && !p.isr.includes(brokerId));
  if (behind.length > 0) problems.push(`broker ${brokerId} is not yet in the ISR of ${behind.length} partition(s): ${someOf(behind.map(partitionName))}`);
  const urp = underReplicated(partitions);
  if (urp.length > 0) problems.push(`${urp.length} partition(s) under-replicated: ${someOf(urp.map(partitionName))}`);
  const off = offline(partitions);
  if (off.length > 0) problems.push(`${off.length} partition(s) have no leader: ${someOf(off.map(partitionName))}`);
  return problems;
}

/** Voters not caught up with the leader, as `id (lag n)`. */
function laggingVoters(voters: readonly number[], replication: readonly ReplicaState[]): string[] {
  const rows = new Map(replication.map((r) => [r.nodeId, r]));
  return voters.filter((v) => !isCaughtUp(rows.get(v), replication)).map((v) => `${v} (${rows.has(v) ? `lag ${rows.get(v)!.lag}` : 'not reporting'})`);
}

/**
 * A restarted controller is back: a voter again, caught up with the leader since it was started
 * (`startedAtMs`: the leader keeps a stopped follower's last fetch and catch-up times, so for a few
 * seconds after the stop the old ones still look fresh), and every voter caught up with the leader.
 */
export function controllerBackProblems(nodeId: number, quorum: QuorumView, startedAtMs?: number): string[] {
  if (quorum.leaderId < 0) return ['the metadata quorum has no leader'];
  const mine = quorum.replication.find((r) => r.nodeId === nodeId);
  if (!mine || !(mine.status === 'Leader' || mine.status === 'Follower')) {
    return [`controller ${nodeId} is not back in the quorum as a voter (${mine ? mine.status : 'not listed'})`];
  }
  if (startedAtMs !== undefined && mine.status === 'Follower' && mine.lastCaughtUpTimestamp < startedAtMs) {
    const since = mine.lastCaughtUpTimestamp > 0 ? `${((startedAtMs - mine.lastCaughtUpTimestamp) / 1000).toFixed(1)}s before its start` : 'never';
    return [`controller ${nodeId} has not caught up with the leader (${quorum.leaderId}) since it was started (last caught up ${since})`];
  }
  const lagging = laggingVoters(quorum.voters, quorum.replication);
  return lagging.length > 0 ? [`voters not caught up with the leader (${quorum.leaderId}): ${lagging.join(', ')}`] : [];
}

/** A restarted ZooKeeper server is back: it leads or follows, and the ensemble has one leader. */
export function zookeeperBackProblems(
  hostname: string,
  modes: readonly { readonly hostname: string; readonly mode: ZooKeeperMode }[],
): string[] {
  const mine = modes.find((m) => m.hostname === hostname);
  const serving = modes.length === 1 ? ['standalone'] : ['leader', 'follower'];
  if (!mine || !serving.includes(mine.mode)) return [`${hostname} is ${mine?.mode ?? 'not answering'}, not ${serving.join(' or ')} yet`];
  const leaders = modes.filter((m) => m.mode === 'leader' || m.mode === 'standalone');
  if (leaders.length !== 1) return [`the ensemble has ${leaders.length} leaders (${modes.map((m) => `${m.hostname}:${m.mode}`).join(', ')})`];
  return [];
}

/** Everything that says `node` (started at `startedAtMs`, when known) is not back yet in `state`. */
export function backProblems(node: RollNode, state: ClusterState, startedAtMs?: number): string[] {
  const problems: string[] = [];
  if (state.running[node.container] === false) return [`container ${node.container} is not running`];
  const missing = (what: string): string => `${what} could not be read${state.errors.length > 0 ? `: ${state.errors[0]}` : ''}`;
  if (node.role === 'zookeeper') {
    return state.zookeeper ? zookeeperBackProblems(node.hostname, state.zookeeper) : [missing('the ZooKeeper ensemble state')];
  }
  if (node.role === 'controller' || node.role === 'combined') {
    if (!state.quorum) problems.push(missing('the metadata quorum'));
    else problems.push(...controllerBackProblems(node.id as number, state.quorum, startedAtMs));
  }
  if (node.role === 'broker' || node.role === 'combined') {
    if (!state.brokers || !state.partitions) problems.push(missing('the cluster metadata'));
    else problems.push(...brokerBackProblems(node.id as number, state.brokers, state.partitions));
  }
  return problems;
}

/** What a healthy cluster has; its absence refuses a roll (unless --force). */
export interface HealthExpectation {
  readonly containers: readonly string[];
  readonly brokers: readonly number[];
  /** KRaft: the voter ids. */
  readonly voters?: readonly number[];
  /** ZooKeeper mode: the server hostnames. */
  readonly zookeepers?: readonly string[];
}

/** Why a cluster is not healthy enough to roll: a node down, under-replicated partitions, a lagging quorum. */
export function healthProblems(want: HealthExpectation, state: ClusterState): string[] {
  const problems: string[] = [];
  const down = want.containers.filter((c) => state.running[c] !== true);
  if (down.length > 0) problems.push(`not running: ${down.join(', ')}`);
  if (!state.brokers) problems.push('the brokers could not be listed');
  else {
    const missing = want.brokers.filter((b) => !state.brokers!.includes(b));
    if (missing.length > 0) problems.push(`brokers not registered: ${missing.join(', ')}`);
  }
  if (!state.partitions) problems.push('the partitions could not be described');
  else {
    const urp = underReplicated(state.partitions);
    if (urp.length > 0) problems.push(`${urp.length} partition(s) under-replicated: ${someOf(urp.map((p) => `${partitionName(p)} (ISR [${p.isr.join(',')}] of [${p.replicas.join(',')}])`))}`);
    const off = offline(state.partitions);
    if (off.length > 0) problems.push(`${off.length} partition(s) have no leader: ${someOf(off.map(partitionName))}`);
  }
  if (want.voters) {
    if (!state.quorum) problems.push('the metadata quorum could not be described');
    else {
      if (state.quorum.leaderId < 0) problems.push('the metadata quorum has no leader');
      const lagging = laggingVoters(want.voters, state.quorum.replication);
      if (lagging.length > 0) problems.push(`voters not caught up: ${lagging.join(', ')}`);
    }
  }
  if (want.zookeepers) {
    if (!state.zookeeper) problems.push('the ZooKeeper ensemble could not be asked');
    else {
      const bad = state.zookeeper.filter((m) => !['leader', 'follower', 'standalone'].includes(m.mode));
      if (bad.length > 0) problems.push(`ZooKeeper servers not serving: ${bad.map((m) => `${m.hostname}:${m.mode}`).join(', ')}`);
    }
  }
  return problems;
}
