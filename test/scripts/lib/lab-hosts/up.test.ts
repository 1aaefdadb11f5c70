import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Progress } from '../../../../scripts/lib/core/index.ts';
import { labHostsUp, type LabHostsUpOptions, type LoadImages } from '../../../../scripts/lib/lab-hosts/index.ts';
import { OperationRefused, StepError } from '../../../../stacks/model/errors.ts';
import { FakeMachine } from './fake-machine.ts';

const silent = (): Progress => ({ update: () => undefined, done: () => undefined, fail: () => undefined });
const lockFile = join(mkdtempSync(join(tmpdir(), 'lab-hosts-test-')), 'lab-hosts.lock');

/** Records what it was asked to load, and loads nothing. */
function loader() {
  const asked: { refs: readonly string[]; engines: readonly (readonly string[])[] }[] = [];
  const load: LoadImages = async (refs, engines) => {
    asked.push({ refs, engines });
    return [];
  };
  return { load, asked };
}

const up = (m: FakeMachine, opts: Partial<LabHostsUpOptions> = {}) =>
  labHostsUp({ runner: m, root: true, images: ['kafkalab/kafka:test'], progress: silent, loadImages: loader().load, lockFile, ...opts });

describe('labHostsUp on a fake machine', () => {
  it('makes the router, 3 hosts by default, their engines, loads the image into each and returns the spec fragment', async () => {
    const m = new FakeMachine();
    const images = loader();
    const r = await up(m, { loadImages: images.load });
    expect(r.count).toBe(3);
    expect(r.started).toEqual(['lab-1', 'lab-2', 'lab-3']);
    expect(r.spec.hosts['lab-3']).toEqual({ docker: 'unix:///run/kafkalab-lab-3.sock', address: '10.250.3.2' });
    expect([...m.namespaces].sort()).toEqual(['kafkalab-lab-1', 'kafkalab-lab-2', 'kafkalab-lab-3', 'kafkalab-lab-router']);
    expect([...(m.routes.get('') ?? [])]).toEqual(['10.250.0.0/16 via 10.250.0.2 dev kl-lab-root']);
    expect([...(m.routes.get('kafkalab-lab-2') ?? [])]).toEqual(['default via 10.250.2.1']);
    expect(m.links.get('kafkalab-lab-2|kl-lab-2')?.addrs).toEqual(new Set(['10.250.2.2/24']));
    expect(m.calls.filter((c) => c.startsWith('spawn')).map((c) => c.split(' ').slice(1, 3).join(' '))).toEqual([
      'nsenter --net=/run/netns/kafkalab-lab-1',
      'nsenter --net=/run/netns/kafkalab-lab-2',
      'nsenter --net=/run/netns/kafkalab-lab-3',
    ]);
    expect(m.files.get('/run/kafkalab-lab/lab-1/daemon.json')).toBe('{}\n');
    expect(images.asked).toEqual([{ refs: ['kafkalab/kafka:test'], engines: [1, 2, 3].map((k) => ['-H', `unix:///run/kafkalab-lab-${k}.sock`]) }]);
  });

  it('is idempotent: up when up makes nothing, starts no engine, and reports the same fragment', async () => {
    const m = new FakeMachine();
    const first = await up(m, { count: 2 });
    const before = m.calls.length;
    const again = await up(m);
    const newCalls = m.calls.slice(before);
    expect(again.count).toBe(2);
    expect(again.networkMade).toBe(0);
    expect(again.started).toEqual([]);
    expect(newCalls.filter((c) => / add |^spawn|^mkdir/.test(c))).toEqual([]);
    expect(again.spec).toEqual(first.spec);
  });

  it('grows: up --count 3 over 2 hosts adds lab-3 only', async () => {
    const m = new FakeMachine();
    await up(m, { count: 2 });
    const before = m.calls.length;
    const r = await up(m, { count: 3 });
    expect(r.started).toEqual(['lab-3']);
    expect(m.calls.slice(before).filter((c) => / add /.test(c))).toEqual([
      'ip netns add kafkalab-lab-3',
      'ip -n kafkalab-lab-router link add kl-lab3-r type veth peer name kl-lab-3 netns kafkalab-lab-3',
    ]);
  });

  it('refuses to shrink (exit 2) with the fix: down first', async () => {
    const m = new FakeMachine();
    await up(m, { count: 3 });
    const error = await up(m, { count: 2 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OperationRefused);
    expect((error as OperationRefused).exitCode).toBe(2);
    expect((error as Error).message).toBe(
      'lab-hosts: lab-3 is up, beyond --count 2; up only adds hosts. To have 2: npm run lab-hosts -- down, then npm run lab-hosts -- up --count 2',
    );
  });

  it('completes an up that crashed halfway (router and lab-1 namespace only)', async () => {
    const m = new FakeMachine();
    m.namespaces.add('kafkalab-lab-router').add('kafkalab-lab-1');
    const r = await up(m, { count: 2 });
    expect(m.calls.filter((c) => c.startsWith('ip netns add'))).toEqual(['ip netns add kafkalab-lab-2']);
    expect(r.started).toEqual(['lab-1', 'lab-2']);
  });

  it('restores a cut link (up sets every link up)', async () => {
    const m = new FakeMachine();
    await up(m, { count: 1 });
    m.links.get('kafkalab-lab-router|kl-lab1-r')!.up = false;
    await up(m);
    expect(m.links.get('kafkalab-lab-router|kl-lab1-r')!.up).toBe(true);
  });
});

describe('labHostsUp refuses before making anything', () => {
  const refused = async (m: FakeMachine, opts: Partial<LabHostsUpOptions> = {}): Promise<StepError> => {
    const error = await up(m, opts).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StepError);
    expect((error as StepError).exitCode).toBe(1);
    expect(m.changes()).toEqual([]);
    return error as StepError;
  };

  it('when not root, saying why and the fix', async () => {
    expect((await refused(new FakeMachine(), { root: false })).message).toBe(
      'lab hosts failed: they need root: network namespaces, veth links, routes and Docker engines are made\n  try: run it as root (sudo npm run lab-hosts -- up)',
    );
  });

  it('when nsenter, ip or dockerd is missing', async () => {
    const m = new FakeMachine();
    m.tools.delete('nsenter');
    expect((await refused(m)).message).toBe('lab hosts failed: nsenter is not on PATH\n  try: apt-get install -y util-linux');
    const d = new FakeMachine();
    d.tools.delete('dockerd');
    expect((await refused(d)).message).toContain('dockerd is not on PATH\n  try: npm run setup installs Docker');
  });

  it('when 10.250.0.0/16 is used by something else on the machine', async () => {
    const m = new FakeMachine();
    m.links.set('|br-1234', { ns: '', name: 'br-1234', peer: '', up: true, addrs: new Set(['10.250.7.1/24']) });
    expect((await refused(m)).message).toContain('10.250.0.0/16 is already used on this machine: 7: br-1234 inet 10.250.7.1/24');
  });

  it('when the image is not in the local engine (never pulled)', async () => {
    const m = new FakeMachine();
    m.localImages.clear();
    expect((await refused(m)).message).toBe(
      'lab hosts failed: image kafkalab/kafka:test is not in the local Docker engine (it is copied from there, never pulled)\n  try: npm run setup',
    );
  });
});

describe('an engine that will not answer', () => {
  it('is a StepError with its log, naming the host', async () => {
    const m = new FakeMachine();
    m.dockerdDiesWith = 'level=info msg="Starting up"\nfailed to start daemon: Devices cgroup isn\'t mounted';
    const error = await up(m, { count: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StepError);
    expect((error as Error).message).toContain("lab-1: Docker engine failed: dockerd exited before answering on unix:///run/kafkalab-lab-1.sock: level=info msg=\"Starting up\" | failed to start daemon: Devices cgroup isn't mounted");
    expect((error as Error).message).toContain('try: read ');
  });
});
