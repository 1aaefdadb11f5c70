/**
 * Before a roll touches anything:
 * 1. Read the whole cluster state. When it is unhealthy but every container runs (a quorum
 *    follower a few records behind, a just-created partition), wait up to 30 s for it to heal
 *    (not with --force or --dry-run).
 * 2. Compute the order from who leads (leaders last), restricted to --nodes and resumed at --from;
 *    a selection that names no node is a UsageError.
 * 3. An unhealthy cluster refuses the roll (a report), unless --force (a warning) or --dry-run (a
 *    warning saying a roll would refuse).
 * 4. Warn about nodes alone in their role (unavailable while they restart) and an unknown quorum
 *    leader (the active controller may not go last).
 */
import { NodeSelectionError, UsageError } from '../../../stacks/model/errors.ts';
import { brokersOf, controllersOf, type ResolvedCluster } from '../../../stacks/model/spec.ts';
import type { Progress } from '../core/index.ts';
import { aloneWarning } from './checks.ts';
import type { ClusterState } from './cluster-state.ts';
import { rollOrder, selectNodes, type Leadership, type RollNode } from './order.ts';
import type { StateParts } from './read-state.ts';
import { healthProblems, type HealthExpectation } from './readiness.ts';
import type { RollReport } from './report.ts';
import { verifyCmd } from './resume.ts';
import { pendingNode, reportOf, warnOnce, type RollContext } from './roll-context.ts';

/** What a healthy cluster of this shape has: every container running, every broker registered, a whole quorum or ensemble. */
export function healthExpectation(cluster: ResolvedCluster): HealthExpectation {
  return {
    containers: [...(cluster.zookeeper?.servers ?? []).map((z) => z.containerName), ...cluster.nodes.map((n) => n.containerName)],
    brokers: brokersOf(cluster).map((b) => b.id),
    ...(cluster.mode !== 'zookeeper' ? { voters: controllersOf(cluster).map((c) => c.id) } : {}),
    ...(cluster.zookeeper ? { zookeepers: cluster.zookeeper.servers.map((z) => z.hostname) } : {}),
  };
}

/** Who leads in `state`: the quorum leader, the ZooKeeper leader, the active controller (each when known). */
export function leadershipOf(state: ClusterState): Leadership {
  const leader = state.quorum?.leaderId;
  const zk = state.zookeeper?.find((m) => m.mode === 'leader')?.hostname;
  return {
    ...(leader !== undefined && leader >= 0 ? { quorumLeader: leader } : {}),
    ...(zk ? { zookeeperLeader: zk } : {}),
    ...(state.activeController !== undefined && state.activeController >= 0 ? { activeController: state.activeController } : {}),
  };
}

/** Step 1: the state and its health problems, after a short wait for a cluster that may heal by itself. */
async function healthCheck(ctx: RollContext, check: Progress): Promise<{ state: ClusterState; problems: string[] }> {
  const { cluster, o, deps } = ctx;
  const want = healthExpectation(cluster);
  const allParts: StateParts = { kafka: true, quorum: cluster.mode !== 'zookeeper', zookeeper: Boolean(cluster.zookeeper), controller: cluster.mode === 'zookeeper' };
  let state = await deps.readState(allParts);
  let problems = healthProblems(want, state);
  const nodeDown = want.containers.some((c) => state.running[c] !== true);
  if (problems.length > 0 && !nodeDown && !o.force && !o.dryRun) {
    try {
      state = await deps.waitFor(
        async () => {
          const s = await deps.readState(allParts);
          const p = healthProblems(want, s);
          if (p.length > 0) throw new Error(p.join('; '));
          return s;
        },
        { what: 'a healthy cluster', timeoutMs: Math.min(o.timeoutMs, 30_000), intervalMs: deps.pollMs, progress: check },
      );
      problems = [];
    } catch {
      state = await deps.readState(allParts);
      problems = healthProblems(want, state);
    }
  }
  return { state, problems };
}

/** Step 2: the order, or a UsageError for a --nodes / --from that names no node. */
function orderOf(ctx: RollContext, leaders: Leadership, check: Progress): RollNode[] {
  try {
    return selectNodes(rollOrder(ctx.cluster, leaders), ctx.o);
  } catch (error) {
    check.fail('bad node selection');
    if (error instanceof NodeSelectionError) throw new UsageError(error.message);
    throw error;
  }
}

/** The order of the roll, or the report of a refusal (an unhealthy cluster). Warnings go to `ctx.warnings`. */
export async function preflight(ctx: RollContext): Promise<{ readonly order: RollNode[] } | { readonly refused: RollReport }> {
  const { cluster, o, deps, warnings } = ctx;
  const check = deps.progress(`roll of '${cluster.name}': checking the cluster`);
  const { state, problems } = await healthCheck(ctx, check);
  const leaders = leadershipOf(state);
  const order = orderOf(ctx, leaders, check);
  const orderIds = order.map((n) => n.id);
  if (problems.length > 0) {
    const reason = `cluster '${cluster.name}' is not healthy: ${problems.join('; ')}`;
    if (o.dryRun) warnings.push(`${reason} (a roll would refuse without --force)`);
    else if (!o.force) {
      check.fail('not healthy');
      return {
        refused: reportOf(ctx, {
          ok: false,
          order: orderIds,
          nodes: order.map(pendingNode),
          refusal: { reason: `refusing to roll: ${reason}`, hint: `bring the cluster back (${verifyCmd(o)} shows what is wrong), or pass --force to roll it anyway` },
        }),
      };
    } else warnings.push(`${reason}; rolling anyway (--force)`);
  }
  check.done(`${problems.length === 0 ? 'healthy' : 'not healthy'}; order ${orderIds.join(', ')}`);
  for (const n of order) {
    const w = aloneWarning(cluster, n);
    if (w) warnOnce(ctx, w);
  }
  if (order.some((n) => n.role === 'combined' || n.role === 'broker') && leaders.quorumLeader === undefined && cluster.mode !== 'zookeeper') {
    warnings.push('the quorum leader is unknown: the active controller may not go last');
  }
  return { order };
}
