import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { buildDescriptor } from '../../scripts/lib/cluster/descriptor.ts';
import { clusterFromFlag } from '../../scripts/lib/lifecycle/index.ts';
import { renderReport, verifyCluster } from '../../scripts/lib/verify/verify-cluster.ts';
import { drillHere, labHostDrills } from './drills-suite.ts';
import { show } from './helpers.ts';

interface Report {
  ok: boolean;
  drill: string;
  criteria: { name: string; ok: boolean; saw: string }[];
}

/**
 * The drills that need lab hosts (needs.labHosts: lose-a-host), proven on the hosts e2e's cluster the
 * way drills-suite.ts proves the others: start, check fails, solution, check passes, reset, verify.
 * Returns each drill's seconds.
 */
export async function proveLabHostDrills(spec: string): Promise<Record<string, number>> {
  // The learner's practice log and files stay out of the way of a real user's.
  process.env.KAFKALAB_PRACTICE_DIR ??= mkdtempSync(join(tmpdir(), 'kafkalab-host-drills-'));
  const cluster = clusterFromFlag(spec).cluster;
  const seconds: Record<string, number> = {};
  for (const id of labHostDrills()) {
    const t0 = Date.now();
    const c = { cluster: spec };
    let resetDone = false;
    try {
      const start = await drillHere('start', id, c);
      expect(start.code, show(start)).toBe(0);
      const before = await drillHere('check', id, { ...c, json: true });
      expect(before.code, show(before)).toBe(1);
      expect((JSON.parse(before.stdout) as Report).ok).toBe(false);
      const solution = await drillHere('solution', id, c);
      expect(solution.code, show(solution)).toBe(0);
      const after = await drillHere('check', id, { ...c, json: true });
      const passed = JSON.parse(after.stdout || '{}') as Report;
      expect(after.code, `${show(after)}\n${JSON.stringify(passed.criteria?.filter((x) => !x.ok), null, 2)}`).toBe(0);
      expect(passed.criteria.every((x) => x.ok)).toBe(true);
      const reset = await drillHere('reset', id, c);
      resetDone = true;
      expect(reset.code, show(reset)).toBe(0);
      const verified = await verifyCluster(cluster, buildDescriptor(cluster), { timeoutMs: 120_000 });
      expect(verified.ok, renderReport(verified)).toBe(true);
    } finally {
      // Restores every cut lab host link of the cluster and waits until it is whole.
      if (!resetDone) await drillHere('reset', id, c);
      seconds[id] = Math.round((Date.now() - t0) / 1000);
    }
  }
  return seconds;
}
