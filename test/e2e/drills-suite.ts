import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { $ } from 'zx';
import { removeLeftovers } from '../../scripts/lib/lifecycle/cluster-lifecycle.ts';
import { clusterLeftovers, isEmpty } from '../../scripts/lib/core/docker.ts';
import { DRILLS } from '../../scripts/lib/practice/drills/index.ts';
import { runDrillCommand, type DrillFlags, type Subcommand } from '../../scripts/lib/practice/drills/kit/commands.ts';
import { clusterStateDir, projectRoot } from '../../scripts/lib/core/paths.ts';
import { E2E_CLUSTERS } from './clusters.ts';
import { npmRun, show, specFile, type ScriptResult } from './helpers.ts';
import { buildDescriptor } from '../../scripts/lib/cluster/descriptor.ts';
import { renderReport, verifyCluster } from '../../scripts/lib/verify/verify-cluster.ts';
import { resolveCluster } from '../../stacks/model/resolve.ts';
import type { ClusterSpec, ResolvedCluster } from '../../stacks/model/spec.ts';

/**
 * The drills run in two halves, each file on a cluster of its own (kraft-3's shape on ports of its
 * own), so the two halves can run side by side. KAFKALAB_DRILLS_E2E_CLUSTER and
 * KAFKALAB_DRILLS_E2E_BASE_PORT move them (a second checkout on the same machine runs its own):
 * half a is `<name>-a` on the base port, half b `<name>-b` on the base port + 100. The drills that
 * need monitoring (diagnosed from the alerts and dashboards) run as a third part, `<name>-m` on the
 * base port + 200, a monitored cluster of their own, so halves a and b stay as they were. The drills
 * that need Kafka Connect or a Schema Registry run as a fourth part, `<name>-c` on E2E_CLUSTERS.drillsC's
 * port (the base port + 700): one broker, one Connect worker and the registry.
 */
export type DrillsHalf = 'a' | 'b' | 'm' | 'c';

const PREFIX = process.env.KAFKALAB_DRILLS_E2E_CLUSTER ?? E2E_CLUSTERS.drillsA.name.replace(/-a$/, '');
const FIRST_PORT = Number(process.env.KAFKALAB_DRILLS_E2E_BASE_PORT ?? E2E_CLUSTERS.drillsA.basePort);
if (!Number.isInteger(FIRST_PORT) || FIRST_PORT < 1024 || FIRST_PORT > 65000) {
  throw new Error(`KAFKALAB_DRILLS_E2E_BASE_PORT is '${process.env.KAFKALAB_DRILLS_E2E_BASE_PORT}': set a whole number from 1024 to 65000, or unset it for ${E2E_CLUSTERS.drillsA.basePort}`);
}

/**
 * Seconds each drill took in the e2e (start, check, solution, check, reset, verify; one clean-clone
 * run on this project's 2-core machine). Only used to split the drills into two halves of about
 * the same length; a drill missing here counts as 15 s. The three monitored drills were measured
 * alone (-t) on a monitored cluster, while the other half and the unit tests ran beside them.
 */
const DRILL_COST_SECONDS: Readonly<Record<string, number>> = {
  'leftover-throttle': 132,
  'streams-exactly-once': 113, // the three streams-* in the e2e halves, 2026-12-05 (the app's session 10 s)
  'disk-filling-node': 117,
  'stalled-consumer-group': 100,
  'full-disk': 77,
  'rolling-restart': 60,
  'streams-missing-input-topic': 43,
  'lose-active-controller': 41,
  'streams-reset-application': 39,
  'lose-quorum-majority': 34,
  'disconnect-broker': 30,
  'remove-overbroad-acl': 29,
  'fix-under-replicated': 28,
  'fix-not-enough-replicas': 27,
  'pause-broker': 27,
  'consume-transform-produce': 21,
  'throttled-reassignment': 20,
};

/**
 * Which half a drill is checked in: longest first, each to the half with less so far (ties to
 * half a), so the two files take about as long. test/e2e-drills-halves.test.ts checks every drill
 * is in exactly one half.
 */
