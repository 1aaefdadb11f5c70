import { describe, expect, it } from 'vitest';
import { $ } from 'zx';
import { PRESETS } from '../../stacks/model/presets.ts';
import { resolveCluster } from '../../stacks/model/resolve.ts';
import type { ClusterSpec } from '../../stacks/model/spec.ts';
import { buildDescriptor } from '../../scripts/lib/cluster/descriptor.ts';
import { clusterLeftovers } from '../../scripts/lib/core/docker.ts';
import { consumeUntil, ensureTopic, produce } from '../../scripts/lib/kafka/index.ts';
import { cleanClusters, npmRun, show, specFile } from './helpers.ts';
import { ROLL_TIMEOUT_MS, validatedRoll } from './roll-helpers.ts';

interface Report {
  ok: boolean;
  checks: { name: string; ok: boolean; detail: string }[];
}

async function verifyJson(spec: string): Promise<Report> {
  const r = await npmRun('verify', ['--cluster', spec, '--json']);
  expect(r.code, show(r)).toBe(0);
  return JSON.parse(r.stdout) as Report;
}

const detail = (report: Report, name: string): string => {
  const c = report.checks.find((x) => x.name === name);
  expect(c, `check '${name}' in ${JSON.stringify(report.checks.map((x) => x.name))}`).toBeDefined();
  expect(c!.ok, c!.detail).toBe(true);
  return c!.detail;
};

/** A preset's shape under an e2e name and ports, so a user's own preset clusters are never touched. */
function shaped(preset: string, name: string, basePort: number, extra: Partial<ClusterSpec> = {}): ClusterSpec {
  return { ...PRESETS[preset]!, name, basePort, ...extra };
}

const names = ['e2e-dedicated', 'e2e-zk', 'e2e-side-a', 'e2e-side-b', 'e2e-side-c'];

cleanClusters(names);

describe('kraft-dedicated: 3 controllers and 3 brokers', () => {
  const spec = specFile(shaped('kraft-dedicated', 'e2e-dedicated', 29292));

  it('deploys and verifies: a quorum of the controllers, the brokers as observers', async () => {
    const up = await npmRun('up', ['--cluster', spec]);
    expect(up.code, show(up)).toBe(0);
    const report = await verifyJson(spec);
    expect(detail(report, 'quorum has a leader')).toMatch(/voters \[101, 102, 103\], observers \[1, 2, 3\]$/);
    expect(detail(report, 'active controller')).toMatch(/^node 10[123] \(controller-[123]\) is the active controller/);
    detail(report, 'voters caught up');
    detail(report, "topic 'kafkalab-verify' with replication factor 3");
    const ports = await $({ quiet: true })`docker ps --filter label=dev.kafkalab.cluster=e2e-dedicated --format ${'{{.Names}} {{.Ports}}'}`;
    const lines = ports.stdout.trim().split('\n').sort();
    expect(lines.filter((l) => l.includes('controller')).map((l) => l.split(' ')[1] ?? '')).toEqual(['', '', '']);
    expect(lines.filter((l) => l.includes('-kafka-')).every((l) => /127\.0\.0\.1:\d+->9094\/tcp$/.test(l))).toBe(true);
  });

  // The roll of this shape, on the same cluster (roll.e2e.test.ts rolls the combined shape).
  it('rolls the controllers (quorum leader last) then the brokers, losing nothing', async () => {
    await validatedRoll(spec, (order) => {
      expect(order.slice(0, 3).map(Number).sort()).toEqual([101, 102, 103]);
      expect(order.slice(3).map(Number).sort()).toEqual([1, 2, 3]);
    });
  }, ROLL_TIMEOUT_MS);

  it('destroys, leaving nothing', async () => {
    const down = await npmRun('down', ['--cluster', spec]);
    expect(down.code, show(down)).toBe(0);
    expect(await clusterLeftovers('e2e-dedicated')).toEqual({ containers: [], networks: [], volumes: [] });
  });
});

