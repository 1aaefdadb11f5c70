import { describe, expect, it } from 'vitest';
import { resolveCluster } from '../../../../../../stacks/model/resolve.ts';
import { describeNeeds, presetFor, shapeProblems, startRefusal } from '../../../../../../scripts/lib/practice/drills/kit/shape.ts';

describe('cluster shape', () => {
  const needs3 = { minBrokers: 3, mode: 'any', security: 'any' } as const;

  it('accepts a cluster that fits', () => {
    expect(shapeProblems(needs3, resolveCluster({ name: 'kraft-3' }))).toEqual([]);
    expect(shapeProblems({ minBrokers: 1, mode: 'kraft', security: 'sasl' }, resolveCluster({ name: 'kraft-dedicated', mode: 'kraft-dedicated' }))).toEqual([]);
  });

  it('names what is missing, with the numbers', () => {
    expect(shapeProblems(needs3, resolveCluster({ name: 'solo', brokers: 1 }))).toEqual(["needs 3 brokers; cluster 'solo' has 1"]);
    expect(shapeProblems({ minBrokers: 1, mode: 'kraft', security: 'any' }, resolveCluster({ name: 'zk', mode: 'zookeeper' }))).toEqual(["needs a KRaft cluster; cluster 'zk' runs in zookeeper mode"]);
    expect(shapeProblems({ minBrokers: 1, mode: 'any', security: 'sasl' }, resolveCluster({ name: 'plain', security: { mode: 'plaintext' } }))).toEqual([
      "needs SCRAM users and an authorizer (security sasl_ssl or sasl_plaintext); cluster 'plain' runs security 'plaintext'",
    ]);
  });

  it('names the fix when a drill needs monitoring and the cluster runs without it', () => {
    const needs = { minBrokers: 3, mode: 'any', security: 'any', monitoring: true } as const;
    const fix = "needs monitoring (Prometheus, the exporters, the dashboards); cluster 'kraft-3' runs without it: turn it on with npm run up -- --cluster kraft-3 --monitoring (it rolls the nodes one at a time)";
    expect(shapeProblems(needs, resolveCluster({ name: 'kraft-3' }))).toEqual([fix]);
    expect(shapeProblems(needs, resolveCluster({ name: 'kraft-3', monitoring: true }))).toEqual([]);
    expect(startRefusal('leftover-throttle', needs, resolveCluster({ name: 'kraft-3' }))).toBe(`drill 'leftover-throttle' ${fix}`);
    expect(startRefusal('leftover-throttle', needs, resolveCluster({ name: 'kraft-3', monitoring: true }))).toBeUndefined();
    // A cluster of the wrong shape, too: the preset that fits, with monitoring on.
    expect(startRefusal('leftover-throttle', needs, resolveCluster({ name: 'solo', brokers: 1 }))).toBe(
      "drill 'leftover-throttle' needs 3 brokers; cluster 'solo' has 1; needs monitoring (Prometheus, the exporters, the dashboards); cluster 'solo' runs without it: turn it on with npm run up -- --cluster solo --monitoring (it rolls the nodes one at a time): run npm run up -- --cluster kraft-3 --monitoring, then npm run drill -- start leftover-throttle --cluster kraft-3",
    );
    expect(presetFor(needs)).toBe('kraft-3');
    expect(describeNeeds(needs)).toBe('3+ brokers, monitoring');
  });

  it('names the fix when a drill needs Kafka Connect and the cluster runs without it', () => {
    const needs = { minBrokers: 1, mode: 'any', security: 'any', connect: true } as const;
    const fix = "needs Kafka Connect (distributed workers and their REST API); cluster 'kraft-3' runs without it: turn it on with npm run up -- --cluster kraft-3 --connect";
    expect(shapeProblems(needs, resolveCluster({ name: 'kraft-3' }))).toEqual([fix]);
    expect(shapeProblems(needs, resolveCluster({ name: 'kraft-3', connect: true }))).toEqual([]);
    expect(startRefusal('restart-failed-task', needs, resolveCluster({ name: 'kraft-3' }))).toBe(`drill 'restart-failed-task' ${fix}`);
    expect(startRefusal('restart-failed-task', needs, resolveCluster({ name: 'kraft-3', connect: { workers: 2 } }))).toBeUndefined();
    // A cluster of the wrong shape, too: the preset that fits, with Connect on.
    const needs3 = { ...needs, minBrokers: 3 };
    expect(startRefusal('x', needs3, resolveCluster({ name: 'solo', brokers: 1 }))).toBe(
      "drill 'x' needs 3 brokers; cluster 'solo' has 1; needs Kafka Connect (distributed workers and their REST API); cluster 'solo' runs without it: turn it on with npm run up -- --cluster solo --connect: run npm run up -- --cluster kraft-3 --connect, then npm run drill -- start x --cluster kraft-3",
    );
    expect(presetFor(needs)).toBe('kraft-3');
    expect(describeNeeds(needs)).toBe('1+ brokers, connect');
  });

  it('names the fix when a drill needs a Schema Registry and the cluster runs without one', () => {
    const needs = { minBrokers: 1, mode: 'any', security: 'any', schemaRegistry: true } as const;
    const fix = "needs a Schema Registry (its Confluent-compatible API); cluster 'kraft-3' runs without one: turn it on with npm run up -- --cluster kraft-3 --schema-registry";
    expect(shapeProblems(needs, resolveCluster({ name: 'kraft-3' }))).toEqual([fix]);
    expect(shapeProblems(needs, resolveCluster({ name: 'kraft-3', schemaRegistry: true }))).toEqual([]);
    expect(shapeProblems(needs, resolveCluster({ name: 'kraft-3', schemaRegistry: { heapMiB: 768 } }))).toEqual([]);
    expect(startRefusal('evolve-schema-compatibly', needs, resolveCluster({ name: 'kraft-3' }))).toBe(`drill 'evolve-schema-compatibly' ${fix}`);
    expect(startRefusal('evolve-schema-compatibly', needs, resolveCluster({ name: 'kraft-3', schemaRegistry: true }))).toBeUndefined();
    // A cluster of the wrong shape, too: the preset that fits, with the registry on.
    const needs3 = { ...needs, minBrokers: 3 };
    expect(startRefusal('x', needs3, resolveCluster({ name: 'solo', brokers: 1 }))).toBe(
      "drill 'x' needs 3 brokers; cluster 'solo' has 1; needs a Schema Registry (its Confluent-compatible API); cluster 'solo' runs without one: turn it on with npm run up -- --cluster solo --schema-registry: run npm run up -- --cluster kraft-3 --schema-registry, then npm run drill -- start x --cluster kraft-3",
    );
    // With Connect too: both flags, in the order up documents them.
    expect(startRefusal('x', { ...needs3, connect: true }, resolveCluster({ name: 'solo', brokers: 1 }))).toContain('run npm run up -- --cluster kraft-3 --connect --schema-registry, then');
    expect(presetFor(needs)).toBe('kraft-3');
    expect(describeNeeds(needs)).toBe('1+ brokers, schema registry');
  });

  it('names the fix when a drill needs nodes on lab hosts, and what keeps a placement from losing one host', () => {
    const needs = { minBrokers: 3, mode: 'kraft', security: 'any', labHosts: true } as const;
    const lab = (ks: readonly number[]) => Object.fromEntries(ks.map((k) => [`lab-${k}`, { docker: `unix:///run/kafkalab-lab-${k}.sock`, address: `10.250.${k}.2` }]));
    const fix = 'npm run lab-hosts -- up prints the "hosts" of a spec file; deploy a spec with them (docs/lab-hosts.md)';
    expect(shapeProblems(needs, resolveCluster({ name: 'kraft-3' }))).toEqual([
      `needs nodes placed on lab hosts (\`hosts\` in the spec from npm run lab-hosts -- up); cluster 'kraft-3' runs every node on the default engine: ${fix}`,
    ]);
    expect(shapeProblems(needs, resolveCluster({ name: 'mh-lab', basePort: 27092, hosts: lab([1, 2, 3]) }))).toEqual([]);
    // The spec may call its hosts anything: the engine tells a lab host.
    const renamed = { a: { docker: 'unix:///run/kafkalab-lab-1.sock', address: '10.250.1.2' }, b: { docker: 'unix:///run/kafkalab-lab-2.sock', address: '10.250.2.2' }, c: { docker: 'unix:///run/kafkalab-lab-3.sock', address: '10.250.3.2' } };
    expect(shapeProblems(needs, resolveCluster({ name: 'mh', basePort: 27092, hosts: renamed }))).toEqual([]);
    const remote = { ...lab([1, 2]), far: { docker: 'ssh://kafka@10.0.0.13', address: '10.0.0.13' } };
    expect(shapeProblems(needs, resolveCluster({ name: 'mh', basePort: 27092, hosts: remote }))).toEqual([
      `needs every node on a lab host (an engine unix:///run/kafkalab-lab-K.sock); in cluster 'mh' node 3 runs on host 'far' (ssh://kafka@10.0.0.13): ${fix}`,
    ]);
    // Three nodes on two hosts: lab-1 holds 2 of the 3 controllers, and its loss leaves 1 broker.
    expect(shapeProblems(needs, resolveCluster({ name: 'two', basePort: 27092, hosts: lab([1, 2]) }))).toEqual([
      "needs no host holding a majority of the controllers (losing it would lose the quorum); in cluster 'two' host 'lab-1' holds 2 of 3: spread them with 'placement'",
      "needs 2 brokers off every host, so that acks=all writes (min.insync.replicas=2) still work with one host lost; in cluster 'two' 1 runs off host 'lab-1': add brokers or spread them with 'placement'",
    ]);
    // No preset has lab hosts: the refusal offers none, only the fix.
    expect(startRefusal('lose-a-host', needs, resolveCluster({ name: 'kraft-3' }))).toBe(`drill 'lose-a-host' needs nodes placed on lab hosts (\`hosts\` in the spec from npm run lab-hosts -- up); cluster 'kraft-3' runs every node on the default engine: ${fix}`);
    expect(startRefusal('lose-a-host', needs, resolveCluster({ name: 'solo', brokers: 1 }))).not.toContain('npm run up -- --cluster kraft-3');
    expect(presetFor(needs)).toBe('kraft-3');
    expect(describeNeeds(needs)).toBe('3+ brokers, kraft, lab hosts');
  });

  it('refuses the drills proven on one engine only on a cluster placed on hosts, with the fix', () => {
    const oneEngine = { minBrokers: 3, mode: 'any', security: 'any' } as const;
    const hosts = Object.fromEntries([1, 2, 3].map((k) => [`lab-${k}`, { docker: `unix:///run/kafkalab-lab-${k}.sock`, address: `10.250.${k}.2` }]));
    const placed = resolveCluster({ name: 'mh-lab', basePort: 27092, hosts });
    expect(shapeProblems(oneEngine, placed)).toEqual([
      "is proven on clusters of one engine only; cluster 'mh-lab' places its nodes on hosts ('hosts' in its spec): run it on a cluster without hosts, e.g. --cluster kraft-3",
    ]);
    expect(shapeProblems(oneEngine, resolveCluster({ name: 'kraft-3' }))).toEqual([]);
  });

  it('offers the first preset that fits', () => {
    expect(presetFor(needs3)).toBe('kraft-3');
    expect(presetFor({ minBrokers: 4, mode: 'any', security: 'any' })).toBeUndefined();
  });

  it('describes needs in a few words', () => {
    expect(describeNeeds({ minBrokers: 3, mode: 'kraft', security: 'sasl' })).toBe('3+ brokers, kraft, sasl');
    expect(describeNeeds({ minBrokers: 1, mode: 'any', security: 'any' })).toBe('1+ brokers');
  });
});
