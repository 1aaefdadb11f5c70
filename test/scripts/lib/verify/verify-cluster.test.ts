import { describe, expect, it } from 'vitest';
import { resolveCluster } from '../../../../stacks/model/resolve.ts';
import type { ClusterSpec } from '../../../../stacks/model/spec.ts';
import { VERIFY_CHECKS } from '../../../../scripts/lib/verify/verify-cluster.ts';

/** The names of the checks that apply to a cluster of this shape, in report order. */
const applying = (spec: ClusterSpec): string[] => {
  const cluster = resolveCluster(spec);
  return VERIFY_CHECKS.filter((c) => c.applies(cluster)).map((c) => c.name(cluster));
};

describe('VERIFY_CHECKS', () => {
  it('has unique ids, and every requirement names an earlier check', () => {
    const ids = VERIFY_CHECKS.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    VERIFY_CHECKS.forEach((c, i) => {
      for (const r of c.requires ?? []) expect(ids.slice(0, i)).toContain(r);
    });
  });

  it('only the containers check stops the verify when it fails; the round trip needs the topic', () => {
    expect(VERIFY_CHECKS.filter((c) => c.stopsOnFailure).map((c) => c.id)).toEqual(['containers-running']);
    expect(VERIFY_CHECKS.find((c) => c.id === 'records-round-trip')?.requires).toEqual(['verify-topic']);
  });

  it('a default KRaft cluster (the preset kraft-3): quorum checks, its access example, certificates', () => {
    expect(applying({ name: 'kraft-3' })).toEqual([
      'containers running',
      'brokers registered',
      'quorum has a leader',
      'voters caught up',
      'active controller',
      "topic 'kafkalab-verify' with replication factor 3",
      'records through every broker come back',
      'no under-replicated partitions',
      'access: topics, users and ACLs',
      'certificates valid',
    ]);
  });

  it('a ZooKeeper cluster: the ensemble and an elected controller instead of the KRaft quorum', () => {
    const names = applying({ name: 'verify-t', mode: 'zookeeper', kafkaVersion: '3.9.1', brokers: 3 });
    expect(names.slice(0, 4)).toEqual(['containers running', 'brokers registered', 'zookeeper ensemble has one leader', 'active controller']);
    expect(names).not.toContain('quorum has a leader');
    expect(names).not.toContain('voters caught up');
  });

  it('the replication factor of the verify topic is the broker count', () => {
    expect(applying({ name: 'verify-t', brokers: 1 })).toContain("topic 'kafkalab-verify' with replication factor 1");
  });

  it('plaintext and without an access spec: no certificates, no access', () => {
    const names = applying({ name: 'verify-t', security: { mode: 'plaintext' } });
    expect(names).not.toContain('certificates valid');
    expect(names).not.toContain('access: topics, users and ACLs');
    expect(names.at(-1)).toBe('no under-replicated partitions');
  });

  it('racks with three or more brokers: the rack spread check, before under-replication', () => {
    const names = applying({ name: 'verify-t', brokers: 3, racks: ['a', 'b', 'c'] });
    expect(names.slice(6, 9)).toEqual(['records through every broker come back', 'replicas of an RF-3 topic on distinct racks', 'no under-replicated partitions']);
    expect(applying({ name: 'verify-t', brokers: 2, racks: ['a', 'b'] })).not.toContain('replicas of an RF-3 topic on distinct racks');
    expect(applying({ name: 'verify-t', brokers: 3 })).not.toContain('replicas of an RF-3 topic on distinct racks');
  });

  it('declared dynamic config: checked after under-replication', () => {
    const names = applying({ name: 'verify-t', config: { 'background.threads': 12 } });
    expect(names.slice(-2)).toEqual(['dynamic config in effect', 'certificates valid']);
    expect(applying({ name: 'verify-t' })).not.toContain('dynamic config in effect');
  });
});