export function drillsOfHalf(half: DrillsHalf): string[] {
  const cost = (id: string): number => DRILL_COST_SECONDS[id] ?? 15;
  // Drills that cut a lab host need a cluster placed on lab hosts: test/e2e/hosts.e2e.test.ts proves them (labHostDrills).
  const drills = DRILLS.filter((d) => !d.needs.labHosts);
  const monitored = drills.filter((d) => d.needs.monitoring).map((d) => d.id);
  const connect = drills.filter((d) => (d.needs.connect || d.needs.schemaRegistry) && !d.needs.monitoring).map((d) => d.id);
  if (half === 'm') return monitored;
  if (half === 'c') return connect;
  const ids = drills.map((d) => d.id).filter((id) => !monitored.includes(id) && !connect.includes(id));
  const byCost = [...ids].sort((x, y) => cost(y) - cost(x) || ids.indexOf(x) - ids.indexOf(y));
  const halves = { a: { ids: new Set<string>(), seconds: 0 }, b: { ids: new Set<string>(), seconds: 0 } };
  for (const id of byCost) {
    const to = halves.a.seconds <= halves.b.seconds ? halves.a : halves.b;
    to.ids.add(id);
    to.seconds += cost(id);
  }
  // In the registry's order within a half, as a learner meets them.
  return ids.filter((id) => halves[half].ids.has(id));
}

/**
 * The drills that need a cluster placed on lab hosts (needs.labHosts): in none of the parts above,
 * proven by test/e2e/hosts.e2e.test.ts on its lab-host cluster.
 */
export function labHostDrills(): string[] {
  return DRILLS.filter((d) => d.needs.labHosts).map((d) => d.id);
}

/** `npm run drill -- …` as a user runs it (exit codes, argv parsing), without npm's wrapper process. */
async function drill(args: readonly string[]): Promise<ScriptResult> {
  const out = await $({ cwd: projectRoot, nothrow: true, quiet: !process.env.KAFKALAB_E2E_VERBOSE, env: { ...process.env, CI: 'true' } })`node --import tsx scripts/drill.ts ${args}`;
  return { code: out.exitCode ?? 1, stdout: out.stdout, stderr: out.stderr };
}

/**
 * The same subcommand in this process (what scripts/drill.ts calls after parsing argv): on a
 * 2-core machine a node start per step costs more than most drills' own work. Output captured.
 */
export async function drillHere(sub: Subcommand, id: string, flags: DrillFlags): Promise<ScriptResult> {
  let stdout = '';
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array) => {
    stdout += chunk.toString();
    return true;
  }) as typeof process.stdout.write;
  try {
    return { code: await runDrillCommand(sub, id, flags), stdout, stderr: '' };
  } catch (error) {
    return { code: 1, stdout, stderr: error instanceof Error ? error.message : String(error) };
  } finally {
    process.stdout.write = write;
  }
}

interface Report {
  ok: boolean;
  drill: string;
  criteria: { name: string; ok: boolean; saw: string }[];
}

/**
 * One drill's proof on a running cluster (`clusterArg` as `--cluster` takes it): start, check fails,
 * solution, check passes, reset, then verify; reset runs however the proof ends.
 */
export async function proveDrill(id: string, clusterArg: string, cluster: ResolvedCluster): Promise<void> {
  const c = { cluster: clusterArg };
  let resetDone = false;
  try {
    const start = await drillHere('start', id, c);
    expect(start.code, show(start)).toBe(0);
    expect(start.stdout).toContain('time budget:');

    const before = await drillHere('check', id, { ...c, json: true });
    expect(before.code, show(before)).toBe(1);
    const failed = JSON.parse(before.stdout) as Report;
    expect(failed.ok).toBe(false);
    expect(failed.drill).toBe(id);

    const solution = await drillHere('solution', id, c);
    expect(solution.code, show(solution)).toBe(0);

    const after = await drillHere('check', id, { ...c, json: true });
    const passed = JSON.parse(after.stdout || '{}') as Report;
    expect(after.code, `${show(after)}\n${JSON.stringify(passed.criteria?.filter((x) => !x.ok), null, 2)}`).toBe(0);
    expect(passed.ok).toBe(true);
    expect(passed.criteria.every((x) => x.ok)).toBe(true);

    const reset = await drillHere('reset', id, c);
    resetDone = true;
    expect(reset.code, show(reset)).toBe(0);
    // What npm run verify runs, in this process (a node start per drill costs more than the check).
    const verified = await verifyCluster(cluster, buildDescriptor(cluster), { timeoutMs: 120_000 });
    expect(verified.ok, renderReport(verified)).toBe(true);
  } finally {
    if (!resetDone) await drillHere('reset', id, c);
  }
}

