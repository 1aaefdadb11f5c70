/**
 * The roll benchmark: a validated roll of the default cluster shape, against a floor measured in
 * the same run on the same cluster right after it (each node restarted alone, one roll of one node
 * at a time, without validation: the sum of those restart times is what restarting every node
 * costs with nothing around it). Targets from the rolling-operations issue: 0 lost, total at most 1.5× the
 * floor, longest produce stall at most 5 s.
 */
import type { ResolvedCluster } from '../../../stacks/model/spec.ts';
import type { ConnectionDescriptor } from '../cluster/index.ts';
import { rollCluster, rollOptionsFrom, type RollReport, startValidation, stopValidation } from '../roll/index.ts';

export const ROLL_TARGETS = { lost: 0, totalOverFloor: 1.5, maxStallMs: 5000 } as const;

export interface RollBenchResult {
  readonly benchmark: 'validated-roll';
  readonly cluster: { readonly name: string; readonly mode: string; readonly nodes: number; readonly kafkaVersion: string; readonly security: string };
  /** The validated roll, start to end (validation setup and teardown included). */
  readonly totalMs: number;
  /** Sum of the single-node restart times (stop to back) of the floor runs. */
  readonly floorMs: number;
  readonly totalOverFloor: number;
  /**
   * Where the total went: the nodes' restarts in the validated roll (stop to back, the same span
   * as the floor's), and the rest (starting and draining the clients, safety waits, elections).
   */
  readonly breakdown: {
    /** Sum of the validated roll's restartMs: the same restarts as the floor, with traffic running. */
    readonly restartsMs: number;
    /** restartsMs / floorMs: how much slower the same restarts are with the clients and their traffic. */
    readonly restartsOverFloor: number;
    /** totalMs − restartsMs. */
    readonly aroundRestartsMs: number;
    readonly safeWaitMs: number;
    readonly electionMs: number;
  };
  /** Per node: restart-to-ready in the validated roll, and alone (the floor), with the roll's phases. */
  readonly nodes: readonly {
    readonly id: number | string;
    readonly restartMs: number | null;
    readonly aloneRestartMs: number | null;
    readonly safeWaitMs?: number;
    readonly stopMs?: number;
    readonly backMs?: number;
    readonly electionMs?: number;
  }[];
  readonly acked: number | null;
  readonly consumed: number | null;
  readonly lost: number | null;
  readonly maxStallMs: number | null;
  readonly targets: typeof ROLL_TARGETS;
  readonly targetsMet: { readonly lost: boolean; readonly totalOverFloor: boolean; readonly maxStallMs: boolean };
  readonly ok: boolean;
  readonly problems: readonly string[];
}

/** Put the floor runs and the validated roll together, with the targets checked. */
export function summarizeRollBench(cluster: ResolvedCluster, alone: readonly RollReport[], roll: RollReport): RollBenchResult {
  const aloneById = new Map(alone.flatMap((r) => r.nodes.map((n) => [String(n.id), n.restartMs] as const)));
  const floorMs = [...aloneById.values()].reduce<number>((s, v) => s + (v ?? 0), 0);
  const ratio = floorMs > 0 ? Number((roll.totalMs / floorMs).toFixed(3)) : Number.NaN;
  const sum = (f: (n: RollReport['nodes'][number]) => number | null | undefined): number => roll.nodes.reduce<number>((s, n) => s + (f(n) ?? 0), 0);
  const restartsMs = sum((n) => n.restartMs);
  const targetsMet = {
    lost: roll.lost === ROLL_TARGETS.lost,
    totalOverFloor: ratio <= ROLL_TARGETS.totalOverFloor,
    maxStallMs: roll.maxStallMs !== null && roll.maxStallMs <= ROLL_TARGETS.maxStallMs,
  };
  const problems = [
    ...alone.filter((r) => !r.ok).map((r) => `floor run of node ${r.order.join(',')} failed: ${r.refusal?.reason ?? 'see its report'}`),
    ...(roll.ok ? [] : [`the validated roll failed: ${roll.refusal?.reason ?? 'see its report'}`]),
  ];
  return {
    benchmark: 'validated-roll',
    cluster: { name: cluster.name, mode: cluster.mode, nodes: cluster.nodes.length, kafkaVersion: cluster.kafkaVersion, security: cluster.security.mode },
    totalMs: roll.totalMs,
    floorMs,
    totalOverFloor: ratio,
    breakdown: {
      restartsMs,
      restartsOverFloor: floorMs > 0 ? Number((restartsMs / floorMs).toFixed(3)) : Number.NaN,
      aroundRestartsMs: roll.totalMs - restartsMs,
      safeWaitMs: sum((n) => n.safeWaitMs),
      electionMs: sum((n) => n.electionMs),
    },
    nodes: roll.nodes.map((n) => ({
      id: n.id,
      restartMs: n.restartMs,
      aloneRestartMs: aloneById.get(String(n.id)) ?? null,
      ...(n.safeWaitMs !== undefined ? { safeWaitMs: n.safeWaitMs } : {}),
      ...(n.stopMs !== undefined ? { stopMs: n.stopMs } : {}),
      ...(n.backMs !== undefined ? { backMs: n.backMs } : {}),
      ...(n.electionMs !== undefined ? { electionMs: n.electionMs } : {}),
    })),
    acked: roll.acked,
    consumed: roll.consumed,
    lost: roll.lost,
    maxStallMs: roll.maxStallMs,
    targets: ROLL_TARGETS,
    targetsMet,
    ok: problems.length === 0 && roll.lost === 0,
    problems,
  };
}

/**
 * Measure on a running cluster: after a warm-up, a validated roll of every node, then each node
 * alone (the floor). Both restart the same partitions: the validation's consumer group creates
 * `__consumer_offsets` (50 partitions, three replicas each), which a freshly deployed cluster does
 * not have yet, and which every restart then has to load and bring back in sync (a floor measured
 * without it came out a third lower).
 */
export async function measureRoll(cluster: ResolvedCluster, d: ConnectionDescriptor, say: (text: string) => void): Promise<RollBenchResult> {
  // A cluster in use already has __consumer_offsets; a fresh one creates it (50 partitions) when
  // the validation's consumer first joins its group, which is not part of rolling. One short
  // validation run before the clock starts brings the fresh cluster to that state.
  say('warm-up: one validation run (creates __consumer_offsets, as on any cluster in use)');
  await stopValidation(await startValidation(cluster, d));
  say('validated roll of every node');
  const roll = await rollCluster(cluster, d, { ...rollOptionsFrom({ validate: true }), progress: false });
  const alone: RollReport[] = [];
  for (const node of cluster.nodes) {
    say(`floor: restarting node ${node.id} alone`);
    alone.push(await rollCluster(cluster, d, { ...rollOptionsFrom({ nodes: String(node.id) }), progress: false }));
  }
  return summarizeRollBench(cluster, alone, roll);
}
