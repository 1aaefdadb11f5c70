import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Progress } from '../../../../scripts/lib/core/index.ts';
import { labHostsDown, labHostsUp, labLeftovers } from '../../../../scripts/lib/lab-hosts/index.ts';
import { FakeMachine } from './fake-machine.ts';

const silent = (): Progress => ({ update: () => undefined, done: () => undefined, fail: () => undefined });
const lockFile = join(mkdtempSync(join(tmpdir(), 'lab-hosts-test-')), 'lab-hosts.lock');
const up = (m: FakeMachine, count: number) => labHostsUp({ runner: m, root: true, count, images: [], progress: silent, lockFile });
const down = (m: FakeMachine) => labHostsDown({ runner: m, lockFile, proofMs: 1000 });

describe('labHostsDown on a fake machine', () => {
  it('removes containers, stops each engine, unmounts, removes folders, cgroups, links, namespaces and route, and proves it', async () => {
    const m = new FakeMachine();
    await up(m, 3);
    m.engines.get('unix:///run/kafkalab-lab-2.sock')!.containers.push('c1', 'c2');
    expect(await labLeftovers(m)).not.toEqual([]);
    const r = await down(m);
    expect(r).toMatchObject({ wasUp: true, hosts: ['lab-1', 'lab-2', 'lab-3'], containers: 2, killed: 0, leftovers: [], problems: [] });
    expect(m.calls).toContain('docker -H unix:///run/kafkalab-lab-2.sock rm -f c1 c2');
    expect(m.calls.filter((c) => c.startsWith('kill')).sort()).toEqual(['kill -SIGTERM 1000', 'kill -SIGTERM 1001', 'kill -SIGTERM 1002']);
    expect(m.calls).toContain('umount /run/kafkalab-lab/lab-1/exec/netns/default');
    expect(m.calls).toContain('rm -rf --one-file-system /var/lib/kafkalab-lab/lab-1 /run/kafkalab-lab/lab-1 /run/kafkalab-lab-1.sock');
    expect(m.calls).toContain('rmdir /sys/fs/cgroup/memory/kafkalab-lab-3');
    expect(m.namespaces.size).toBe(0);
    expect(m.links.size).toBe(0);
    expect([...(m.routes.get('') ?? [])]).toEqual([]);
    expect(m.procs).toEqual([]);
  });

  it('never signals a process that only mentions its folders (tail -f on a pidfile)', async () => {
    const m = new FakeMachine();
    await up(m, 1);
    await down(m);
    expect(m.calls.some((c) => / 7$/.test(c) && c.startsWith('kill'))).toBe(false);
  });

  it('says so when nothing is up, and is idempotent', async () => {
    const m = new FakeMachine();
    expect(await down(m)).toMatchObject({ wasUp: false, leftovers: [] });
    await up(m, 2);
    expect((await down(m)).leftovers).toEqual([]);
    expect(await down(m)).toMatchObject({ wasUp: false });
  });

  it('cleans up after an up that crashed halfway: the router, lab-1 namespace and a dockerd whose socket never came', async () => {
    const m = new FakeMachine();
    m.namespaces.add('kafkalab-lab-router').add('kafkalab-lab-1');
    m.files.set('/run/kafkalab-lab/lab-1', '');
    m.procs.push({ pid: 4242, argv: ['dockerd', '--data-root', '/var/lib/kafkalab-lab/lab-1', '--exec-root', '/run/kafkalab-lab/lab-1/exec'] });
    const r = await down(m);
    expect(r).toMatchObject({ wasUp: true, hosts: ['lab-1'], leftovers: [] });
    expect(m.calls).toContain('kill -SIGTERM 4242');
    expect(m.namespaces.size).toBe(0);
  });

  it('kills what SIGTERM left (a containerd whose dockerd was killed) with SIGKILL', async () => {
    const m = new FakeMachine();
    m.namespaces.add('kafkalab-lab-1');
    m.procs.push({ pid: 5151, argv: ['containerd', '--config', '/run/kafkalab-lab/lab-1/exec/containerd/containerd.toml'] });
    const r = await down(m);
    expect(m.calls).toContain('kill -SIGKILL 5151');
    expect(r.killed).toBe(1);
  });

  it('names what is left when it cannot remove it, and says why', async () => {
    const m = new FakeMachine();
    await up(m, 1);
    m.override = (argv) => (argv[0] === 'rmdir' && argv[1]!.includes('memory') ? { exitCode: 1, stdout: '', stderr: 'rmdir: Device or resource busy' } : undefined);
    const r = await down(m);
    expect(r.leftovers).toEqual(['cgroup /sys/fs/cgroup/memory/kafkalab-lab-1']);
    expect(r.problems).toEqual(['cgroup /sys/fs/cgroup/memory/kafkalab-lab-1: rmdir: Device or resource busy']);
  });
});
