import { describe, expect, it } from 'vitest';
import { resolveCluster } from '../../../stacks/model/resolve.ts';
import { buildDescriptor, renderClientProperties, renderKafkajsConfig } from '../../../scripts/lib/descriptor.ts';

const d = buildDescriptor(resolveCluster({ name: 'kraft-3' }), '/state/kraft-3');

describe('connection descriptor', () => {
  it('holds the bootstrap servers, protocol and client file paths', () => {
    expect(d).toMatchObject({
      cluster: 'kraft-3',
      bootstrapServers: ['127.0.0.1:19092', '127.0.0.1:19093', '127.0.0.1:19094'],
      securityProtocol: 'PLAINTEXT',
      clientProperties: '/state/kraft-3/client.properties',
      kafkajsConfig: '/state/kraft-3/kafkajs.json',
      network: 'kafkalab-kraft-3',
    });
    expect(d.nodes[1]).toEqual({
      id: 2,
      roles: ['broker', 'controller'],
      container: 'kafkalab-kraft-3-kafka-2',
      externalAddress: '127.0.0.1:19093',
      internalAddress: 'kafka-2:9092',
    });
  });

  it('renders client.properties for the CLI tools', () => {
    expect(renderClientProperties(d)).toContain('bootstrap.servers=127.0.0.1:19092,127.0.0.1:19093,127.0.0.1:19094\nsecurity.protocol=PLAINTEXT\n');
  });

  it('renders a kafkajs config', () => {
    expect(JSON.parse(renderKafkajsConfig(d))).toEqual({
      clientId: 'kafkalab-kraft-3',
      brokers: ['127.0.0.1:19092', '127.0.0.1:19093', '127.0.0.1:19094'],
      ssl: false,
    });
  });
});
