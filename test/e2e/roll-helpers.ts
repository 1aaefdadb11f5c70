/** What the roll end-to-end files share: deploy, destroy, and the checks of a validated roll. */
import { expect } from 'vitest';
import { $ } from 'zx';
import { clusterLeftovers } from '../../scripts/lib/core/docker.ts';
import type { RollReport } from '../../scripts/lib/roll/report.ts';
import { npmRun, show, type ScriptResult } from './helpers.ts';

export async function up(spec: string): Promise<void> {
  const r = await npmRun('up', ['--cluster', spec]);
  expect(r.code, show(r)).toBe(0);
}

/** Deploy only: the roll checks the cluster's health itself (verify's own produce-and-read is slow on a busy machine). */
export async function deploy(spec: string): Promise<void> {
  const r = await npmRun('deploy', ['--cluster', spec]);
  expect(r.code, show(r)).toBe(0);
}

/** A validated roll of 4 to 6 nodes takes 5 to 15 minutes on 2 busy cores. */
export const ROLL_TIMEOUT_MS = 1_800_000;

export async function down(spec: string, name: string): Promise<void> {
  const r = await npmRun('down', ['--cluster', spec]);
  expect(r.code, show(r)).toBe(0);
  expect(await clusterLeftovers(name)).toEqual({ containers: [], networks: [], volumes: [] });
}

export function reportOf(r: ScriptResult): RollReport {
  try {
    return JSON.parse(r.stdout) as RollReport;
  } catch {
    throw new Error(`not a JSON report:\n${show(r)}`);
  }
}

export async function startedAt(container: string): Promise<string> {
  return (await $({ quiet: true })`docker inspect -f {{.State.StartedAt}} ${container}`).stdout.trim();
}

/** A validated roll: lost 0, every node restarted with its restartMs, in the expected order. */
export async function validatedRoll(spec: string, expectOrder: (order: RollReport['order']) => void): Promise<RollReport> {
  const t0 = Date.now();
  const r = await npmRun('roll', ['--cluster', spec, '--validate', '--json']);
  const report = reportOf(r);
  console.log(`roll of ${report.cluster}: ${((Date.now() - t0) / 1000).toFixed(0)}s; ${report.nodes.map((n) => `${n.id}: ${n.restartMs}ms (stall ${n.maxStallMs}ms)`).join(', ')}; acked ${report.acked}, lost ${report.lost}, maxStallMs ${report.maxStallMs}`);
  expect(r.code, show(r)).toBe(0);
  expect(report.ok).toBe(true);
  expect(report.lost).toBe(0);
  expect(report.acked).toBeGreaterThan(1000);
  expect(report.consumed).toBeGreaterThanOrEqual(report.acked!);
  expect(report.maxStallMs).toBeGreaterThan(0);
  expect(report.nodes.map((n) => n.id)).toEqual(report.order);
  for (const n of report.nodes) {
    expect(n.outcome, JSON.stringify(n)).toBe('restarted');
    expect(n.restartMs).toBeGreaterThan(0);
    // SIGTERM honoured: the JVM exited by itself, Docker did not have to kill it.
    expect(n.exitCode).toBe(143);
  }
  expectOrder(report.order);
  // Quorum reads and elections went through the admin session (one JVM for the roll), which is gone after it.
  expect(report.warnings.filter((w) => w.startsWith('no admin session'))).toEqual([]);
  expect((await $({ quiet: true })`docker ps -a -q --filter ${`name=kafkalab-${report.cluster}-roll-admin`}`).stdout.trim()).toBe('');
  return report;
}

