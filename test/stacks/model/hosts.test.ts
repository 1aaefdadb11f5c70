import { describe, expect, it } from 'vitest';
import { validateSpec } from '../../../stacks/model/validate.ts';
import { bootstrapServers, clientNetworkOf, portClaimProblems, resolveCluster } from '../../../stacks/model/resolve.ts';
import { engineArgsOf, placementWarnings } from '../../../stacks/model/hosts.ts';
import { quorumVoters, internalAddressOf } from '../../../stacks/render/listeners.ts';
import { healthCheckFor } from '../../../stacks/render/start-command.ts';
import { serverPropertiesFor } from '../../../stacks/render/server-properties.ts';

const lab = (n: number) => ({ docker: `unix:///run/kafkalab-lab-${n}.sock`, address: `10.250.${n}.2` });
const three = { 'lab-1': lab(1), 'lab-2': lab(2), 'lab-3': lab(3) };
const prop = (props: readonly (readonly [string, unknown])[], key: string): unknown => props.find(([k]) => k === key)?.[1];

describe('hosts: validation', () => {
  it.each([
    ['a placement naming an unknown host', { name: 'mh', hosts: three, placement: { '1': 'lab-9' } }, "'placement.1' ('lab-9') names no declared host: use 'lab-1', 'lab-2' or 'lab-3', or declare it under 'hosts'"],
    ['a placement naming an unknown node', { name: 'mh', hosts: three, placement: { '7': 'lab-1' } }, "'placement.7' ('lab-1') places node 7, which the cluster does not have: use one of the node ids 1, 2, 3"],
    ['an engine address of another scheme', { name: 'mh', hosts: { a: { docker: 'http://x', address: '10.0.0.1' } } }, "'hosts.a.docker' ('http://x') is not a Docker engine address: use 'unix:///var/run/docker.sock', 'ssh://user@host' or 'tcp://host:2376'"],
    ['an address that is not an address', { name: 'mh', hosts: { a: { docker: 'ssh://u@h', address: '10.0.0.300' } } }, "'hosts.a.address' ('10.0.0.300') is not an address: give an IPv4 address such as '10.0.0.12' or a DNS name such as 'kafka-a.example.net'"],
    ['an IPv6 address', { name: 'mh', hosts: { a: { docker: 'ssh://u@h', address: 'fe80::1' } } }, "'hosts.a.address' ('fe80::1') is an IPv6 address: give this host's IPv4 address or a DNS name that resolves to it"],
    ['TLS on a unix engine', { name: 'mh', hosts: { a: { ...lab(1), tls: { caPath: 'c', certPath: 'd', keyPath: 'e' } } } }, "'hosts.a.tls' ({\"caPath\":\"c\",\"certPath\":\"d\",\"keyPath\":\"e\"}) is only for a tcp:// engine, and 'hosts.a.docker' is 'unix:///run/kafkalab-lab-1.sock': remove 'tls' or use tcp://host:2376"],
    ['no hosts', { name: 'mh', hosts: {} }, "'hosts' ({}) must name at least one host: e.g. { \"a\": { \"docker\": \"ssh://kafka@10.0.0.12\", \"address\": \"10.0.0.12\" } }"],
    ['a placement without hosts', { name: 'mh', placement: { '1': 'a' } }, "'placement' ({\"1\":\"a\"}) places nodes on hosts, but the spec declares no 'hosts': declare them, or remove 'placement'"],
    ['Connect beside hosts', { name: 'mh', hosts: three, connect: true }, "'connect' (true) runs on the default engine's Docker network, which does not reach nodes placed on 'hosts' yet: remove 'connect' or 'hosts'"],
    ['a basePort without room', { name: 'mh', hosts: three, basePort: 65450 }, "'basePort' (65450) leaves no room for the placed nodes' listener ports (basePort..basePort+95): use at most 65440"],
  ])('refuses %s', (_t, spec, message) => {
    expect(validateSpec(spec as never)).toContain(message);
  });

  it('accepts IPv4 addresses and DNS names, and ZooKeeper is refused with the fix', () => {
    expect(validateSpec({ name: 'mh', hosts: { a: { docker: 'tcp://a:2376', address: 'kafka-a.example.net', tls: { caPath: 'c', certPath: 'd', keyPath: 'e' } }, b: lab(2) } })).toEqual([]);
    expect(validateSpec({ name: 'mh', mode: 'zookeeper', hosts: three })).toEqual([
      "'hosts' ([\"lab-1\",\"lab-2\",\"lab-3\"]) places nodes on hosts, which this tool does for KRaft clusters only: use mode 'kraft-combined' or 'kraft-dedicated', or remove 'hosts'",
    ]);
  });
});