export function drillsSuite(half: DrillsHalf): void {
  const NAME = `${PREFIX}-${half}`;
  const BASE_PORT = FIRST_PORT + { a: 0, b: 100, m: 200, c: E2E_CLUSTERS.drillsC.basePort - E2E_CLUSTERS.drillsA.basePort }[half];
  // Part m is monitored, for the drills diagnosed from the alerts and dashboards (needs.monitoring);
  // scraped every 5 s so that an alert of a drill's stopped broker clears within seconds of its reset.
  // Part c runs Kafka Connect (needs.connect) and a Schema Registry (needs.schemaRegistry) beside one
  // broker: its drills need no more.
  const shape: ClusterSpec =
    half === 'c'
      ? { name: NAME, mode: 'kraft-combined', brokers: 1, basePort: BASE_PORT, connect: true, schemaRegistry: true }
      : { name: NAME, mode: 'kraft-combined', brokers: 3, basePort: BASE_PORT, ...(half === 'm' ? { monitoring: { scrapeIntervalSeconds: 5 } } : {}) };
  const spec = specFile(shape);
  const cluster = resolveCluster(shape);
  const mine = drillsOfHalf(half);
  // The learner's practice log and files stay out of the way of a real user's.
  process.env.KAFKALAB_PRACTICE_DIR = mkdtempSync(join(tmpdir(), 'kafkalab-drills-'));
  const started = Date.now();
  const timings: string[] = [];

  describe(`drills on one real cluster (${half === 'm' ? 'the monitored part' : half === 'c' ? 'the Connect and Schema Registry part' : `half ${half} of 2`}: ${mine.length} of ${DRILLS.length} drills)`, () => {
    beforeAll(async () => {
      await removeLeftovers(NAME);
      await $({ quiet: true, nothrow: true })`rm -rf ${clusterStateDir(NAME)}`;
      const up = await npmRun('up', ['--cluster', spec]);
      expect(up.code, show(up)).toBe(0);
    });

    afterAll(async () => {
      const down = await npmRun('down', ['--cluster', spec]);
      if (down.code !== 0 || !isEmpty(await clusterLeftovers(NAME))) await removeLeftovers(NAME);
      process.stdout.write(`drills e2e, half ${half}: ${((Date.now() - started) / 1000).toFixed(0)}s in all\n${timings.join('\n')}\n`);
    });

    if (half === 'a') it('check before start says to start first (exit 2); a cluster that is not running says to deploy it (exit 1)', async () => {
      const r = await drill(['check', 'headers', '--cluster', NAME]);
      expect(r.code, show(r)).toBe(2);
      expect(r.stderr).toContain(`drill 'headers' is not started, so there is nothing to check: run npm run drill -- start headers --cluster ${NAME} first`);
      const absent = await drill(['start', 'headers', '--cluster', specFile({ name: `${NAME}-absent`, brokers: 3, basePort: BASE_PORT + 300 })]);
      expect(absent.code, show(absent)).toBe(1);
      expect(absent.stderr).toContain(`cluster '${NAME}-absent' is not running: deploy it first with npm run up -- --cluster ${NAME}-absent`);
    });

    it.each(mine.map((id) => [id] as const))('%s: fails after start, passes after the solution, reset leaves a verified cluster', async (id) => {
      const t0 = Date.now();
      try {
        await proveDrill(id, NAME, cluster);
      } finally {
        timings.push(`  ${id}: ${((Date.now() - t0) / 1000).toFixed(0)}s`);
      }
    });

    it(`progress lists every drill of half ${half} as passed`, async () => {
      const r = await drill(['progress', '--json']);
      expect(r.code, show(r)).toBe(0);
      const p = JSON.parse(r.stdout) as { passed: number; of: number; drills: { id: string; passed: boolean }[] };
      expect(p.drills.filter((d) => mine.includes(d.id) && !d.passed).map((d) => d.id)).toEqual([]);
      expect(p.passed).toBe(mine.length);
      expect(p.of).toBe(DRILLS.length);
    });
  });
}
