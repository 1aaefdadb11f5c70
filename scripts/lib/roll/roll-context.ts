import type { ResolvedCluster } from '../../../stacks/model/spec.ts';
import type { RollClusterOptions } from './options.ts';
import type { RollNode } from './order.ts';
import type { NodeReport, RollReport } from './report.ts';
import type { RollDeps } from './roll-deps.ts';

/** What every step of one roll shares. */
export interface RollContext {
  readonly cluster: ResolvedCluster;
  readonly o: RollClusterOptions;
  readonly deps: RollDeps;
  /** When the roll began (the clock's time), for `totalMs`. */
  readonly started: number;
  /** Collected through the roll in the order they arise; every report carries them. */
  readonly warnings: string[];
}

/** A report of this roll: the fields every report has, then `fields`. */
export function reportOf(ctx: RollContext, { ok, ...fields }: Partial<RollReport> & Pick<RollReport, 'ok' | 'order' | 'nodes'>): RollReport {
  const { cluster, o } = ctx;
  return {
    ok,
    cluster: cluster.name,
    mode: cluster.mode,
    kafkaVersion: cluster.kafkaVersion,
    dryRun: o.dryRun,
    totalMs: ctx.deps.clock.now() - ctx.started,
    acked: null,
    consumed: null,
    lost: null,
    maxStallMs: null,
    warnings: ctx.warnings,
    ...fields,
  };
}

/** The fields that name a node in its report. */
export const nodeBase = (n: RollNode): Pick<NodeReport, 'id' | 'role' | 'hostname' | 'container'> => ({
  id: n.id,
  role: n.role,
  hostname: n.hostname,
  container: n.container,
});

/** A node the roll has not touched. */
export const pendingNode = (n: RollNode): NodeReport => ({ ...nodeBase(n), outcome: 'pending', restartMs: null });

/** Add a warning once. */
export function warnOnce(ctx: RollContext, warning: string): void {
  if (!ctx.warnings.includes(warning)) ctx.warnings.push(warning);
}
