import { describe, expect, it } from 'vitest';
import { resolveCluster } from '../../../stacks/model/resolve.ts';
import { renderServerProperties, serverPropertiesFor } from '../../../stacks/render/server-properties.ts';
import { renderProperties } from '../../../stacks/render/properties.ts';

const cluster = resolveCluster({ name: 'kraft-3', security: { mode: 'plaintext' } });
const node2 = cluster.nodes[1]!;

describe('serverPropertiesFor', () => {
  it('renders a combined KRaft node with three listeners', () => {
    const props = Object.fromEntries(serverPropertiesFor(cluster, node2));
    expect(props).toMatchObject({
      'process.roles': 'broker,controller',
      'node.id': 2,
      'controller.quorum.voters': '1@kafka-1:9093,2@kafka-2:9093,3@kafka-3:9093',
      'controller.listener.names': 'CONTROLLER',
      listeners: 'INTERNAL://:9092,EXTERNAL://:9094,CONTROLLER://:9093',
      'advertised.listeners': 'INTERNAL://kafkalab-kraft-3-kafka-2:9092,EXTERNAL://127.0.0.1:19093',
      'inter.broker.listener.name': 'INTERNAL',
      'listener.security.protocol.map': 'INTERNAL:PLAINTEXT,EXTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT',
      'log.dirs': '/var/lib/kafka/data',
      'default.replication.factor': 3,
      'min.insync.replicas': 2,
      'offsets.topic.replication.factor': 3,
      'transaction.state.log.replication.factor': 3,
      'transaction.state.log.min.isr': 2,
    });
  });

  it('scales replication down for a single node', () => {
    const one = resolveCluster({ name: 'solo', brokers: 1 });
    const props = Object.fromEntries(serverPropertiesFor(one, one.nodes[0]!));
    expect(props['offsets.topic.replication.factor']).toBe(1);
    expect(props['min.insync.replicas']).toBe(1);
    expect(props['transaction.state.log.min.isr']).toBe(1);
    expect(props['controller.quorum.voters']).toBe('1@kafka-1:9093');
  });

  it('asks every KRaft node for an early metadata snapshot (SCRAM credentials survive a replay), and lets a user override it', () => {
    const dedicated = resolveCluster({ name: 'ded', mode: 'kraft-dedicated', controllers: 3, brokers: 2 });
    for (const n of [...cluster.nodes, ...dedicated.nodes]) {
      expect(Object.fromEntries(serverPropertiesFor(n.roles.length === 2 ? cluster : dedicated, n))['metadata.log.max.snapshot.interval.ms']).toBe(30000);
    }
    const zk = resolveCluster({ name: 'zk', mode: 'zookeeper', zookeepers: 1, brokers: 1, kafkaVersion: '3.9.1' });
    expect(Object.fromEntries(serverPropertiesFor(zk, zk.nodes[0]!))['metadata.log.max.snapshot.interval.ms']).toBeUndefined();
    const tuned = resolveCluster({ name: 'tuned', brokers: 1, config: { 'metadata.log.max.snapshot.interval.ms': '600000' } });
    const props = serverPropertiesFor(tuned, tuned.nodes[0]!).filter(([k]) => k === 'metadata.log.max.snapshot.interval.ms');
    expect(props).toEqual([['metadata.log.max.snapshot.interval.ms', '600000']]);
  });

  it('never binds or advertises the wildcard address', () => {
    const text = renderServerProperties(cluster, node2);
    expect(text).not.toContain('0.0.0.0');
    expect(text.startsWith('# cluster kraft-3, node 2 (broker+controller), Kafka 4.4.0, kraft-combined, security plaintext')).toBe(true);
    expect(text).toContain('\nnode.id=2\n');
  });
});

describe('renderProperties', () => {
  it('escapes backslashes, newlines and a leading space', () => {
    expect(renderProperties([['a', 'x\\y'], ['b', 'line1\nline2'], ['c', ' lead']])).toBe('a=x\\\\y\nb=line1\\nline2\nc=\\ lead\n');
  });
});
