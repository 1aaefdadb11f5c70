import { describe, expect, it } from 'vitest';
import {
  LAB_HOSTS_MAX,
  LAB_RANGE,
  labHostAddress,
  labHostIndex,
  labHostNames,
  labHostOfEngine,
  labHostPlan,
  labHostsSpecFragment,
  parseLabHostCount,
} from '../../../../scripts/lib/lab-hosts/index.ts';
import { hostSteps, linkSetArgv, routerSteps } from '../../../../scripts/lib/lab-hosts/plan.ts';
import { UsageError } from '../../../../stacks/model/errors.ts';

const usage = (fn: () => unknown): string => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error('no error');
};

const plan = labHostPlan(3, { logDir: '/state/lab-hosts' });

describe('the lab hosts plan: names and addresses', () => {
  it('names lab-1 … lab-N, 3 by default, 1 to 9', () => {
    expect(labHostNames()).toEqual(['lab-1', 'lab-2', 'lab-3']);
    expect(labHostNames(1)).toEqual(['lab-1']);
    expect(labHostNames(9)).toHaveLength(9);
    expect(usage(() => labHostNames(0))).toContain('from 1 to 9');
    expect(usage(() => labHostPlan(10))).toContain("'--count' (10) must be a whole number from 1 to 9");
  });

  it('gives host K the address 10.250.K.2, by number or by name', () => {
    expect(labHostAddress(1)).toBe('10.250.1.2');
    expect(labHostAddress('lab-9')).toBe('10.250.9.2');
    expect(labHostIndex('lab-4')).toBe(4);
    expect(usage(() => labHostAddress('lab-10'))).toBe('"lab-10" is not a lab host: the lab hosts are lab-1, lab-2, lab-3, lab-4, lab-5, lab-6, lab-7, lab-8, lab-9');
    expect(usage(() => labHostIndex('web-1', ['lab-1', 'lab-2']))).toBe('"web-1" is not a lab host: the lab hosts are lab-1, lab-2');
    expect(usage(() => labHostIndex('x', []))).toBe('"x" is not a lab host: the lab hosts are none up now (the names are lab-1 … lab-9)');
    expect(usage(() => labHostAddress(0))).toContain('0 is not a lab host');
  });

  it('lays out namespaces, veth ends (at most 15 characters) and addresses per host, all in 10.250.0.0/16', () => {
    expect(plan.hosts[1]).toMatchObject({
      name: 'lab-2',
      index: 2,
      namespace: 'kafkalab-lab-2',
      address: '10.250.2.2',
      cidr: '10.250.2.2/24',
      gateway: '10.250.2.1',
      hostLink: 'kl-lab-2',
      routerLink: 'kl-lab2-r',
    });
    const all = labHostPlan(LAB_HOSTS_MAX, { logDir: '/s' });
    const names = [all.uplink.rootLink, all.uplink.routerLink, ...all.hosts.flatMap((h) => [h.hostLink, h.routerLink])];
    expect(Math.max(...names.map((n) => n.length))).toBeLessThanOrEqual(15);
    expect(new Set(names).size).toBe(names.length);
    const addresses = [all.uplink.rootAddress, all.uplink.routerAddress, ...all.hosts.flatMap((h) => [h.address, h.gateway])];
    expect(addresses.every((a) => a.startsWith('10.250.'))).toBe(true);
    expect(LAB_RANGE).toBe('10.250.0.0/16');
  });

  it("starts each host's engine with nsenter --net in its namespace, on its own socket, folders, cgroup and empty config", () => {
    const e = plan.hosts[0]!.engine;
    expect(e.docker).toBe('unix:///run/kafkalab-lab-1.sock');
    expect(e.args).toEqual(['-H', 'unix:///run/kafkalab-lab-1.sock']);
    expect(e.logFile).toBe('/state/lab-hosts/lab-1/dockerd.log');
    expect(e.argv).toEqual([
      'nsenter', '--net=/run/netns/kafkalab-lab-1', 'dockerd',
      '--data-root', '/var/lib/kafkalab-lab/lab-1',
      '--exec-root', '/run/kafkalab-lab/lab-1/exec',
      '--pidfile', '/run/kafkalab-lab/lab-1/dockerd.pid',
      '-H', 'unix:///run/kafkalab-lab-1.sock',
      '--iptables=false', '--ip-masq=false', '--bridge=none',
      '--cgroup-parent=/kafkalab-lab-1',
      '--exec-opt', 'native.cgroupdriver=cgroupfs',
      '--config-file', '/run/kafkalab-lab/lab-1/daemon.json',
    ]);
  });
});

