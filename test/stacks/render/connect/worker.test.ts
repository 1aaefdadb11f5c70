import { describe, expect, it } from 'vitest';
import { resolveCluster } from '../../../../stacks/model/resolve.ts';
import { renderWorkerProperties, renderWorkerStartScript, workerHealthCommand } from '../../../../stacks/render/connect/worker.ts';

const cluster = resolveCluster({ name: 'kraft-3', connect: { workers: 2, heapMiB: 768 } });
const connect = cluster.connect!;

describe('a Connect worker', () => {
  it('joins its group on the cluster network as its own user, its password by file reference', () => {
    const text = renderWorkerProperties(cluster, connect, connect.workers[1]!);
    const props = Object.fromEntries(text.split('\n').filter((l) => l && !l.startsWith('#')).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
    expect(props).toMatchObject({
      'bootstrap.servers': 'kafkalab-kraft-3-kafka-1:9092,kafkalab-kraft-3-kafka-2:9092,kafkalab-kraft-3-kafka-3:9092',
      'group.id': 'kafkalab-connect',
      'config.storage.topic': 'connect-configs',
      'config.storage.replication.factor': '3',
      'rest.advertised.host.name': 'connect-2',
      'config.providers.file.param.allowed.paths': '/run/kafkalab',
      'security.protocol': 'SASL_SSL',
      'sasl.mechanism': 'SCRAM-SHA-512',
      'producer.security.protocol': 'SASL_SSL',
      'consumer.ssl.truststore.location': '/run/kafkalab/truststore.pem',
    });
    const jaas = 'org.apache.kafka.common.security.scram.ScramLoginModule required username\\="connect" password\\="${file\\:/run/kafkalab/passwords.properties\\:password.connect}";';
    for (const prefix of ['', 'producer.', 'consumer.', 'admin.']) expect(props[`${prefix}sasl.jaas.config`]?.replace(/\\/g, '')).toBe(jaas.replace(/\\/g, ''));
  });

  it('starts as root only to hand over the secrets, then runs the worker with its heap', () => {
    const script = renderWorkerStartScript(cluster, connect, connect.workers[0]!);
    expect(script).toContain('exec setpriv --reuid=1000');
    expect(script).toContain("export KAFKA_HEAP_OPTS='-Xms256m -Xmx768m'");
    expect(script.trim().endsWith('exec /opt/connect/bin/connect-distributed.sh /opt/kafkalab/connect/worker.properties')).toBe(true);
  });

  it('is healthy once its REST API lists connectors', () => {
    expect(workerHealthCommand()[0]).toBe('CMD');
    expect(workerHealthCommand()[3]).toContain("GET /connectors HTTP/1.0");
  });
});
