import { describe, expect, it } from 'vitest';
import { aclDrift, connectorDrift, liveTopics, topicDrift } from '../../../../scripts/lib/access/drift.ts';
import type { AclBinding } from '../../../../scripts/lib/kafka/index.ts';
import { DEFAULT_ACCESS } from '../../../../stacks/model/access-presets.ts';
import { resolveAccess } from '../../../../stacks/model/access-validate.ts';
import { resolveCluster } from '../../../../stacks/model/resolve.ts';

const cluster = resolveCluster({ name: 'kraft-3' });
// The example's `orders` topic alone (its connector's topic would be missing from every live view here).
const access = resolveAccess({ ...DEFAULT_ACCESS, topics: DEFAULT_ACCESS.topics!.filter((t) => t.name === 'orders') }, cluster);
const part = (topic: string, partition: number, replicas: number[]) => ({ topic, partition, leader: replicas[0]!, replicas, isr: replicas });
const asLive = (): AclBinding[] => access.acls.map(({ origin: _origin, ...a }) => ({ ...a }));

describe('liveTopics', () => {
  it('counts partitions and takes the replica count, with the topic overrides', () => {
    const live = liveTopics([part('orders', 0, [1, 2, 3]), part('orders', 1, [2, 3, 1]), part('x', 0, [1])], { orders: { 'retention.ms': '1' } });
    expect(live).toEqual({
      orders: { partitions: 2, replicationFactor: 3, config: { 'retention.ms': '1' } },
      x: { partitions: 1, replicationFactor: 1, config: {} },
    });
  });
});

describe('topicDrift', () => {
  const orders = { partitions: 3, replicationFactor: 3, config: { 'retention.ms': '604800000' } };

  it('finds none when the topic is as declared', () => {
    expect(topicDrift(access.topics, { orders })).toEqual([]);
  });

  it('names a config changed behind the tool, one set that nobody declared, and a missing one', () => {
    expect(topicDrift(access.topics, { orders: { ...orders, config: { 'retention.ms': '1000', 'cleanup.policy': 'compact' } } })).toEqual([
      "topic 'orders': retention.ms is '1000', declared '604800000'",
      "topic 'orders': cleanup.policy is 'compact', not declared",
    ]);
    expect(topicDrift(access.topics, { orders: { ...orders, config: {} } })).toEqual(["topic 'orders': retention.ms is not set, declared '604800000'"]);
  });

  it('names partitions, replication factor and a deleted topic', () => {
    expect(topicDrift(access.topics, { orders: { ...orders, partitions: 6, replicationFactor: 2 } })).toEqual([
      "topic 'orders': 6 partitions, declared 3",
      "topic 'orders': replication factor 2, declared 3",
    ]);
    expect(topicDrift(access.topics, {})).toEqual(["topic 'orders' is missing"]);
  });
});

describe('aclDrift', () => {
  it('finds none when Kafka holds exactly the declared bindings (others users are not its business)', () => {
    const foreign: AclBinding = { principal: 'User:someone', resourceType: 'topic', resourceName: 'x', pattern: 'literal', operation: 'read', permission: 'allow', host: '*' };
    expect(aclDrift(access, [...asLive(), foreign])).toEqual([]);
  });

  it('names a missing binding with where it was declared, and an extra grant to a declared user', () => {
    const live = asLive().filter((a) => !(a.principal === 'User:orders-producer' && a.operation === 'write'));
    live.push({ principal: 'User:orders-producer', resourceType: 'topic', resourceName: 'orders', pattern: 'literal', operation: 'read', permission: 'allow', host: '*' });
    expect(aclDrift(access, live)).toEqual([
      "missing: allow User:orders-producer write on topic 'orders' (users[0].roles[0] (producer of topic 'orders'))",
      "not declared: allow User:orders-producer read on topic 'orders'",
    ]);
  });
});

describe('connectorDrift', () => {
  const declared = [
    {
      name: 'in-file',
      class: 'org.apache.kafka.connect.file.FileStreamSourceConnector',
      type: 'source' as const,
      tasksMax: 1,
      topics: ['in'],
      config: { name: 'in-file', 'connector.class': 'org.apache.kafka.connect.file.FileStreamSourceConnector', 'tasks.max': '1', file: '/f', topic: 'in' },
    },
  ];

  it('finds none when Connect holds the declared config', () => {
    expect(connectorDrift(declared, { 'in-file': { ...declared[0]!.config } })).toEqual([]);
  });

  it('names a missing connector, a changed key, one nobody declared and one gone', () => {
    expect(connectorDrift(declared, {})).toEqual(["connector 'in-file' is missing"]);
    const { file: _file, ...rest } = declared[0]!.config;
    expect(connectorDrift(declared, { 'in-file': { ...rest, topic: 'other', 'errors.tolerance': 'all' } })).toEqual([
      "connector 'in-file': file is not set, declared '/f'",
      "connector 'in-file': topic is 'other', declared 'in'",
      "connector 'in-file': errors.tolerance is 'all', not declared",
    ]);
  });
});
