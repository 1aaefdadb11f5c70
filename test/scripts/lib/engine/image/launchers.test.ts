import { describe, expect, it } from 'vitest';
import { LAUNCHERS, resolveClass, resolveLaunchers } from '../../../../../scripts/lib/engine/image/launchers.ts';
import { StepError } from '../../../../../stacks/model/errors.ts';
import { classes39, classes4 } from './launcher-classes.ts';

describe('class resolution', () => {
  it('takes the first candidate present', () => {
    const candidates = ['org.apache.kafka.tools.AclCommand', 'kafka.admin.AclCommand'];
    expect(resolveClass(candidates, new Set(['kafka.admin.AclCommand']))).toBe('kafka.admin.AclCommand');
    expect(resolveClass(candidates, new Set(['kafka.admin.AclCommand', 'org.apache.kafka.tools.AclCommand']))).toBe(
      'org.apache.kafka.tools.AclCommand',
    );
    expect(resolveClass(candidates, new Set(['something.Else']))).toBeUndefined();
  });

  it('picks the 4.x classes and leaves ZooKeeper out', () => {
    const byName = new Map(resolveLaunchers('4.4.0', classes4).map((l) => [l.name, l.className]));
    expect(byName.get('kafka-acls')).toBe('org.apache.kafka.tools.AclCommand');
    expect(byName.get('kafka-configs')).toBe('org.apache.kafka.tools.ConfigCommand');
    expect(byName.get('kafka-console-producer')).toBe('org.apache.kafka.tools.ConsoleProducer');
    expect(byName.get('kafka-server-start')).toBe('kafka.Kafka');
    expect(byName.get('kafka-storage')).toBe('kafka.tools.StorageTool');
    expect(byName.has('zookeeper-server-start')).toBe(false);
  });

  it('picks the 3.9 classes, ZooKeeper included', () => {
    const byName = new Map(resolveLaunchers('3.9.1', classes39).map((l) => [l.name, l.className]));
    expect(byName.get('kafka-acls')).toBe('kafka.admin.AclCommand');
    expect(byName.get('kafka-configs')).toBe('kafka.admin.ConfigCommand');
    expect(byName.get('kafka-console-producer')).toBe('kafka.tools.ConsoleProducer');
    expect(byName.get('kafka-broker-api-versions')).toBe('kafka.admin.BrokerApiVersionsCommand');
    expect(byName.get('kafka-features')).toBe('org.apache.kafka.tools.FeatureCommand');
    expect(byName.get('zookeeper-server-start')).toBe('org.apache.zookeeper.server.quorum.QuorumPeerMain');
  });

  it('fails naming the tool when no candidate exists', () => {
    const classes = new Set([...classes4].filter((c) => !c.endsWith('AclCommand')));
    expect(() => resolveLaunchers('4.4.0', classes)).toThrow(StepError);
    expect(() => resolveLaunchers('4.4.0', classes)).toThrow(/kafka-acls\.sh/);
  });

  it('has one launcher per official name, without duplicates', () => {
    const names = LAUNCHERS.map((l) => l.name);
    expect(new Set(names).size).toBe(names.length);
    for (const n of [
      'kafka-server-start',
      'kafka-storage',
      'kafka-topics',
      'kafka-configs',
      'kafka-acls',
      'kafka-metadata-quorum',
      'kafka-consumer-groups',
      'kafka-console-producer',
      'kafka-console-consumer',
      'kafka-producer-perf-test',
      'zookeeper-server-start',
      'kafka-reassign-partitions',
      'kafka-leader-election',
      'kafka-broker-api-versions',
      'kafka-get-offsets',
      'kafka-verifiable-producer',
      'kafka-verifiable-consumer',
      'kafka-transactions',
      'kafka-features',
    ]) {
      expect(names).toContain(n);
    }
  });
});
