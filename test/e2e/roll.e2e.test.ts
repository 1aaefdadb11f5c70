import { spawn } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { connect as tlsConnect } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { $ } from 'zx';
import type { ClusterSpec } from '../../stacks/model/spec.ts';
import { resolveCluster } from '../../stacks/model/resolve.ts';
import { buildDescriptor } from '../../scripts/lib/cluster/descriptor.ts';
import { containerState } from '../../scripts/lib/core/docker.ts';
import { ensureTopic, withAdmin } from '../../scripts/lib/kafka/index.ts';
import { clusterStateDir, projectRoot } from '../../scripts/lib/core/paths.ts';
import { waitFor } from '../../scripts/lib/core/progress.ts';
import { VALIDATE_TOPIC } from '../../scripts/lib/kafka/verifiable-clients.ts';
import { E2E_CLUSTERS } from './clusters.ts';
import { cleanClusters, npmRun, show, specFile, type ScriptResult } from './helpers.ts';
import { down, reportOf, ROLL_TIMEOUT_MS, startedAt, up } from './roll-helpers.ts';

/**
 * Rolling restarts against a real KRaft combined cluster with the default sasl_ssl: a validated
 * roll, the refusals, an interrupt, certificate and CA rotation. The dedicated and ZooKeeper
 * shapes are rolled on topologies.e2e.test.ts's clusters, between their verify and their destroy.
 */

const NAME = E2E_CLUSTERS.rollKraft.name;

cleanClusters([NAME]);

