import { describe, expect, it } from 'vitest';
import { DYNAMIC_KEYS, configUpdateMode } from '../../../stacks/model/dynamic-keys.ts';
import { resolveCluster } from '../../../stacks/model/resolve.ts';
import { renderServerProperties } from '../../../stacks/render/server-properties.ts';

describe('configUpdateMode', () => {
  it("follows each version's own list", () => {
    expect(configUpdateMode('4.4.0', 'log.retention.ms')).toBe('cluster-wide');
    expect(configUpdateMode('4.4.0', 'ssl.cipher.suites')).toBe('per-broker');
    expect(configUpdateMode('4.4.0', 'num.partitions')).toBe('read-only');
    // Removed in 4.0 with message format v0/v1: dynamic in 3.9, unknown (so read-only) in 4.4.
    expect(configUpdateMode('3.9.1', 'log.message.downconversion.enable')).toBe('cluster-wide');
    expect(configUpdateMode('4.4.0', 'log.message.downconversion.enable')).toBe('read-only');
  });

  it('has no key in both modes', () => {
    for (const keys of Object.values(DYNAMIC_KEYS)) expect(keys.clusterWide.filter((k) => keys.perBroker.includes(k))).toEqual([]);
  });
});

describe('dynamic config in the resolved cluster', () => {
  const cluster = resolveCluster({
    name: 'dyn',
    config: { 'log.retention.ms': 3_600_000, 'num.partitions': 6 },
    nodeConfig: { '2': { 'num.io.threads': 4, 'socket.send.buffer.bytes': 204800 } },
  });

  it('keeps cluster-wide dynamic keys out of server.properties and the rest in', () => {
    const props = renderServerProperties(cluster, cluster.nodes[1]!);
    expect(props).not.toContain('log.retention.ms');
    expect(props).not.toContain('num.io.threads');
    expect(props).toContain('num.partitions=6');
    expect(props).toContain('socket.send.buffer.bytes=204800');
  });

  it('collects them as cluster-wide and per-broker dynamic config', () => {
    expect(cluster.dynamicConfig).toEqual({ clusterWide: { 'log.retention.ms': '3600000' }, perBroker: { '2': { 'num.io.threads': '4' } } });
  });

  it('leaves a dedicated controller all of its own config in its file', () => {
    const c = resolveCluster({ name: 'ded', mode: 'kraft-dedicated', nodeConfig: { '101': { 'num.io.threads': 4 } } });
    expect(renderServerProperties(c, c.nodes[0]!)).toContain('num.io.threads=4');
    expect(c.dynamicConfig.perBroker).toEqual({});
  });
});