describe('hosts: resolved placement', () => {
  it('spreads nodes round-robin, racks after the host, every listener on the host address', () => {
    const c = resolveCluster({ name: 'mh', hosts: three });
    expect(c.nodes.map((n) => [n.id, n.placed?.host.name, n.rack])).toEqual([[1, 'lab-1', 'lab-1'], [2, 'lab-2', 'lab-2'], [3, 'lab-3', 'lab-3']]);
    expect(bootstrapServers(c)).toEqual(['10.250.1.2:19092', '10.250.2.2:19093', '10.250.3.2:19094']);
    expect(quorumVoters(c)).toBe('1@10.250.1.2:19156,2@10.250.2.2:19157,3@10.250.3.2:19158');
    expect(internalAddressOf(c, c.nodes[1]!)).toBe('10.250.2.2:19125');
    const props = serverPropertiesFor(c, c.nodes[1]!);
    expect(prop(props, 'listeners')).toBe('INTERNAL://10.250.2.2:19125,EXTERNAL://10.250.2.2:19093,CONTROLLER://10.250.2.2:19157');
    expect(prop(props, 'advertised.listeners')).toBe('INTERNAL://10.250.2.2:19125,EXTERNAL://10.250.2.2:19093');
    expect(healthCheckFor(c, c.nodes[1]!)).toEqual(['CMD', 'bash', '-c', 'exec 3<>/dev/tcp/10.250.2.2/19125']);
    expect(clientNetworkOf(c)).toBe('host');
  });

  it('follows an explicit placement, keeps declared racks, and gives two nodes of one host their own ports', () => {
    const c = resolveCluster({ name: 'mh', mode: 'kraft-dedicated', brokers: 2, controllers: 1, racks: ['r1', 'r2'], hosts: { a: lab(1), b: lab(2) }, placement: { '1': 'a', '2': 'a' } });
    expect(c.nodes.map((n) => [n.id, n.placed?.host.name, n.rack ?? null])).toEqual([[101, 'a', null], [1, 'a', 'r1'], [2, 'a', 'r2']]);
    const ports = c.nodes.map((n) => [n.placed!.internalPorts.a, n.placed!.controllerPorts.a]);
    expect(new Set(ports.flat()).size).toBe(6);
  });

  it('leaves a cluster without hosts as it was: container names, 127.0.0.1, its own network', () => {
    const c = resolveCluster({ name: 'one' });
    expect(c.hosts).toBeUndefined();
    expect(c.nodes.every((n) => n.placed === undefined && n.rack === undefined)).toBe(true);
    expect(bootstrapServers(c)[0]).toBe('127.0.0.1:19092');
    expect(clientNetworkOf(c)).toBe('kafkalab-one');
  });
});

describe('hosts: ports clashing on one host', () => {
  it('refuses a second cluster with the same ports on a host the first uses, not on another host', () => {
    const a = resolveCluster({ name: 'mh-a', hosts: three });
    const b = resolveCluster({ name: 'mh-b', hosts: { 'lab-2': lab(2) } });
    expect(portClaimProblems(b, [a])).toEqual([
      "'basePort' (19092) claims port 19093 on 10.250.2.2 (host 'lab-2'), which cluster 'mh-a' also claims (19092..19158): choose a 'basePort' that keeps all 9 of its ports outside 19092..19158",
    ]);
    const elsewhere = resolveCluster({ name: 'mh-c', hosts: { x: { docker: 'ssh://u@x', address: '10.9.9.9' } } });
    expect(portClaimProblems(elsewhere, [a])).toEqual([]);
    expect(portClaimProblems(resolveCluster({ name: 'mh-d', hosts: three, basePort: 20092 }), [a])).toEqual([]);
  });
});

describe('hosts: warnings and engine args', () => {
  it('warns when a controller majority runs on one host', () => {
    expect(placementWarnings([{ id: 1, host: 'a' }, { id: 2, host: 'a' }, { id: 3, host: 'b' }])).toEqual([
      "2 of the 3 controllers run on host 'a': losing that host loses the quorum (place them on separate hosts with 'placement')",
    ]);
    expect(placementWarnings([{ id: 1, host: 'a' }, { id: 2, host: 'b' }, { id: 3, host: 'c' }])).toEqual([]);
  });

  it('passes TLS material to the docker CLI by path', () => {
    expect(engineArgsOf({ docker: 'tcp://h:2376', tls: { caPath: '/c', certPath: '/d', keyPath: '/e' } })).toEqual(['-H', 'tcp://h:2376', '--tlsverify', '--tlscacert', '/c', '--tlscert', '/d', '--tlskey', '/e']);
  });
});
