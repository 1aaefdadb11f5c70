/**
 * The lifecycle benchmark: what a user waits for at each step of a cluster's life, each command
 * run as the user runs it (its entry point in a process of its own), against a floor measured in
 * the same run where one exists.
 * 1. Floor of a fresh up: the same containers created and started with the docker CLI, until
 *    every broker is registered; floor of a down: `docker rm -f -v` of those containers.
 * 2. Fresh `up` of the preset (under a bench-only name and ports) to verified.
 * 3. `up` again with nothing changed.
 * 4. `up` after one dynamic key changed (log.retention.ms, cluster-wide).
 * 5. `verify`.
 * 6. `down`.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { $ } from 'zx';
import type { ClusterSpec, ResolvedCluster } from '../../../stacks/model/spec.ts';
import { brokersOf } from '../../../stacks/model/spec.ts';
import { buildDescriptor, prepareClusterSecrets } from '../cluster/index.ts';
import { clusterStateDir, projectRoot, waitFor } from '../core/index.ts';
import { describeBrokers } from '../kafka/index.ts';
import { removeLeftovers } from '../lifecycle/index.ts';
import { createWithDocker } from './deploy-bench.ts';

export interface LifecycleStep {
  readonly name: string;
  readonly ms: number;
  /** The same work done by the docker CLI alone, measured in the same run; null where there is none. */
  readonly floorMs: number | null;
  /** ms / floorMs, 3 decimals; null without a floor. */
  readonly ratio: number | null;
  readonly ok: boolean;
}

export interface LifecycleResult {
  readonly preset: string;
  readonly startedAt: string;
  readonly steps: readonly LifecycleStep[];
}

/** The step with its ratio to the floor. */
export function step(name: string, ms: number, floorMs: number | null, ok: boolean): LifecycleStep {
  return { name, ms: Math.round(ms), floorMs: floorMs === null ? null : Math.round(floorMs), ratio: floorMs ? Number((ms / floorMs).toFixed(3)) : null, ok };
}

/** The floors: docker CLI create-and-start until every broker is registered, then `docker rm -f -v`. */
async function floors(cluster: ResolvedCluster): Promise<{ upMs: number; downMs: number }> {
  await removeLeftovers(cluster.name);
  const secrets = await prepareClusterSecrets(cluster);
  const d = buildDescriptor(cluster);
  const brokers = brokersOf(cluster).length;
  const t0 = performance.now();
  try {
    const containers = await createWithDocker(cluster, secrets.uploads);
    await waitFor(async () => ((await describeBrokers(d, { retries: 0 })).length === brokers ? true : undefined), {
      what: `${brokers} brokers registered`,
      timeoutMs: 180_000,
      intervalMs: 200,
    });
    const upMs = performance.now() - t0;
    const volumes = [...(cluster.zookeeper?.servers ?? []).map((z) => z.volumeName), ...cluster.nodes.map((n) => n.volumeName)];
    const t1 = performance.now();
    await $({ quiet: true })`docker rm -f -v ${containers}`;
    await $({ quiet: true })`docker volume rm -f ${volumes}`;
    await $({ quiet: true })`docker network rm ${cluster.networkName}`;
    return { upMs, downMs: performance.now() - t1 };
  } finally {
    await removeLeftovers(cluster.name);
  }
}

/** Run an entry point as `npm run` does, timed; never throws. */
async function timed(script: string, args: readonly string[]): Promise<{ ms: number; ok: boolean; tail: string }> {
  const t0 = performance.now();
  const out = await $({ cwd: projectRoot, quiet: true, nothrow: true })`npx --no-install tsx ${join('scripts', `${script}.ts`)} ${args}`;
  return { ms: performance.now() - t0, ok: out.exitCode === 0, tail: `${out.stdout}${out.stderr}`.trim().split('\n').slice(-5).join('\n') };
}

/** Measure one preset's lifecycle (the spec under a bench-only name and ports). */
export async function measureLifecycle(preset: string, spec: ClusterSpec, cluster: ResolvedCluster, say: (text: string) => void): Promise<LifecycleResult> {
  const startedAt = new Date().toISOString();
  const dir = mkdtempSync(join(tmpdir(), 'kafkalab-bench-lifecycle-'));
  const file = join(dir, `${spec.name}.json`);
  const write = (s: ClusterSpec): void => writeFileSync(file, JSON.stringify(s));
  try {
    const floor = await floors(cluster);
    say(`${preset}: floors: up ${Math.round(floor.upMs)} ms, down ${Math.round(floor.downMs)} ms`);
    rmSync(clusterStateDir(cluster.name), { recursive: true, force: true });
    write(spec);
    const steps: LifecycleStep[] = [];
    const run = async (name: string, script: string, floorMs: number | null): Promise<void> => {
      const r = await timed(script, ['--cluster', file]);
      steps.push(step(name, r.ms, floorMs, r.ok));
      say(`${preset}: ${name}: ${Math.round(r.ms)} ms${r.ok ? '' : ` FAILED\n${r.tail}`}`);
    };
    await run('fresh up', 'up', floor.upMs);
    await run('no-change up', 'up', null);
    write({ ...spec, config: { ...spec.config, 'log.retention.ms': '3600000' } });
    await run('one-key change up', 'up', null);
    await run('verify', 'verify', null);
    await run('down', 'down', floor.downMs);
    return { preset, startedAt, steps };
  } finally {
    await removeLeftovers(cluster.name);
    rmSync(clusterStateDir(cluster.name), { recursive: true, force: true });
    rmSync(dir, { recursive: true, force: true });
  }
}