describe('kraft-combined, 3 nodes, sasl_ssl: validated roll, refusals, interrupt, certificate and CA rotation', () => {
  const spec: ClusterSpec = { name: NAME, basePort: E2E_CLUSTERS.rollKraft.basePort };
  const file = specFile(spec);
  const cluster = resolveCluster(spec);
  const container = (id: number): string => `kafkalab-roll-e2e-kraft-kafka-${id}`;

  it('deploys', async () => {
    await up(file);
  });

  it('dry run prints the order and the checks, touching nothing', async () => {
    const before = await Promise.all([1, 2, 3].map((i) => startedAt(container(i))));
    const r = await npmRun('roll', ['--cluster', file, '--dry-run', '--json']);
    expect(r.code, show(r)).toBe(0);
    const report = reportOf(r);
    expect(report.dryRun).toBe(true);
    expect([...report.order].sort()).toEqual([1, 2, 3]);
    expect(report.nodes.every((n) => n.outcome === 'planned' && n.checks!.before.length === 2 && n.checks!.after.length === 3)).toBe(true);
    expect(await Promise.all([1, 2, 3].map((i) => startedAt(container(i))))).toEqual(before);
  });

  it('refuses an unhealthy cluster, then (with --force) a broker whose partitions would drop below min.insync.replicas', async () => {
    const d = buildDescriptor(cluster);
    await ensureTopic(d, { name: 'orders', partitions: 3, replicationFactor: 3, config: { 'min.insync.replicas': '2' } });
    await $({ quiet: true })`docker stop -t 60 ${container(3)}`;
    try {
      const before = await startedAt(container(2));
      // With --validate too: a refused roll starts no validation client and creates no validation topic.
      const unhealthy = await npmRun('roll', ['--cluster', file, '--nodes', '2', '--validate']);
      expect(unhealthy.code, show(unhealthy)).toBe(1);
      expect(unhealthy.stdout).toContain(`✖ refusing to roll: cluster 'roll-e2e-kraft' is not healthy: not running: ${container(3)}`);
      expect(unhealthy.stdout).toContain('or pass --force to roll it anyway');
      expect((await $({ quiet: true })`docker ps -a -q --filter ${'name=kafkalab-roll-e2e-kraft-roll-'}`).stdout.trim()).toBe('');
      expect(await withAdmin(d, (admin) => admin.listTopics())).not.toContain(VALIDATE_TOPIC);

      const unsafe = await npmRun('roll', ['--cluster', file, '--nodes', '2', '--force', '--timeout-seconds', '10', '--json']);
      expect(unsafe.code, show(unsafe)).toBe(1);
      const report = reportOf(unsafe);
      expect(report.refusal).toMatchObject({ node: 2, reason: 'roll stopped at node 2 (kafka-2, combined): it was never safe to stop, so it was not stopped' });
      expect(report.refusal!.hint).toContain('--from 2');
      expect(report.nodes[0]).toMatchObject({ id: 2, outcome: 'refused', restartMs: null });
      expect(report.nodes[0]!.detail).toMatch(/^timed out after 10s waiting for node 2 \(kafka-2, combined\) to be safe to stop: stopping broker 2 would drop \d+ partition\(s\) below min\.insync\.replicas: .*\(ISR \[[12],[12]\], min\.insync\.replicas 2\)/);
      // Never stopped.
      expect(await startedAt(container(2))).toBe(before);
    } finally {
      await $({ quiet: true })`docker start ${container(3)}`;
    }
  });

  it('a SIGINT while a node is stopped starts it again and exits 1', async () => {
    // Node 3 was just started again: wait until the cluster is healthy, so the roll begins.
    const healthy = await waitFor(
      async () => {
        const r = await npmRun('verify', ['--cluster', file, '--timeout-seconds', '5']);
        return r.code === 0 ? true : undefined;
      },
      { what: 'the cluster healthy again', timeoutMs: 300_000, intervalMs: 5000 },
    );
    expect(healthy).toBe(true);
    // Like Ctrl-C: SIGINT to the whole process group the moment the node's process dies. Docker
    // pushes the event (a poll of docker inspect can miss the short gap between the roll's stop
    // and its start on a busy machine).
    const events = spawn('docker', ['events', '--filter', `container=${container(2)}`, '--filter', 'event=die', '--format', '{{.Action}}']);
    let interruptedWhileStopped = false;
    const watcher = new Promise<void>((resolve) => {
      events.stdout.on('data', () => {
        if (!interruptedWhileStopped && child.exitCode === null) {
          interruptedWhileStopped = true;
          process.kill(-child.pid!, 'SIGINT');
        }
        resolve();
      });
      events.on('exit', () => resolve());
    });
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/roll.ts', '--cluster', file, '--nodes', '2'], {
      cwd: projectRoot,
      detached: true,
      env: { ...process.env, CI: 'true' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const code = await exited;
    events.kill();
    await watcher;
    const r = { code: code ?? -1, stdout, stderr };
    expect(interruptedWhileStopped, show(r)).toBe(true);
    expect(code, show(r)).toBe(1);
    expect(stdout).toContain('✖ roll interrupted (SIGINT): node 2 (kafka-2, combined) was stopped: started it again');
    expect(stdout).toContain(`try: resume with npm run roll -- --cluster ${file} --nodes 2 --from 2`);
    expect((await containerState(container(2)))?.running).toBe(true);
  });

  /** A roll refuses an unhealthy cluster: after the interrupt, wait until verify passes. */
  async function healthy(): Promise<string> {
    return waitFor(
      async () => {
        const v = await npmRun('verify', ['--cluster', file, '--timeout-seconds', '5']);
        return v.code === 0 ? v.stdout : undefined;
      },
      { what: 'the cluster healthy', timeoutMs: 300_000, intervalMs: 5000 },
    );
  }

  /** What each broker presents on its external TLS listener: its certificate's fingerprint and issuer. */
  async function presented(): Promise<{ fingerprint: string; issuer: string }[]> {
    const d = buildDescriptor(cluster);
    return Promise.all(
      d.bootstrapServers.map(
        (hp) =>
          new Promise<{ fingerprint: string; issuer: string }>((resolve, reject) => {
            const [host, port] = hp.split(':');
            const socket = tlsConnect({ host: host!, port: Number(port), rejectUnauthorized: false }, () => {
              const c = socket.getPeerX509Certificate()!;
              socket.end();
              resolve({ fingerprint: c.fingerprint256, issuer: c.issuer });
            });
            socket.on('error', reject);
          }),
      ),
    );
  }

  const pki = (): string => join(clusterStateDir('roll-e2e-kraft'), 'secrets', 'pki');
  const fileFingerprint = (path: string): string => new X509Certificate(readFileSync(path)).fingerprint256;

  interface Step {
    step: string;
    changes: string[];
    rolled: string[];
    validation?: { acked: number; consumed: number; lost: number };
  }

  function validatedSteps(r: ScriptResult, count: number): Step[] {
    expect(r.code, show(r)).toBe(0);
    const steps = JSON.parse(r.stdout) as Step[];
    expect(steps).toHaveLength(count);
    for (const s of steps) {
      console.log(`${s.step}: rolled ${s.rolled.join(', ')}; acked ${s.validation?.acked}, lost ${s.validation?.lost}`);
      expect([...s.rolled].sort(), s.step).toEqual([container(1), container(2), container(3)]);
      expect(s.validation, s.step).toBeDefined();
      expect(s.validation!.lost, s.step).toBe(0);
      expect(s.validation!.acked, s.step).toBeGreaterThan(100);
      expect(s.validation!.consumed, s.step).toBeGreaterThanOrEqual(s.validation!.acked);
    }
    return steps;
  }

  // The combined shape's validated roll (npm run roll's own on the other shapes: topologies and monitoring-zk).
  it('rotates the node certificates from the same CA through a validated roll, the active controller last; the brokers present the new ones', async () => {
    const leader = /leader (\d+)/.exec(await healthy())?.[1];
    const caBefore = fileFingerprint(join(pki(), 'ca', 'ca.crt'));
    const before = await presented();
    const r = await npmRun('rotate', ['--cluster', file, '--certs', '--validate', '--json']);
    const [step] = validatedSteps(r, 1);
    expect(step!.rolled.at(-1)).toBe(container(Number(leader)));
    const after = await presented();
    for (const [i, a] of after.entries()) {
      expect(a.fingerprint).not.toBe(before[i]!.fingerprint);
      expect(a.fingerprint).toBe(fileFingerprint(join(pki(), 'nodes', `kafka-${i + 1}`, 'node.crt')));
    }
    expect(fileFingerprint(join(pki(), 'ca', 'ca.crt'))).toBe(caBefore);
  }, ROLL_TIMEOUT_MS);

  it('rotates the CA in three steps, each through a validated roll; clients with the exported files keep working', async () => {
    await healthy();
    const oldCa = new X509Certificate(readFileSync(join(pki(), 'ca', 'ca.crt')));
    const r = await npmRun('rotate', ['--cluster', file, '--ca', '--validate', '--json']);
    const steps = validatedSteps(r, 3);
    expect(steps.map((s) => s.step)).toEqual(['step 1 of 3, trust old and new CA', 'step 2 of 3, sign with the new CA', 'step 3 of 3, drop the old CA']);
    const newCa = new X509Certificate(readFileSync(join(pki(), 'ca', 'ca.crt')));
    expect(newCa.fingerprint256).not.toBe(oldCa.fingerprint256);
    // The exported truststore holds the new CA alone, and every broker presents a certificate it signed.
    const d = buildDescriptor(cluster);
    const trusted = readFileSync(d.ssl!.caPath, 'utf8').match(/-----BEGIN CERTIFICATE-----/g) ?? [];
    expect(trusted).toHaveLength(1);
    expect(new X509Certificate(readFileSync(d.ssl!.caPath)).fingerprint256).toBe(newCa.fingerprint256);
    for (const p of await presented()) expect(p.issuer).toBe(newCa.subject);
    // A client started now from the exported files (verify's real produce-and-read) works.
    const verify = await npmRun('verify', ['--cluster', file]);
    expect(verify.code, show(verify)).toBe(0);
    // And info says when the new certificates expire.
    const info = await npmRun('info', ['--cluster', file]);
    expect(info.stdout).toMatch(/certificates:\n  ca ca +expires \d{4}-\d\d-\d\d \(\d+ days left\)/);
  }, ROLL_TIMEOUT_MS * 2);

  it('destroys, leaving nothing', async () => {
    await down(file, 'roll-e2e-kraft');
  });
});
