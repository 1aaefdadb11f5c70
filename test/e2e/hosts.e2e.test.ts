/**
 * One cluster across several Docker hosts, proven on lab hosts (network namespaces with an engine
 * each, on this machine): three lab hosts; a sasl_ssl 3-node KRaft cluster placed one node per host
 * comes up and verifies; a validated roll loses nothing; cutting the active controller's host link
 * leaves acks=all writes served and heals after; the same spec on the default engine works; bad
 * specs are refused before anything is created; `down` then `lab-hosts down` leave nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { $ } from 'zx';
import { resolveCluster } from '../../stacks/model/resolve.ts';
import type { ClusterSpec } from '../../stacks/model/spec.ts';
import type { HostSpec } from '../../stacks/model/hosts.ts';
import { buildDescriptor } from '../../scripts/lib/cluster/descriptor.ts';
import { clusterLeftovers, engineLeftovers } from '../../scripts/lib/core/docker.ts';
import { hasState } from '../../scripts/lib/engine/index.ts';
import { describeBrokers, describePartitions } from '../../scripts/lib/kafka/index.ts';
import { cutLabHostLink, labHostPlan, labHostsSpecFragment, labLeftovers, restoreLabHostLink, systemLabRunner } from '../../scripts/lib/lab-hosts/index.ts';
import { startValidation, stopValidation } from '../../scripts/lib/roll/index.ts';
import { validationContainers } from '../../scripts/lib/roll/validation.ts';
import { acksOf, parseEvents } from '../../scripts/lib/roll/verifiable-events.ts';
import { E2E_CLUSTERS } from './clusters.ts';
import { cleanClusters, npmRun, show, specFile } from './helpers.ts';
import { ROLL_TIMEOUT_MS, validatedRoll } from './roll-helpers.ts';
import { proveLabHostDrills } from './hosts-helpers.ts';

const LAB: Readonly<Record<string, HostSpec>> = labHostsSpecFragment(labHostPlan(3)).hosts;
const MAIN = E2E_CLUSTERS.hosts;
const LOCAL = E2E_CLUSTERS.hostsLocal;
const mainSpec: ClusterSpec = { name: MAIN.name, basePort: MAIN.basePort, brokers: 3, security: { mode: 'sasl_ssl' }, hosts: LAB };
const spec = specFile(mainSpec);
const cluster = resolveCluster(mainSpec);
const engineOfHost = (h: string): string[] => ['-H', LAB[h]!.docker];

cleanClusters([MAIN.name, LOCAL.name]);

async function waitUntil<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const v = await probe();
      if (v !== undefined) return v;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error(`timed out after ${timeoutMs / 1000}s waiting for ${what}${last ? `: ${last}` : ''}`);
}

async function acked(producer: string, prefix: number): Promise<number> {
  const logs = await $({ quiet: true, nothrow: true })`docker logs ${producer}`;
  return acksOf(parseEvents(logs.stdout), prefix).length;
}

describe('one cluster on three lab hosts', () => {
  beforeAll(async () => {
    // Fresh hosts: whatever an interrupted run left on them goes with them.
    await npmRun('lab-hosts', ['down']);
    const up = await npmRun('lab-hosts', ['up', '--count', '3']);
    expect(up.code, show(up)).toBe(0);
  }, 300_000);

  afterAll(async () => {
    // Whatever a failed test left: the cluster first (its engines are the lab hosts'), then the hosts.
    await npmRun('down', ['--cluster', spec, '--force']);
    await npmRun('lab-hosts', ['down']);
  }, 300_000);

  it('refuses an unreachable engine and a placement naming an unknown host, creating nothing', async () => {
    const unreachable = specFile({ name: `${MAIN.name}-bad`, basePort: MAIN.basePort, hosts: { 'lab-1': LAB['lab-1']!, gone: { docker: 'unix:///run/kafkalab-no-such-engine.sock', address: '10.250.9.2' } } });
    const r1 = await npmRun('up', ['--cluster', unreachable]);
    expect(r1.code, show(r1)).toBe(2);
    expect(r1.stderr).toContain("'hosts.gone.docker' ('unix:///run/kafkalab-no-such-engine.sock') does not answer");
    const unknown = specFile({ ...mainSpec, name: `${MAIN.name}-bad`, placement: { '2': 'lab-7' } });
    const r2 = await npmRun('up', ['--cluster', unknown]);
    expect(r2.code, show(r2)).toBe(2);
    expect(r2.stderr).toContain("'placement.2' ('lab-7') names no declared host: use 'lab-1', 'lab-2' or 'lab-3', or declare it under 'hosts'");
    expect(hasState(`${MAIN.name}-bad`)).toBe(false);
    for (const h of Object.keys(LAB)) expect(await engineLeftovers(`${MAIN.name}-bad`, engineOfHost(h))).toEqual({ containers: [], networks: [], volumes: [] });
  }, 120_000);

  it('brings up a sasl_ssl KRaft cluster, one node per host, and verifies every check', async () => {
    const up = await npmRun('up', ['--cluster', spec]);
    expect(up.code, show(up)).toBe(0);
    expect(up.stdout + up.stderr).toMatch(/verified \(security sasl_ssl\): 10 checks passed/);
    for (const [i, h] of Object.keys(LAB).entries()) {
      const ps = await $({ quiet: true })`docker ${engineOfHost(h)} ps --format {{.Names}}`;
      expect(ps.stdout.trim()).toBe(`kafkalab-${MAIN.name}-kafka-${i + 1}`);
    }
    const local = await $({ quiet: true })`docker ps -a --filter ${`label=dev.kafkalab.cluster=${MAIN.name}`} --format {{.Names}}`;
    expect(local.stdout.trim()).toBe('');
    const info = await npmRun('info', ['--cluster', spec, '--json']);
    const d = JSON.parse(info.stdout) as { bootstrapServers: string[]; nodes: { host: string; rack: string }[] };
    expect(d.bootstrapServers).toEqual([`10.250.1.2:${MAIN.basePort}`, `10.250.2.2:${MAIN.basePort + 1}`, `10.250.3.2:${MAIN.basePort + 2}`]);
    expect(d.nodes.map((n) => [n.host, n.rack])).toEqual([['lab-1', 'lab-1'], ['lab-2', 'lab-2'], ['lab-3', 'lab-3']]);
  }, 600_000);

  it('refuses a second cluster whose ports clash on a host, creating nothing', async () => {
    const clash = specFile({ name: `${MAIN.name}-clash`, brokers: 2, basePort: MAIN.basePort, hosts: { 'lab-2': LAB['lab-2']! } });
    const r = await npmRun('up', ['--cluster', clash]);
    expect(r.code, show(r)).toBe(2);
    expect(r.stderr).toContain(`'basePort' (${MAIN.basePort}) claims port ${MAIN.basePort + 1} on 10.250.2.2 (host 'lab-2'), which cluster '${MAIN.name}' also claims`);
    expect(await engineLeftovers(`${MAIN.name}-clash`, engineOfHost('lab-2'))).toEqual({ containers: [], networks: [], volumes: [] });
  }, 120_000);

  it('rolls every node with a validated roll that loses nothing', async () => {
    await validatedRoll(spec, (order) => expect([...order].map(Number).sort()).toEqual([1, 2, 3]));
  }, ROLL_TIMEOUT_MS);

  it("keeps serving acks=all writes while the active controller's host is cut off, and heals after", async () => {
    const d = buildDescriptor(cluster);
    const leader = (await $({ quiet: true })`docker ${engineOfHost('lab-1')} exec kafkalab-${MAIN.name}-kafka-1 bash -c ${'kafka-metadata-quorum.sh --bootstrap-server 10.250.1.2:' + (MAIN.basePort + 32) + ' --command-config /opt/kafka/config/admin-client.properties describe --status'}`).stdout;
    const leaderId = Number(/LeaderId:\s+(\d+)/.exec(leader)?.[1]);
    const host = cluster.nodes.find((n) => n.id === leaderId)!.placed!.host.name;
    const v = await startValidation(cluster, d);
    const { producer } = validationContainers(cluster);
    try {
      const t0 = Date.now();
      await cutLabHostLink(host);
      const before = await acked(producer, v.prefix);
      // The cluster notices: the cut host's broker is fenced, a new quorum leader elsewhere.
      await waitUntil('the cut host\'s broker to leave the registered brokers', 60_000, async () => ((await describeBrokers(d)).length === 2 ? true : undefined));
      await new Promise((r) => setTimeout(r, 10_000));
      const during = await acked(producer, v.prefix);
      console.log(`cut ${host} (leader ${leaderId}): ${during - before} records acked with acks=all while it was cut (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
      expect(during - before).toBeGreaterThan(200);
    } finally {
      await restoreLabHostLink(host);
    }
    const healed = Date.now();
    await waitUntil('every partition back in sync', 120_000, async () => {
      const brokers = await describeBrokers(d);
      const parts = await describePartitions(d);
      return brokers.length === 3 && parts.every((p) => p.isr.length === p.replicas.length) ? true : undefined;
    });
    console.log(`healed: every partition back to its full ISR ${((Date.now() - healed) / 1000).toFixed(1)} s after the link came back`);
    const result = await stopValidation(v);
    expect(result.problems).toEqual([]);
    expect(result.lost).toBe(0);
    expect(result.acked).toBeGreaterThan(1000);
  }, 600_000);

  it('proves the host-loss drill: start breaks, the solution mends, reset leaves it whole', async () => {
    await proveLabHostDrills(spec);
  }, 900_000);

  it('goes down, then the lab hosts go down, leaving no container, volume, network, namespace or engine', async () => {
    const r = await npmRun('down', ['--cluster', spec]);
    expect(r.code, show(r)).toBe(0);
    for (const h of Object.keys(LAB)) expect(await engineLeftovers(MAIN.name, engineOfHost(h))).toEqual({ containers: [], networks: [], volumes: [] });
    expect(await clusterLeftovers(MAIN.name)).toEqual({ containers: [], networks: [], volumes: [] });
    const labDown = await npmRun('lab-hosts', ['down']);
    expect(labDown.code, show(labDown)).toBe(0);
    expect(await labLeftovers(systemLabRunner)).toEqual([]);
    expect((await $({ quiet: true })`ip netns list`).stdout).not.toMatch(/kafkalab-lab/);
    expect((await $({ quiet: true, nothrow: true })`pgrep -f ${'dockerd --data-root /var/lib/kafkalab-lab'}`).stdout.trim()).toBe('');
  }, 300_000);
});

describe('the same spec shape with every host on the default engine', () => {
  const local: ClusterSpec = {
    name: LOCAL.name,
    basePort: LOCAL.basePort,
    brokers: 3,
    hosts: Object.fromEntries(['a', 'b', 'c'].map((h) => [h, { docker: 'unix:///var/run/docker.sock', address: '127.0.0.1' }])),
  };
  const localSpec = specFile(local);

  it('comes up on 127.0.0.1 only, verifies, and goes down clean', async () => {
    const up = await npmRun('up', ['--cluster', localSpec]);
    expect(up.code, show(up)).toBe(0);
    expect(up.stdout + up.stderr).toMatch(/10 checks passed/);
    const listening = (await $({ quiet: true })`ss -Hltn`).stdout.split('\n').map((l) => l.trim().split(/\s+/)[3] ?? '');
    const ours = listening.filter((a) => {
      const port = Number(a.slice(a.lastIndexOf(':') + 1));
      return port >= LOCAL.basePort && port < LOCAL.basePort + 100;
    });
    expect(ours.length).toBe(9);
    expect(ours.every((a) => /(^|[[:])127\.0\.0\.1\]?:\d+$/.test(a))).toBe(true);
    const down = await npmRun('down', ['--cluster', localSpec]);
    expect(down.code, show(down)).toBe(0);
    expect(await clusterLeftovers(LOCAL.name)).toEqual({ containers: [], networks: [], volumes: [] });
  }, 600_000);
});
