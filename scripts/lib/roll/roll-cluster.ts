/**
 * The roll: restart a cluster's nodes one at a time without losing an acknowledged record.
 * 1. Preflight (preflight.ts): the cluster must be healthy (a short wait for one that heals by
 *    itself; --force rolls it anyway); the order puts each leader last in its group (ZooKeeper or
 *    controllers first, then brokers, the active controller last), restricted by --nodes and
 *    resumed at --from.
 * 2. Dry run: report the order and the checks made around each node; touch nothing.
 * 3. From here on an interrupt (Ctrl-C) puts the node in flight back and ends the roll with a
 *    report naming the `--from` that resumes it (interrupts.ts).
 * 4. With --validate: start Kafka's verifiable producer and consumer (roll-validation.ts).
 * 5. Each node in order (restart-node.ts): wait until stopping it is safe, controlled shutdown,
 *    start, wait until it is back, preferred leader election. At the first node that is refused or
 *    does not come back, stop: the rest stays untouched and the report says how to resume.
 * 6. With --validate: stop the clients and count acked, consumed and lost records; each node's
 *    longest stall is the longest gap between acknowledgements while it was away.
 * 7. The report (report.ts).
 *
 * Other operations (config changes, certificate rotation) wrap this: change what the nodes read,
 * then roll them. Everything the roll does to the world comes in as RollDeps (roll-deps.ts).
 */
import { RollInterrupted } from '../../../stacks/model/errors.ts';
import type { ResolvedCluster } from '../../../stacks/model/spec.ts';
import type { ConnectionDescriptor } from '../cluster/index.ts';
import { checksFor } from './checks.ts';
import { RollInterrupts } from './interrupts.ts';
import type { RollClusterOptions } from './options.ts';
import type { RollNode } from './order.ts';
import { preflight } from './preflight.ts';
import type { NodeReport, RollReport } from './report.ts';
import { restartNode } from './restart-node.ts';
import { interruptedReport, stoppedAt } from './resume.ts';
import { nodeBase, pendingNode, reportOf, type RollContext } from './roll-context.ts';
import { systemClock } from '../core/index.ts';
import { openRollDeps, type RollDeps } from './roll-deps.ts';
import { startRollValidation, stopRollValidation, validatedFields, validationOk } from './roll-validation.ts';
import type { Validation, ValidationResult } from './validation.ts';

/** What the roll has done so far: what an interrupt or an error must account for. */
interface RollProgress {
  readonly results: NodeReport[];
  readonly windows: Map<RollNode['id'], { from: number; to: number }>;
  validation: Validation | undefined;
}

/**
 * Roll a cluster (the steps above) with the real dependencies: one admin session for the whole
 * roll (metadata and quorum reads, elections: requests instead of JVM starts), Docker, SIGINT.
 * Never throws for a cluster problem: the report says what went wrong. Throws UsageError for
 * `--nodes` / `--from` values that name no node.
 */
export async function rollCluster(cluster: ResolvedCluster, d: ConnectionDescriptor, o: RollClusterOptions): Promise<RollReport> {
  const started = systemClock.now();
  const opened = await openRollDeps(cluster, d, o);
  try {
    return await runRoll(cluster, o, opened.deps, { started, warnings: opened.warnings });
  } finally {
    await opened.close();
  }
}

/** Steps 4 to 7, each node's restart checked for an interrupt in between. */
async function rollNodes(ctx: RollContext, order: readonly RollNode[], done: RollProgress, interrupts: RollInterrupts): Promise<RollReport> {
  const { o } = ctx;
  if (o.validate) {
    const started = await startRollValidation(ctx, order);
    if ('refused' in started) return started.refused;
    done.validation = started.validation;
  }
  interrupts.guard();
  let failure: RollReport['refusal'] | undefined;
  for (const [i, node] of order.entries()) {
    interrupts.guard();
    const outcome = await restartNode(ctx, node, interrupts);
    if (outcome.window) done.windows.set(node.id, outcome.window);
    done.results.push(outcome.report);
    if (outcome.report.outcome !== 'restarted') {
      const rest = order.slice(i + 1);
      failure = stoppedAt(o, node, rest, outcome);
      done.results.push(...rest.map(pendingNode));
      break;
    }
  }
  interrupts.guard();
  let v: ValidationResult | undefined;
  if (done.validation) {
    v = await stopRollValidation(ctx, done.validation);
    done.validation = undefined;
  }
  return reportOf(ctx, {
    ok: !failure && validationOk(v),
    order: order.map((n) => n.id),
    ...validatedFields(ctx, done.results, done.windows, v),
    ...(failure ? { refusal: failure } : {}),
  });
}

/**
 * The roll over `deps` (the steps above): what `rollCluster` runs, and what the unit tests drive
 * with fakes. `start` is when the roll began and the warnings so far (from opening its
 * dependencies); without it, now on `deps.clock` and no warnings.
 */
export async function runRoll(
  cluster: ResolvedCluster,
  o: RollClusterOptions,
  deps: RollDeps,
  start: { readonly started: number; readonly warnings: string[] } = { started: deps.clock.now(), warnings: [] },
): Promise<RollReport> {
  const ctx: RollContext = { cluster, o, deps, started: start.started, warnings: start.warnings };

  // 1. Preflight: health, order, selection.
  const plan = await preflight(ctx);
  if ('refused' in plan) return plan.refused;
  const { order } = plan;

  // 2. Dry run: the plan and its checks.
  if (o.dryRun) {
    return reportOf(ctx, {
      ok: true,
      order: order.map((n) => n.id),
      nodes: order.map((n) => ({ ...nodeBase(n), outcome: 'planned', restartMs: null, checks: checksFor(cluster, n, o) })),
    });
  }

  // 3. From here, an interrupt puts the node in flight back and ends the roll.
  const done: RollProgress = { results: [], windows: new Map(), validation: undefined };
  const interrupts: RollInterrupts = new RollInterrupts(deps, o.stopGraceSeconds, async (what): Promise<RollReport> => {
    if (done.validation) await deps.validation.discard(done.validation).catch(() => undefined);
    return interruptedReport(ctx, order, done.results, what, interrupts.nodeInFlight);
  });
  try {
    // 4. to 7.; whichever ends first: the roll, or an interrupt's report.
    return await Promise.race([
      rollNodes(ctx, order, done, interrupts).catch(async (error: unknown) => {
        if (error instanceof RollInterrupted) return interrupts.report;
        // Never leave a node stopped on an unexpected error.
        if (!interrupts.interrupted) await interrupts.restore().catch(() => undefined);
        if (done.validation) await deps.validation.discard(done.validation).catch(() => undefined);
        throw error;
      }),
      interrupts.report,
    ]);
  } finally {
    interrupts.dispose();
  }
}
