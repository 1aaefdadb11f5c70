import type { Progress } from '../core/index.ts';
import { nodeLabel, type RollNode } from './order.ts';
import type { StateParts } from './read-state.ts';
import { backProblems } from './readiness.ts';
import type { NodeReport } from './report.ts';
import { verifyCmd } from './resume.ts';
import { nodeBase, type RollContext } from './roll-context.ts';
import { stopProblems } from './stop-safety.ts';

/** The parts of the state that the checks of a node of this role read. */
export const partsFor = (node: RollNode): StateParts => ({
  kafka: node.role === 'broker' || node.role === 'combined',
  quorum: node.role === 'controller' || node.role === 'combined',
  zookeeper: node.role === 'zookeeper',
});

/**
 * The checks of a node, cheapest first: a combined node is looked at as a broker (kafkajs, no JVM)
 * and only then as a controller (a JVM tool in a container), so polling costs little while the
 * broker part is not ready, and the starting node does not compete with a JVM per poll.
 */
export const stagesOf = (node: RollNode): RollNode[] =>
  node.role === 'combined' ? [{ ...node, role: 'broker' }, { ...node, role: 'controller' }] : [node];

/** A node that was not stopped, and what to do about it. */
export interface Refusal {
  readonly report: NodeReport;
  readonly hint: string;
}

/**
 * Wait until stopping `node` is safe (its deadline: `--timeout-seconds`). A problem that waiting
 * cannot clear refuses at once, unless --force: then it is accepted with a warning, once per
 * reason. Returns the refusal, or undefined once the node may stop.
 */
export async function waitSafeToStop(ctx: RollContext, node: RollNode, p: Progress): Promise<Refusal | undefined> {
  const { cluster, o, deps } = ctx;
  const forcedOnce = new Set<string>();
  p.update('waiting until it is safe to stop');
  try {
    const verdict = await deps.waitFor(
      async () => {
        for (const stage of stagesOf(node)) {
          const s = await deps.readState(partsFor(stage));
          const ps = stopProblems(stage, s, cluster.replication.minInsyncReplicas);
          const permanent = ps.filter((x) => x.permanent);
          if (permanent.length > 0 && !o.force) return { refuse: permanent.map((x) => x.reason).join('; ') };
          for (const x of permanent) {
            if (!forcedOnce.has(x.reason)) {
              forcedOnce.add(x.reason);
              ctx.warnings.push(`${nodeLabel(node)}: ${x.reason} (accepted: --force)`);
            }
          }
          const transient = ps.filter((x) => !x.permanent);
          if (transient.length > 0) throw new Error(transient.map((x) => x.reason).join('; '));
        }
        return { refuse: undefined };
      },
      { what: `${nodeLabel(node)} to be safe to stop`, timeoutMs: o.timeoutMs, intervalMs: deps.pollMs, progress: p },
    );
    if (!verdict.refuse) return undefined;
    p.fail('refused');
    return { report: { ...nodeBase(node), outcome: 'refused', restartMs: null, detail: verdict.refuse }, hint: 'fix the partitions named above (or pass --force to accept it)' };
  } catch (error) {
    p.fail('never safe');
    return { report: { ...nodeBase(node), outcome: 'refused', restartMs: null, detail: (error as Error).message }, hint: `wait until the cluster is healthy (${verifyCmd(o)})` };
  }
}

/** Wait until `node`, started at `startAt`, is back (its deadline: `--timeout-seconds`); throws the wait's last reason. */
export async function waitBack(ctx: RollContext, node: RollNode, startAt: number, p: Progress): Promise<void> {
  const { o, deps } = ctx;
  p.update('waiting until it is back');
  await deps.waitFor(
    async () => {
      for (const stage of stagesOf(node)) {
        const s = await deps.readState(partsFor(stage), node.container);
        const ps = backProblems(stage, s, startAt);
        if (ps.length > 0) throw new Error(ps.join('; '));
      }
      return true;
    },
    { what: `${nodeLabel(node)} to be back`, timeoutMs: o.timeoutMs, intervalMs: deps.pollMs, progress: p },
  );
}
