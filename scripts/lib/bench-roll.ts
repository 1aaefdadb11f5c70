/**
 * The roll benchmark: a validated roll of the default cluster shape, against a floor measured in
 * the same run on the same cluster (each node restarted alone, one roll of one node at a time,
 * without validation: the sum of those restart times is what restarting every node costs with
 * nothing around it). Targets from the rolling-operations issue: 0 lost, total at most 1.5× the
 * floor, longest produce stall at most 5 s.
 */
import type { ResolvedCluster } from '../../stacks/model/spec.ts';
import type { ConnectionDescriptor } from './descriptor.ts';
import { rollOptionsFrom } from './roll/options.ts';
import { rollCluster } from './roll/roll-cluster.ts';
import type { RollReport } from './roll/report.ts';

export const ROLL_TARGETS = { lost: 0, totalOverFloor: 1.5, maxStallMs: 5000 } as const;

export interface RollBenchResult {
  readonly benchmark: 'validated-roll';
  readonly cluster: { readonly name: string; readonly mode: string; readonly nodes: number; readonly kafkaVersion: string; readonly security: string };
  /** The validated roll, start to end (validation setup and teardown included). */
  readonly totalMs: number;
  /** Sum of the single-node restart times (stop to back) of the floor runs. */
  readonly floorMs: number;
  readonly totalOverFloor: number;
  /** Per node: restart-to-ready in the validated roll, and alone (the floor). */
  readonly nodes: readonly { readonly id: number | string; readonly restartMs: number | null; readonly aloneRestartMs: number | null }[];
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
    nodes: roll.nodes.map((n) => ({ id: n.id, restartMs: n.restartMs, aloneRestartMs: aloneById.get(String(n.id)) ?? null })),
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

/** Measure on a running cluster: each node alone (the floor), then a validated roll of all. */
export async function measureRoll(cluster: ResolvedCluster, d: ConnectionDescriptor, say: (text: string) => void): Promise<RollBenchResult> {
  const alone: RollReport[] = [];
  for (const node of cluster.nodes) {
    say(`floor: restarting node ${node.id} alone`);
    alone.push(await rollCluster(cluster, d, { ...rollOptionsFrom({ nodes: String(node.id) }), progress: false }));
  }
  say('validated roll of every node');
  const roll = await rollCluster(cluster, d, { ...rollOptionsFrom({ validate: true }), progress: false });
  return summarizeRollBench(cluster, alone, roll);
}
