/**
 * The machine side of a multi-host cluster (its `hosts`), before a deploy creates anything:
 * 1. every host's TLS files exist (the spec names them; pure validation cannot look);
 * 2. every host's engine answers `docker version` within a deadline, all asked at once; one that
 *    does not is a spec problem naming `hosts.<name>.docker`, its value and the fix;
 * 3. where each container runs is recorded (core/engines.ts), so every later command finds it;
 * 4. a TLS host's files are copied into the state folder as the provider's `cert_path` folder
 *    (ca.pem, cert.pem, key.pem; the key 0600), so no key material enters the stack's JSON.
 * The engine check takes its runner as a parameter, so tests drive it with a fake.
 */
import { chmodSync, copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { $ } from 'zx';
import { engineArgsOf, placementWarnings, type ResolvedHost } from '../../../stacks/model/hosts.ts';
import { controllersOf, type ResolvedCluster } from '../../../stacks/model/spec.ts';
import { fieldProblem } from '../../../stacks/model/problems.ts';
import { SpecError } from '../../../stacks/model/errors.ts';
import { type EngineArgs, clusterStateDir, recordClusterEngines } from '../core/index.ts';

/** Runs `docker <engine args> version`: the server's version, or why it did not answer. */
export type EngineProbe = (engine: EngineArgs) => Promise<{ ok: true; version: string } | { ok: false; why: string }>;

export const probeEngine: EngineProbe = async (engine) => {
  const out = await $({ quiet: true, nothrow: true, timeout: 15_000 })`docker ${engine} version --format ${'{{.Server.Version}}'}`;
  if (out.exitCode === 0 && out.stdout.trim()) return { ok: true, version: out.stdout.trim() };
  const why = out.stderr.trim().split('\n').filter(Boolean).at(-1) ?? (out.exitCode === null ? 'no answer within 15 s' : `exit ${out.exitCode}`);
  return { ok: false, why };
};

/** Spec problems with the hosts as this machine sees them: missing TLS files, engines that do not answer. */
export async function hostProblems(cluster: ResolvedCluster, probe: EngineProbe = probeEngine): Promise<string[]> {
  const hosts = cluster.hosts ?? [];
  const files = hosts.flatMap((h) =>
    Object.entries(h.tls ?? {})
      .filter(([, path]) => !existsSync(path))
      .map(([field, path]) => fieldProblem(`hosts.${h.name}.tls.${field}`, path, 'names no file on this machine: give the path of the file Docker\'s --tlsverify uses')),
  );
  if (files.length > 0) return files;
  const answers = await Promise.all(hosts.map(async (h) => ({ h, answer: await probe(engineArgsOf(h)) })));
  return answers.flatMap(({ h, answer }) =>
    answer.ok
      ? []
      : [fieldProblem(`hosts.${h.name}.docker`, h.docker, `does not answer (${answer.why}): start that engine, or fix the address (for lab hosts: npm run lab-hosts -- up)`)],
  );
}

/** Check the hosts, print the placement's warnings, and record where each container runs. Throws a SpecError. */
export async function prepareHosts(cluster: ResolvedCluster, probe: EngineProbe = probeEngine): Promise<void> {
  if (!cluster.hosts) return;
  const problems = await hostProblems(cluster, probe);
  if (problems.length > 0) throw new SpecError(cluster.name, problems);
  for (const w of placementWarnings(controllersOf(cluster).map((n) => ({ id: n.id, host: n.placed!.host.name })))) process.stderr.write(`⚠ ${w}\n`);
  recordClusterEngines(cluster.name, hostEngines(cluster), Object.fromEntries(cluster.nodes.map((n) => [n.containerName, n.placed!.host.name])));
}

/** Engine args by host name. */
export function hostEngines(cluster: ResolvedCluster): Record<string, EngineArgs> {
  return Object.fromEntries((cluster.hosts ?? []).map((h) => [h.name, engineArgsOf(h)]));
}

/** The provider's `cert_path` folder of each TLS host, made in the state folder. */
export function prepareEngineCertDirs(cluster: ResolvedCluster): Record<string, string> {
  const dirs: Record<string, string> = {};
  for (const h of (cluster.hosts ?? []).filter((x): x is ResolvedHost & { tls: NonNullable<ResolvedHost['tls']> } => x.tls !== undefined)) {
    const dir = join(clusterStateDir(cluster.name), 'engines', h.name);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    copyFileSync(h.tls.caPath, join(dir, 'ca.pem'));
    copyFileSync(h.tls.certPath, join(dir, 'cert.pem'));
    copyFileSync(h.tls.keyPath, join(dir, 'key.pem'));
    chmodSync(join(dir, 'key.pem'), 0o600);
    dirs[h.name] = dir;
  }
  return dirs;
}
