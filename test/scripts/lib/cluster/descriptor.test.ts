import { describe, expect, it } from 'vitest';
import { resolveCluster } from '../../../../stacks/model/resolve.ts';
import { buildDescriptor, renderClientProperties, renderKafkajsConfig, renderKcatConfig } from '../../../../scripts/lib/cluster/descriptor.ts';

const plain = buildDescriptor(resolveCluster({ name: 'kraft-3', security: { mode: 'plaintext' } }), '/state/kraft-3');
const secure = buildDescriptor(resolveCluster({ name: 'kraft-3' }), '/state/kraft-3');
const mtls = buildDescriptor(resolveCluster({ name: 'kraft-3', security: { mode: 'mtls' } }), '/state/kraft-3');

describe('connection descriptor', () => {
  it('holds the bootstrap servers, protocol and client file paths', () => {
    expect(plain).toMatchObject({
      cluster: 'kraft-3',
      bootstrapServers: ['127.0.0.1:19092', '127.0.0.1:19093', '127.0.0.1:19094'],
      securityMode: 'plaintext',
      securityProtocol: 'PLAINTEXT',
      clientProperties: '/state/kraft-3/client.properties',
      kafkajsConfig: '/state/kraft-3/kafkajs.json',
      kcatConfig: '/state/kraft-3/kcat.conf',
      network: 'kafkalab-kraft-3',
    });
    expect(plain.ssl).toBeUndefined();
    expect(plain.sasl).toBeUndefined();
    expect(plain.nodes[1]).toEqual({
      id: 2,
      roles: ['broker', 'controller'],
      container: 'kafkalab-kraft-3-kafka-2',
      externalAddress: '127.0.0.1:19093',
      internalAddress: 'kafka-2:9092',
    });
  });

  it('adds ssl (CA only) and sasl (password by path) in the default sasl_ssl mode', () => {
    expect(secure.securityProtocol).toBe('SASL_SSL');
    expect(secure.ssl).toEqual({ caPath: expect.stringMatching(/secrets\/pki\/truststore\.pem$/) });
    expect(secure.sasl).toEqual({ mechanism: 'SCRAM-SHA-512', username: 'admin', passwordPath: expect.stringMatching(/secrets\/passwords\/admin$/) });
  });

  it('adds the admin certificate and key only under mtls', () => {
    expect(mtls.ssl).toEqual({
      caPath: expect.stringMatching(/truststore\.pem$/),
      certPath: expect.stringMatching(/clients\/admin\/client\.crt$/),
      keyPath: expect.stringMatching(/clients\/admin\/client\.key$/),
    });
    expect(mtls.sasl).toBeUndefined();
  });

  it('renders client.properties for the CLI tools, the password by FileConfigProvider', () => {
    expect(renderClientProperties(plain)).toContain('bootstrap.servers=127.0.0.1:19092,127.0.0.1:19093,127.0.0.1:19094\nsecurity.protocol=PLAINTEXT\n');
    const text = renderClientProperties(secure, '/state/pw.properties');
    expect(text).toContain('security.protocol=SASL_SSL\n');
    expect(text).toContain('ssl.truststore.type=PEM\n');
    expect(text).toContain('sasl.mechanism=SCRAM-SHA-512\n');
    expect(text).toContain('password="${file:/state/pw.properties:password.admin}"');
  });

  it('renders a kafkajs config with secrets by path', () => {
    expect(JSON.parse(renderKafkajsConfig(plain))).toEqual({
      clientId: 'kafkalab-kraft-3',
      brokers: ['127.0.0.1:19092', '127.0.0.1:19093', '127.0.0.1:19094'],
      ssl: false,
    });
    const j = JSON.parse(renderKafkajsConfig(secure));
    expect(j.sasl).toEqual({ mechanism: 'scram-sha-512', username: 'admin', passwordPath: secure.sasl!.passwordPath });
    expect(j.ssl.caPath).toBe(secure.ssl!.caPath);
  });

  it('renders a kcat config (it holds the password: librdkafka reads none from a file)', () => {
    const text = renderKcatConfig(secure, 'sekret');
    expect(text).toContain('security.protocol=sasl_ssl\n');
    expect(text).toContain('sasl.mechanisms=SCRAM-SHA-512\nsasl.username=admin\nsasl.password=sekret\n');
    expect(renderKcatConfig(mtls)).toContain('ssl.certificate.location=');
  });
});
