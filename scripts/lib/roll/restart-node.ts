/**
 * One node's restart. Never throws for a cluster problem: the result says what happened.
 * 1. Unless the node is alone in its role: wait until stopping it is safe (else: refused, not stopped).
 * 2. Controlled shutdown: `docker stop -t <grace>` (else: failed, still running); warn when Docker
 *    had to kill it (exit 137).
 * 3. Start it: `docker start`, or the caller's `startNode` (a rolling deploy's replacement).
 * 4. Wait until it is back: registered, in sync, caught up (else: failed, with its stop-to-now window).
 * 5. A broker of a cluster with several: a preferred leader election, up to 3 tries 3 s apart.
 * Between steps, an interrupt (`interrupts.guard()`) ends the roll; `interrupts.track` says which
 * phase the node is in, so that the interrupt handling knows what to undo.
 */
import { brokersOf } from '../../../stacks/model/spec.ts';
import type { Progress } from '../core/index.ts';
import { aloneWarning } from './checks.ts';
import type { RollInterrupts } from './interrupts.ts';
import { waitBack, waitSafeToStop } from './node-waits.ts';
import { nodeLabel, type RollNode } from './order.ts';
import type { NodeReport } from './report.ts';
import { nodeBase, type RollContext } from './roll-context.ts';

/** What one restart did. */
export interface NodeRestart {
  readonly report: NodeReport;
  /** What to do about a refusal, for the roll's hint. */
  readonly hint?: string;
  /** From the stop until back (or given up on): where --validate looks for the stall this node caused. */
  readonly window?: { readonly from: number; readonly to: number };
}

/** Step 5: the preferred leader election, when the node is a broker of a cluster with several. */
async function electLeaders(ctx: RollContext, node: RollNode, p: Progress, interrupts: RollInterrupts): Promise<Pick<NodeReport, 'electionMs' | 'leadersElected'>> {
  const { cluster, o, deps } = ctx;
  const isBroker = node.role === 'broker' || node.role === 'combined';
  if (!o.electLeaders || !isBroker || brokersOf(cluster).length <= 1) return {};
  interrupts.track(node, 'electing');
  p.update('preferred leader election');
  const e0 = deps.clock.now();
  let failed: readonly string[] = [];
  let leadersElected = 0;
  for (let attempt = 0; attempt < 3; attempt++) {
    const r = await deps.electLeaders(node.container);
    leadersElected += r.elected.length;
    failed = r.failed;
    if (failed.length === 0) break;
    await deps.clock.sleep(3000);
  }
  const electionMs = deps.clock.now() - e0;
  if (failed.length > 0) ctx.warnings.push(`${nodeLabel(node)}: preferred leader election left ${failed.length} partition(s) on another leader, e.g. ${failed[0]}`);
  return { electionMs, leadersElected };
}

/** Restart `node`: safe → stop → start → back → elect. */
export async function restartNode(ctx: RollContext, node: RollNode, interrupts: RollInterrupts): Promise<NodeRestart> {
  const { cluster, o, deps } = ctx;
  const now = (): number => deps.clock.now();
  const p = deps.progress(nodeLabel(node));
  const t0 = now();
  interrupts.track(node, 'safe-wait');
  if (!aloneWarning(cluster, node)) {
    const refused = await waitSafeToStop(ctx, node, p);
    if (refused) {
      interrupts.track(undefined);
      return refused;
    }
  }
  const safeWaitMs = now() - t0;
  interrupts.guard();

  const stopAt = now();
  interrupts.track(node, 'stopping');
  p.update(`controlled shutdown (docker stop -t ${o.stopGraceSeconds})`);
  try {
    await deps.stopNode(node.container, o.stopGraceSeconds);
  } catch (error) {
    interrupts.guard();
    // Still running: nothing was lost, but the roll cannot go on with this node.
    p.fail('did not stop');
    interrupts.track(undefined);
    return { report: { ...nodeBase(node), outcome: 'failed', restartMs: null, detail: (error as Error).message } };
  }
  interrupts.guard();
  interrupts.track(node, 'stopped');
  const stopMs = now() - stopAt;
  const exit = await deps.lastExit(node.container);
  if (exit?.exitCode === 137) {
    ctx.warnings.push(`${nodeLabel(node)} did not finish its controlled shutdown within ${o.stopGraceSeconds}s and was killed (exit 137): raise --stop-timeout-seconds`);
  }
  interrupts.guard();

  interrupts.track(node, 'starting');
  p.update(o.startNode ? 'replacing the container' : 'docker start');
  const startAt = now();
  try {
    await (o.startNode ? o.startNode(node) : deps.startNode(node.container));
  } catch (error) {
    interrupts.guard();
    p.fail('did not start');
    interrupts.track(undefined);
    return { report: { ...nodeBase(node), outcome: 'failed', restartMs: null, stopMs, detail: `${(error as Error).message}; it is stopped: docker start ${node.container}` } };
  }

  interrupts.track(node, 'back-wait');
  try {
    await waitBack(ctx, node, startAt, p);
  } catch (error) {
    interrupts.guard();
    p.fail('not back');
    const window = { from: stopAt, to: now() };
    interrupts.track(undefined);
    return {
      report: { ...nodeBase(node), outcome: 'failed', restartMs: null, safeWaitMs, stopMs, ...(exit ? { exitCode: exit.exitCode } : {}), detail: `not back: ${(error as Error).message}` },
      window,
    };
  }
  const backAt = now();
  const window = { from: stopAt, to: backAt };
  interrupts.guard();

  const election = await electLeaders(ctx, node, p, interrupts);
  interrupts.track(undefined);
  const restartMs = backAt - stopAt;
  p.done(`back; away ${(restartMs / 1000).toFixed(1)}s`);
  return {
    report: {
      ...nodeBase(node),
      outcome: 'restarted',
      restartMs,
      safeWaitMs,
      stopMs,
      backMs: backAt - startAt,
      ...(election.electionMs !== undefined ? { electionMs: election.electionMs, leadersElected: election.leadersElected } : {}),
      ...(exit ? { exitCode: exit.exitCode } : {}),
    },
    window,
  };
}
