import { describe, expect, it } from 'vitest';
import { resolveCluster } from '../../../../stacks/model/resolve.ts';
import { ROLL_TARGETS, summarizeRollBench } from '../../../../scripts/lib/bench/roll-bench.ts';
import type { NodeReport, RollReport } from '../../../../scripts/lib/roll/report.ts';

const cluster = resolveCluster({ name: 'bench-roll', basePort: 39792 });

const node = (id: number, restartMs: number | null): NodeReport => ({ id, role: 'combined', hostname: `kafka-${id}`, container: `kafkalab-bench-roll-kafka-${id}`, outcome: 'restarted', restartMs });

function report(over: Partial<RollReport>): RollReport {
  return {
    ok: true,
    cluster: 'bench-roll',
    mode: 'kraft-combined',
    kafkaVersion: '4.4.0',
    dryRun: false,
    order: [],
    nodes: [],
    totalMs: 0,
    acked: null,
    consumed: null,
    lost: null,
    maxStallMs: null,
    warnings: [],
    ...over,
  };
}

const alone = [1, 2, 3].map((id) => report({ order: [id], nodes: [node(id, 20_000 + id * 1000)], totalMs: 25_000 }));

describe('summarizeRollBench', () => {
  it('sums the single-node restarts into the floor and checks the three targets', () => {
    const roll = report({ order: [2, 3, 1], nodes: [node(2, 23_000), node(3, 24_000), node(1, 22_000)], totalMs: 90_000, acked: 9000, consumed: 9000, lost: 0, maxStallMs: 1200 });
    const r = summarizeRollBench(cluster, alone, roll);
    expect(r.floorMs).toBe(21_000 + 22_000 + 23_000);
    expect(r.totalOverFloor).toBe(1.364);
    expect(r.nodes).toEqual([
      { id: 2, restartMs: 23_000, aloneRestartMs: 22_000 },
      { id: 3, restartMs: 24_000, aloneRestartMs: 23_000 },
      { id: 1, restartMs: 22_000, aloneRestartMs: 21_000 },
    ]);
    expect(r.breakdown).toEqual({ restartsMs: 69_000, restartsOverFloor: 1.045, aroundRestartsMs: 21_000, safeWaitMs: 0, electionMs: 0 });
    expect(r.targets).toEqual(ROLL_TARGETS);
    expect(r.targetsMet).toEqual({ lost: true, totalOverFloor: true, maxStallMs: true });
    expect(r.ok).toBe(true);
    expect(r.cluster).toEqual({ name: 'bench-roll', mode: 'kraft-combined', nodes: 3, kafkaVersion: '4.4.0', security: 'sasl_ssl' });
  });

  it('splits the total into the restarts and what surrounds them, per node too', () => {
    const phased = (id: number): NodeReport => ({ ...node(id, 30_000), safeWaitMs: 4000, stopMs: 3000, backMs: 27_000, electionMs: 2500 });
    const r = summarizeRollBench(cluster, alone, report({ nodes: [phased(2), phased(3), phased(1)], totalMs: 120_000, lost: 0, maxStallMs: 500 }));
    expect(r.breakdown).toEqual({ restartsMs: 90_000, restartsOverFloor: 1.364, aroundRestartsMs: 30_000, safeWaitMs: 12_000, electionMs: 7500 });
    expect(r.nodes[0]).toEqual({ id: 2, restartMs: 30_000, aloneRestartMs: 22_000, safeWaitMs: 4000, stopMs: 3000, backMs: 27_000, electionMs: 2500 });
  });

  it('reports missed targets without failing the run, and a loss or a failed roll as not ok', () => {
    const slow = summarizeRollBench(cluster, alone, report({ nodes: [node(1, 1)], totalMs: 200_000, lost: 0, maxStallMs: 8000 }));
    expect(slow.targetsMet).toEqual({ lost: true, totalOverFloor: false, maxStallMs: false });
    expect(slow.ok).toBe(true);
    const lossy = summarizeRollBench(cluster, alone, report({ ok: false, totalMs: 60_000, lost: 3, maxStallMs: 100, refusal: { reason: 'lost 3 acknowledged records', hint: 'x' } }));
    expect(lossy.targetsMet.lost).toBe(false);
    expect(lossy.ok).toBe(false);
    expect(lossy.problems).toEqual(['the validated roll failed: lost 3 acknowledged records']);
  });
});