describe('zookeeper: 3 servers and 3 brokers on 3.9.1, with racks', () => {
  const spec = specFile(shaped('zk-3', 'e2e-zk', 29392, { racks: ['rack-a', 'rack-b', 'rack-c'] }));

  it('deploys and verifies: one ZooKeeper leader, every broker registered, replicas on distinct racks', async () => {
    const up = await npmRun('up', ['--cluster', spec]);
    expect(up.code, show(up)).toBe(0);
    const report = await verifyJson(spec);
    const zk = detail(report, 'zookeeper ensemble has one leader');
    expect(zk.match(/ leader/g)).toHaveLength(1);
    expect(zk.match(/ follower/g)).toHaveLength(2);
    expect(detail(report, 'brokers registered')).toBe('brokers [1, 2, 3] registered');
    expect(detail(report, 'active controller')).toMatch(/^broker node [123] \(kafka-[123]\) is the active controller \(elected through ZooKeeper, chroot \/kafkalab\/e2e-zk\)$/);
    const racks = detail(report, 'replicas of an RF-3 topic on distinct racks');
    for (const part of racks.split(', ')) {
      const used = part.replace(/^p\d+ on /, '').split('/');
      expect(new Set(used).size, part).toBe(3);
    }
    const version = await $({ quiet: true })`docker exec kafkalab-e2e-zk-kafka-1 bash -c ${'ls /opt/kafka/libs | grep -E "^kafka_2.13-"'}`;
    expect(version.stdout.trim()).toBe('kafka_2.13-3.9.1.jar');
  });

  it('destroys, leaving nothing', async () => {
    const down = await npmRun('down', ['--cluster', spec]);
    expect(down.code, show(down)).toBe(0);
    expect(await clusterLeftovers('e2e-zk')).toEqual({ containers: [], networks: [], volumes: [] });
  });
});

describe('two clusters side by side', () => {
  const specA: ClusterSpec = { name: 'e2e-side-a', brokers: 1, basePort: 29492 };
  const specB: ClusterSpec = { name: 'e2e-side-b', brokers: 1, basePort: 29592, kafkaVersion: '3.9.1' };
  const fileA = specFile(specA);
  const fileB = specFile(specB);

  it('both deploy with their own network, volumes and ports', async () => {
    for (const f of [fileA, fileB]) {
      const up = await npmRun('up', ['--cluster', f]);
      expect(up.code, show(up)).toBe(0);
    }
    const info = await npmRun('info', ['--all', '--json']);
    const listed = (JSON.parse(info.stdout) as { clusters: { cluster: string; running: number }[] }).clusters;
    expect(listed.filter((c) => c.cluster.startsWith('e2e-side-')).map((c) => [c.cluster, c.running])).toEqual([
      ['e2e-side-a', 1],
      ['e2e-side-b', 1],
    ]);
    const nets = await $({ quiet: true })`docker network ls --format {{.Name}}`;
    expect(nets.stdout.split('\n')).toEqual(expect.arrayContaining(['kafkalab-e2e-side-a', 'kafkalab-e2e-side-b']));
  });

  it('fails if a third cluster claims a port of a deployed one, before anything is created', async () => {
    const r = await npmRun('deploy', ['--cluster', specFile({ name: 'e2e-side-c', brokers: 1, basePort: 29492 })]);
    expect(r.code, show(r)).toBe(2);
    expect(r.stderr).toContain(
      "'basePort' (29492) claims port 29492, which cluster 'e2e-side-a' also claims (29492..29492): choose a 'basePort' that keeps its port outside 29492..29492",
    );
    expect(await clusterLeftovers('e2e-side-c')).toEqual({ containers: [], networks: [], volumes: [] });
  });

  it('destroying one leaves the other serving throughout', async () => {
    const b = buildDescriptor(resolveCluster(specB));
    await ensureTopic(b, { name: 'side-traffic', partitions: 1, replicationFactor: 1 });
    let sent = 0;
    let stop = false;
    const traffic = (async () => {
      while (!stop) {
        await produce(b, 'side-traffic', [{ value: `r${sent}` }]);
        sent++;
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    const down = await npmRun('down', ['--cluster', fileA]);
    stop = true;
    await traffic;
    expect(down.code, show(down)).toBe(0);
    expect(await clusterLeftovers('e2e-side-a')).toEqual({ containers: [], networks: [], volumes: [] });
    expect(sent).toBeGreaterThan(10);
    const read = await consumeUntil(b, 'side-traffic', (rs) => rs.length >= sent, { timeoutMs: 60_000 });
    expect(read.map((r) => r.value)).toEqual(Array.from({ length: sent }, (_, i) => `r${i}`));
    const report = await verifyJson(fileB);
    expect(report.ok).toBe(true);
  });

  it('the other is destroyed on its own', async () => {
    const down = await npmRun('down', ['--cluster', fileB]);
    expect(down.code, show(down)).toBe(0);
    expect(await clusterLeftovers('e2e-side-b')).toEqual({ containers: [], networks: [], volumes: [] });
  });
});
