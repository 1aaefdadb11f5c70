import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * End-to-end files by what each costs (seconds on this project's 2-core machine, serial, from the
 * per-file table .ci/run prints), longest first. With two files at a time, starting the longest
 * first keeps either worker from being left with a long file at the end. A file missing here runs
 * first, so a new one is never hidden at the tail (add it here).
 */
export const E2E_COST_SECONDS: Readonly<Record<string, number>> = {
  'test/e2e/roll.e2e.test.ts': 480,
  'test/e2e/drills-a.e2e.test.ts': 520,
  'test/e2e/drills-b.e2e.test.ts': 560,
  'test/e2e/drills-m.e2e.test.ts': 310,
  'test/e2e/drills-c.e2e.test.ts': 100,
  'test/e2e/security.e2e.test.ts': 250,
  'test/e2e/config-changes.e2e.test.ts': 455,
  'test/e2e/topologies.e2e.test.ts': 330,
  'test/e2e/access.e2e.test.ts': 185,
  'test/e2e/first-light.e2e.test.ts': 115,
  'test/e2e/monitoring.e2e.test.ts': 130,
  'test/e2e/monitoring-zk.e2e.test.ts': 140,
  'test/e2e/connect.e2e.test.ts': 200,
  'test/e2e/registry-streams.e2e.test.ts': 300,
  'test/e2e/mirror.e2e.test.ts': 75,
  'test/e2e/hosts.e2e.test.ts': 240,
  'test/e2e/exam-defaults.e2e.test.ts': 40,
  'test/e2e/fresh-clone.e2e.test.ts': 45,
};

/** Unit files as vitest orders them; end-to-end files longest first. */
export class CostSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const base = await super.sort(files);
    const root = this.ctx.config.root;
    const cost = (f: TestSpecification): number => E2E_COST_SECONDS[relative(root, f.moduleId)] ?? Number.POSITIVE_INFINITY;
    const e2e = base.filter((f) => f.project.name === 'e2e').sort((a, b) => cost(b) - cost(a) || 0);
    return [...e2e, ...base.filter((f) => f.project.name !== 'e2e')];
  }
}
