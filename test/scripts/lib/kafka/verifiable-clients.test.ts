import { describe, expect, it } from 'vitest';
import { resolveCluster } from '../../../../stacks/model/resolve.ts';
import {
  consumerCommand,
  producerCommand,
  renderConsumerConfig,
  renderProducerConfig,
  validateTopicFor,
} from '../../../../scripts/lib/kafka/verifiable-clients.ts';

const kraft = resolveCluster({ name: 'roll-t' });
const zk = resolveCluster({ name: 'roll-t', mode: 'zookeeper', zookeepers: 1, brokers: 3, security: { mode: 'plaintext' } });

describe('validation topic', () => {
  it('has RF min(3, brokers) and min.insync.replicas min(2, RF)', () => {
    expect(validateTopicFor(kraft)).toEqual({ partitions: 3, replicationFactor: 3, minInsyncReplicas: 2 });
    expect(validateTopicFor(resolveCluster({ name: 'roll-t', brokers: 1 }))).toEqual({ partitions: 1, replicationFactor: 1, minInsyncReplicas: 1 });
    expect(validateTopicFor(resolveCluster({ name: 'roll-t', brokers: 2 }))).toEqual({ partitions: 2, replicationFactor: 2, minInsyncReplicas: 2 });
  });
});

describe('verifiable client commands', () => {
  it('producer: acks=all, this run\'s prefix, keys spread over partitions, every internal listener; 4.x --command-config', () => {
    expect(producerCommand(kraft, { topic: 't', prefix: 42, throughput: 100, keys: 64 })).toEqual([
      'kafka-verifiable-producer.sh',
      '--bootstrap-server', 'kafka-1:9092,kafka-2:9092,kafka-3:9092',
      '--topic', 't',
      '--acks', '-1',
      '--throughput', '100',
      '--value-prefix', '42',
      '--repeating-keys', '64',
      '--command-config', '/run/kafkalab/producer.properties',
    ]);
  });

  it('3.9 has only --producer.config / --consumer.config', () => {
    expect(producerCommand(zk, { topic: 't', prefix: 1, throughput: 10, keys: 8 }).slice(-2)).toEqual(['--producer.config', '/run/kafkalab/producer.properties']);
    expect(consumerCommand(zk, { topic: 't', group: 'g' }).slice(-2)).toEqual(['--consumer.config', '/run/kafkalab/consumer.properties']);
  });

  it('consumer: a group from the earliest offset, every record printed', () => {
    expect(consumerCommand(kraft, { topic: 't', group: 'g' })).toEqual([
      'kafka-verifiable-consumer.sh',
      '--bootstrap-server', 'kafka-1:9092,kafka-2:9092,kafka-3:9092',
      '--topic', 't',
      '--group-id', 'g',
      '--reset-policy', 'earliest',
      '--verbose',
      '--command-config', '/run/kafkalab/consumer.properties',
    ]);
  });
});

describe('client configs', () => {
  it('producer: the cluster security as the admin (secrets by path), idempotent, acks=all, retries over the tool\'s 0', () => {
    const text = renderProducerConfig(kraft);
    expect(text).toContain('security.protocol=SASL_SSL');
    expect(text).toContain('ssl.truststore.location=/run/kafkalab/truststore.pem');
    expect(text).toContain('sasl.mechanism=SCRAM-SHA-512');
    expect(text).toMatch(/sasl\.jaas\.config=.*username="admin" password="\$\{file:\/run\/kafkalab\/passwords\.properties:/);
    expect(text).toContain('enable.idempotence=true');
    expect(text).toContain('acks=all');
    expect(text).toContain('retries=2147483647');
    expect(text).toContain('linger.ms=200');
    expect(text).not.toMatch(/password="[^$]/);
  });

  it('consumer: the security and batched fetches; plaintext needs nothing else', () => {
    expect(renderConsumerConfig(zk).split('\n').filter((l) => l && !l.startsWith('#'))).toEqual(['security.protocol=PLAINTEXT', 'fetch.min.bytes=4096', 'fetch.max.wait.ms=500']);
  });
});
