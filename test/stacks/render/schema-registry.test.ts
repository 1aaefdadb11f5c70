import { describe, expect, it } from 'vitest';
import { resolveCluster } from '../../../stacks/model/resolve.ts';
import { registryHealthCommand, renderRegistryProperties, renderRegistryStartScript } from '../../../stacks/render/schema-registry.ts';

const propsOf = (text: string): Record<string, string> =>
  Object.fromEntries(text.split('\n').filter((l) => l && !l.startsWith('#')).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));

describe('the Schema Registry', () => {
  it('stores its schemas in the cluster as its own user, the password by an escaped file reference', () => {
    const cluster = resolveCluster({ name: 'reg', schemaRegistry: true });
    const props = propsOf(renderRegistryProperties(cluster, cluster.schemaRegistry!));
    expect(props).toMatchObject({
      'apicurio.storage.kind': 'kafkasql',
      'apicurio.kafkasql.bootstrap.servers': 'kafkalab-reg-kafka-1:9092,kafkalab-reg-kafka-2:9092,kafkalab-reg-kafka-3:9092',
      'apicurio.kafkasql.topic.auto-create': 'false',
      'apicurio.rules.global.compatibility': 'BACKWARD',
      'apicurio.kafkasql.consumer.poll.timeout': '500',
      'apicurio.kafka.common.security.protocol': 'SASL_SSL',
      'apicurio.kafka.common.ssl.endpoint.identification.algorithm': 'https',
      'apicurio.kafka.common.sasl.mechanism': 'SCRAM-SHA-512',
    });
    // `\\$` in the file reads as `\$`, which Quarkus leaves to Kafka as `$`.
    expect(props['apicurio.kafka.common.sasl.jaas.config']).toBe(
      'org.apache.kafka.common.security.scram.ScramLoginModule required username="schema-registry" password="\\\\${file:/run/kafkalab/passwords.properties:password.schema-registry}";',
    );
  });

  it('uses its certificate under mtls and no credential without an authorizer', () => {
    const mtls = resolveCluster({ name: 'reg', brokers: 1, schemaRegistry: true, security: { mode: 'mtls' } });
    const m = propsOf(renderRegistryProperties(mtls, mtls.schemaRegistry!));
    expect(m['apicurio.kafka.common.security.protocol']).toBe('SSL');
    expect(m['apicurio.kafka.common.ssl.keystore.location']).toBe('/run/kafkalab/registry-keystore.pem');
    const plain = resolveCluster({ name: 'reg', schemaRegistry: true, security: { mode: 'plaintext' } });
    const p = propsOf(renderRegistryProperties(plain, plain.schemaRegistry!));
    expect(p['apicurio.kafka.common.security.protocol']).toBe('PLAINTEXT');
    expect(Object.keys(p).filter((k) => k.includes('sasl') || k.includes('ssl'))).toEqual([]);
  });

  it('starts as root only to hand over the secrets, and is healthy once ready', () => {
    const cluster = resolveCluster({ name: 'reg', schemaRegistry: { heapMiB: 768 } });
    const script = renderRegistryStartScript(cluster, cluster.schemaRegistry!);
    expect(script).toContain('exec setpriv --reuid=1000');
    expect(script).toContain("JAVA_OPTS='-Xms256m -Xmx768m ");
    expect(script.trim().endsWith('exec /opt/kafkalab/bin/registry-start.sh /opt/kafkalab/schema-registry/registry.properties')).toBe(true);
    expect(registryHealthCommand()[3]).toContain('/dev/tcp/127.0.0.1/9000');
    expect(registryHealthCommand()[3]).toContain('GET /health/ready');
  });
});
