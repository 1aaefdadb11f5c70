import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clusterFromFlag } from '../../scripts/lib/lifecycle/index.ts';
import { labHostDrills, proveDrill } from './drills-suite.ts';

/**
 * The drills that need lab hosts (needs.labHosts: lose-a-host), proven on the hosts e2e's cluster the
 * way drills-suite.ts proves the others. Returns each drill's seconds.
 */
export async function proveLabHostDrills(spec: string): Promise<Record<string, number>> {
  // The learner's practice log and files stay out of the way of a real user's.
  process.env.KAFKALAB_PRACTICE_DIR ??= mkdtempSync(join(tmpdir(), 'kafkalab-host-drills-'));
  const cluster = clusterFromFlag(spec).cluster;
  const seconds: Record<string, number> = {};
  for (const id of labHostDrills()) {
    const t0 = Date.now();
    try {
      await proveDrill(id, spec, cluster);
    } finally {
      seconds[id] = Math.round((Date.now() - t0) / 1000);
    }
  }
  return seconds;
}
