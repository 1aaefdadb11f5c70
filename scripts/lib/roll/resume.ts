import type { RollClusterOptions } from './options.ts';
import { nodeLabel, type RollNode } from './order.ts';
import type { NodeReport, RollReport } from './report.ts';
import { nodeBase, pendingNode, reportOf, type RollContext } from './roll-context.ts';

/** The command that repeats this roll with `extra` (e.g. `--from 3`): same cluster, same --nodes, same --validate. */
export const rollCmd = (o: RollClusterOptions, extra: string): string =>
  `npm run roll -- ${o.clusterArg ? `--cluster ${o.clusterArg} ` : ''}${o.nodes ? `--nodes ${o.nodes.join(',')} ` : ''}${extra}${o.validate ? ' --validate' : ''}`.replace(/\s+/g, ' ').trimEnd();

/** The command that shows what is wrong with the cluster. */
export const verifyCmd = (o: RollClusterOptions): string => `npm run verify -- ${o.clusterArg ? `--cluster ${o.clusterArg}` : ''}`.trimEnd();

/**
 * Why the roll stopped at `node` (refused or failed, per its report), what it left untouched, and
 * how to resume: at that node with `--from`, or (after a failure) exactly the nodes not yet rolled.
 */
export function stoppedAt(o: RollClusterOptions, node: RollNode, rest: readonly RollNode[], outcome: { readonly report: NodeReport; readonly hint?: string }): NonNullable<RollReport['refusal']> {
  const refused = outcome.report.outcome === 'refused';
  const remaining = [node, ...rest].map((n) => n.id).join(',');
  const what = refused
    ? 'was never safe to stop, so it was not stopped'
    : `${outcome.report.stopMs === undefined ? 'could not be stopped' : 'did not come back'} (it is started; see the line above for what was seen)`;
  return {
    node: node.id,
    reason: `roll stopped at ${nodeLabel(node)}: it ${what}${rest.length > 0 ? `; left untouched: ${rest.map((n) => n.id).join(', ')}` : ''}`,
    hint: refused
      ? `${outcome.hint ?? 'wait until the cluster is healthy again'}, then ${rollCmd(o, `--from ${node.id}`)}`
      : `look at docker logs ${node.container}; once it is back, resume with ${rollCmd(o, `--from ${node.id}`)} (or exactly the nodes not yet rolled: --nodes ${remaining})`,
  };
}

/**
 * The report of an interrupted roll: the nodes done, the node in flight (`at`) with what was done
 * about it (`what`), the rest untouched, and the command that resumes at `at` (or repeats the roll).
 */
export function interruptedReport(ctx: RollContext, order: readonly RollNode[], done: readonly NodeReport[], what: string, at: RollNode | undefined): RollReport {
  const doneIds = new Set(done.map((r) => r.id));
  return reportOf(ctx, {
    ok: false,
    order: order.map((n) => n.id),
    nodes: [
      ...done,
      ...order
        .filter((n) => !doneIds.has(n.id))
        .map((n): NodeReport => (n === at ? { ...nodeBase(n), outcome: 'interrupted', restartMs: null, detail: what } : pendingNode(n))),
    ],
    refusal: {
      ...(at ? { node: at.id } : {}),
      reason: `roll interrupted (SIGINT): ${what}`,
      hint: at ? `resume with ${rollCmd(ctx.o, `--from ${at.id}`)}` : `run ${rollCmd(ctx.o, '')} again`,
    },
  });
}
