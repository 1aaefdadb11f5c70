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

  it('offers the first preset that fits', () => {
    expect(presetFor(needs3)).toBe('kraft-3');
    expect(presetFor({ minBrokers: 4, mode: 'any', security: 'any' })).toBeUndefined();
  });

  it('describes needs in a few words', () => {
    expect(describeNeeds({ minBrokers: 3, mode: 'kraft', security: 'sasl' })).toBe('3+ brokers, kraft, sasl');
    expect(describeNeeds({ minBrokers: 1, mode: 'any', security: 'any' })).toBe('1+ brokers');
  });
});
