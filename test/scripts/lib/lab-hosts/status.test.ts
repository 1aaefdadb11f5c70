import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Progress } from '../../../../scripts/lib/core/index.ts';
import { cutLabHostLink, labHostLinkUp, labHostsStatus, labHostsUp, renderLabHostsStatus, restoreLabHostLink, setLabHostLink } from '../../../../scripts/lib/lab-hosts/index.ts';
import { OperationRefused, StepError, UsageError } from '../../../../stacks/model/errors.ts';
import { FakeMachine } from './fake-machine.ts';

const silent = (): Progress => ({ update: () => undefined, done: () => undefined, fail: () => undefined });
const lockFile = join(mkdtempSync(join(tmpdir(), 'lab-hosts-test-')), 'lab-hosts.lock');
const upMachine = async (count: number): Promise<FakeMachine> => {
  const m = new FakeMachine();
  await labHostsUp({ runner: m, root: true, count, images: [], progress: silent, lockFile });
  return m;
};

describe('labHostsStatus', () => {
  it('tells, per host, namespace, link, address, engine, images and containers', async () => {
    const m = await upMachine(2);
    const e = m.engines.get('unix:///run/kafkalab-lab-1.sock')!;
    e.images.set('kafkalab/kafka:test', 'sha256:abc');
    e.containers.push('c1');
    const s = await labHostsStatus({ runner: m });
    expect(s.up).toBe(true);
    expect(s.count).toBe(2);
    expect(s.router).toEqual({ namespace: 'kafkalab-lab-router', present: true, routed: true });
    expect(s.hosts[0]).toEqual({
      name: 'lab-1',
      namespace: 'kafkalab-lab-1',
      namespacePresent: true,
      linkUp: true,
      address: '10.250.1.2',
      addressPresent: true,
      docker: 'unix:///run/kafkalab-lab-1.sock',
      engine: { answering: true, version: '20.10.24' },
      images: ['kafkalab/kafka:test'],
      containers: { running: 1, total: 1 },
      ready: true,
    });
    expect(Object.keys(s.spec.hosts)).toEqual(['lab-1', 'lab-2']);
    const text = renderLabHostsStatus(s);
    expect(text).toContain('lab hosts: 2 up, 10.250.0.0/16 routed through namespace kafkalab-lab-router');
    expect(text).toMatch(/lab-1 +present +up +10\.250\.1\.2 +unix:\/\/\/run\/kafkalab-lab-1\.sock \(dockerd 20\.10\.24\) +1 +1\/1 running/);
  });

  it('is not up when an engine does not answer, and says so', async () => {
    const m = await upMachine(1);
    m.engines.clear();
    const s = await labHostsStatus({ runner: m });
    expect(s.up).toBe(false);
    expect(s.hosts[0]!.engine).toEqual({ answering: false });
    expect(renderLabHostsStatus(s)).toContain('NOT ANSWERING');
  });

  it('with nothing on the machine, says how to make them', async () => {
    const s = await labHostsStatus({ runner: new FakeMachine() });
    expect(s).toMatchObject({ up: false, count: 0, hosts: [], spec: { hosts: {} } });
    expect(renderLabHostsStatus(s)).toBe('lab hosts: none on this machine (npm run lab-hosts -- up makes them)\n');
  });
});

describe('cutting a host off', () => {
  it('sets the router side of its veth down and back up; labHostLinkUp follows', async () => {
    const m = await upMachine(3);
    expect(await labHostLinkUp('lab-2', { runner: m })).toBe(true);
    await cutLabHostLink('lab-2', { runner: m });
    expect(m.calls).toContain('ip -n kafkalab-lab-router link set dev kl-lab2-r down');
    expect(await labHostLinkUp('lab-2', { runner: m })).toBe(false);
    expect(await labHostLinkUp('lab-1', { runner: m })).toBe(true);
    expect((await labHostsStatus({ runner: m })).up).toBe(false);
    await restoreLabHostLink('lab-2', { runner: m });
    expect(await labHostLinkUp('lab-2', { runner: m })).toBe(true);
  });

  it('names an unknown host and lists the hosts up; a host not up is refused with the fix', async () => {
    const m = await upMachine(2);
    const unknown = await cutLabHostLink('kafka-1', { runner: m }).catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(UsageError);
    expect((unknown as Error).message).toBe('"kafka-1" is not a lab host: the lab hosts are lab-1, lab-2');
    const notUp = await labHostLinkUp('lab-5', { runner: m }).catch((e: unknown) => e);
    expect(notUp).toBeInstanceOf(OperationRefused);
    expect((notUp as Error).message).toBe("lab host 'lab-5' is not up: the lab hosts up are lab-1, lab-2; npm run lab-hosts -- up --count 5 makes it");
  });
});

describe('npm run lab-hosts -- cut|restore <host> (setLabHostLink)', () => {
  it('cuts and restores, says whether anything changed, and is safe to repeat', async () => {
    const m = await upMachine(3);
    expect(await setLabHostLink('lab-3', 'cut', { runner: m, root: true })).toMatchObject({ host: 'lab-3', action: 'cut', wasUp: true, up: false, changed: true });
    expect(m.calls).toContain('ip -n kafkalab-lab-router link set dev kl-lab3-r down');
    const before = m.calls.length;
    expect(await setLabHostLink('lab-3', 'cut', { runner: m, root: true })).toMatchObject({ wasUp: false, up: false, changed: false });
    expect(m.calls.slice(before).filter((c) => c.includes('link set'))).toEqual([]);
    expect(await setLabHostLink('lab-3', 'restore', { runner: m, root: true })).toMatchObject({ action: 'restore', wasUp: false, up: true, changed: true });
    expect(await setLabHostLink('lab-3', 'restore', { runner: m, root: true })).toMatchObject({ wasUp: true, up: true, changed: false });
    expect(await labHostLinkUp('lab-3', { runner: m })).toBe(true);
  });

  it('names an unknown host and lists the hosts up (exit 2), before asking for root; a host not up is refused with the fix (exit 1)', async () => {
    const m = await upMachine(3);
    const unknown = await setLabHostLink('lab-x', 'cut', { runner: m, root: false }).catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(UsageError);
    expect((unknown as UsageError).exitCode).toBe(2);
    expect((unknown as Error).message).toBe('"lab-x" is not a lab host: the lab hosts are lab-1, lab-2, lab-3');
    const notUp = await setLabHostLink('lab-7', 'restore', { runner: m, root: true }).catch((e: unknown) => e);
    expect(notUp).toBeInstanceOf(OperationRefused);
    expect((notUp as OperationRefused).exitCode).toBe(1);
    expect((notUp as Error).message).toBe("lab host 'lab-7' is not up: the lab hosts up are lab-1, lab-2, lab-3; npm run lab-hosts -- up --count 7 makes it");
  });

  it('refuses without root, with the fix, and touches nothing', async () => {
    const m = await upMachine(2);
    const before = m.calls.length;
    const refused = await setLabHostLink('lab-1', 'cut', { runner: m, root: false }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(StepError);
    expect((refused as Error).message).toBe("cutting lab-1's link failed: it needs root: the link is in the router namespace\n  try: run it as root (sudo npm run lab-hosts -- cut lab-1)");
    expect(m.calls.slice(before).filter((c) => c.includes('link set'))).toEqual([]);
  });
});