describe('the lab hosts plan: steps', () => {
  it('joins the router to the root namespace by one veth and routes 10.250.0.0/16 through it', () => {
    const steps = routerSteps(plan);
    expect(steps.filter((s) => s.check).map((s) => s.run.join(' '))).toEqual([
      'ip netns add kafkalab-lab-router',
      'ip link add kl-lab-root type veth peer name kl-labroot-r netns kafkalab-lab-router',
    ]);
    expect(steps.map((s) => s.run.join(' '))).toContain('nsenter --net=/run/netns/kafkalab-lab-router sysctl -qw net.ipv4.ip_forward=1');
    expect(steps.map((s) => s.run.join(' ')).slice(-2)).toEqual([
      'ip -n kafkalab-lab-router route replace default via 10.250.0.1',
      'ip route replace 10.250.0.0/16 via 10.250.0.2 dev kl-lab-root',
    ]);
  });

  it("gives a host its namespace, a veth to the router, its address and its default route; the steps without a check are safe to repeat", () => {
    const steps = hostSteps(plan, plan.hosts[2]!);
    expect(steps.map((s) => s.run.join(' '))).toEqual([
      'ip netns add kafkalab-lab-3',
      'ip -n kafkalab-lab-3 link set dev lo up',
      'ip -n kafkalab-lab-router link add kl-lab3-r type veth peer name kl-lab-3 netns kafkalab-lab-3',
      'ip -n kafkalab-lab-router addr replace 10.250.3.1/24 dev kl-lab3-r',
      'ip -n kafkalab-lab-router link set dev kl-lab3-r up',
      'ip -n kafkalab-lab-3 addr replace 10.250.3.2/24 dev kl-lab-3',
      'ip -n kafkalab-lab-3 link set dev kl-lab-3 up',
      'ip -n kafkalab-lab-3 route replace default via 10.250.3.1',
    ]);
    for (const s of steps.filter((x) => !x.check)) expect(s.run.join(' ')).toMatch(/ (replace|set) /);
    expect(steps[0]!.check).toEqual(['nsenter', '--net=/run/netns/kafkalab-lab-3', 'true']);
  });

  it('cuts and restores a host at the router side of its veth', () => {
    expect(linkSetArgv(plan, plan.hosts[1]!, 'down')).toEqual(['ip', '-n', 'kafkalab-lab-router', 'link', 'set', 'dev', 'kl-lab2-r', 'down']);
    expect(linkSetArgv(plan, plan.hosts[1]!, 'up').at(-1)).toBe('up');
  });

  it('writes the spec fragment: each host its engine and address', () => {
    expect(labHostsSpecFragment(labHostPlan(2, { logDir: '/s' }))).toEqual({
      hosts: {
        'lab-1': { docker: 'unix:///run/kafkalab-lab-1.sock', address: '10.250.1.2' },
        'lab-2': { docker: 'unix:///run/kafkalab-lab-2.sock', address: '10.250.2.2' },
      },
    });
  });
});

describe('--count', () => {
  it('takes a whole number from 1 to 9; absent is undefined', () => {
    expect(parseLabHostCount(undefined)).toBeUndefined();
    expect(parseLabHostCount('1')).toBe(1);
    expect(parseLabHostCount('9')).toBe(9);
    for (const bad of ['0', '12', '10', '-1', '2.5', 'three', '']) {
      expect(usage(() => parseLabHostCount(bad))).toBe(`'--count' ('${bad}') must be a whole number from 1 to 9 (hosts lab-1 … lab-9)`);
    }
  });
});

describe('labHostOfEngine', () => {
  it('tells which lab host an engine address is, whatever the spec calls the host', () => {
    expect(labHostOfEngine('unix:///run/kafkalab-lab-2.sock')).toBe('lab-2');
    expect(labHostOfEngine('unix:///run/kafkalab-lab-9.sock')).toBe('lab-9');
    expect(labHostOfEngine('unix:///var/run/docker.sock')).toBeUndefined();
    expect(labHostOfEngine('ssh://kafka@10.250.2.2')).toBeUndefined();
  });
});
