/**
 * The Schema Registry of a cluster (Apicurio Registry): its properties, its start script and its
 * health check. It stores schemas in the cluster (`kafkasql`: a journal topic replayed at each
 * start), reaching the brokers on the cluster network as its own user. Every key under
 * `apicurio.kafka.common.` goes, prefix cut, to its consumer, producer and admin client; the
 * password is read by Kafka's FileConfigProvider at start-up, so it is in no property, no
 * synthesized JSON and no Terraform state. The keys and why: docs/schema-registry.md.
 */
import { SCHEMA_REGISTRY_HTTP_PORT, SCHEMA_REGISTRY_MANAGEMENT_PORT, type ResolvedSchemaRegistry } from '../model/schema-registry.ts';
import { brokersOf, type ResolvedCluster } from '../model/spec.ts';
import { clientJaas } from './jaas.ts';
import { internalPortOf, protocolFor } from './listeners.ts';
import { privilegeDropLines } from './privilege-drop.ts';
import { renderProperties, type Properties } from './properties.ts';
import { SECURE_JVM_OPTS, runtimePath } from './secret-files.ts';

/** Where the registry's rendered files are uploaded. */
export const SCHEMA_REGISTRY_DIR = '/opt/kafkalab/schema-registry';
export const SCHEMA_REGISTRY_PATHS = {
  properties: `${SCHEMA_REGISTRY_DIR}/registry.properties`,
  start: `${SCHEMA_REGISTRY_DIR}/start.sh`,
} as const;
/** The launcher of the registry image (scripts/lib/engine/image/registry-recipe/). */
const LAUNCHER = '/opt/kafkalab/bin/registry-start.sh';
const COMMON = 'apicurio.kafka.common.';

/**
 * The Kafka client settings of the registry's user. Quarkus expands `${...}` in values itself, so
 * the config provider's reference is escaped (`\${`) to reach Kafka as it is.
 */
export function registryClientProperties(cluster: ResolvedCluster, registry: ResolvedSchemaRegistry): Properties {
  const s = cluster.security;
  const props: [string, string][] = [['security.protocol', protocolFor(s)]];
  if (s.tls) {
    props.push(['ssl.truststore.type', 'PEM'], ['ssl.truststore.location', runtimePath('truststore')], ['ssl.endpoint.identification.algorithm', 'https']);
  }
  if (s.authorizer && s.clientCerts) props.push(['ssl.keystore.type', 'PEM'], ['ssl.keystore.location', runtimePath('registryKeystore')]);
  if (s.authorizer && s.sasl) {
    props.push(
      ['config.providers', 'file'],
      ['config.providers.file.class', 'org.apache.kafka.common.config.provider.FileConfigProvider'],
      ['sasl.mechanism', s.mechanism],
      ['sasl.jaas.config', clientJaas(s.mechanism, registry.user, runtimePath('passwords')).replace('${', '\\${')],
    );
  }
  return props.map(([k, v]) => [`${COMMON}${k}`, v] as const);
}

/** The registry's properties: Kafka storage on the cluster, BACKWARD by default, the ports. */
export function renderRegistryProperties(cluster: ResolvedCluster, registry: ResolvedSchemaRegistry): string {
  const props: Properties = [
    ['quarkus.http.host', '0.0.0.0'],
    ['quarkus.http.port', SCHEMA_REGISTRY_HTTP_PORT],
    ['quarkus.management.port', SCHEMA_REGISTRY_MANAGEMENT_PORT],
    ['apicurio.storage.kind', 'kafkasql'],
    // By container name: unique on the machine, as the brokers' certificates name them.
    ['apicurio.kafkasql.bootstrap.servers', brokersOf(cluster).map((b) => `${b.containerName}:${internalPortOf(cluster)}`).join(',')],
    ['apicurio.kafkasql.topic', registry.topics.journal],
    ['apicurio.kafkasql.snapshots.topic', registry.topics.snapshots],
    ['apicurio.events.kafka.topic', registry.topics.events],
    // The topics exist before it starts (deploy makes them: schemaRegistryTopics), so it creates none.
    ['apicurio.kafkasql.topic.auto-create', 'false'],
    ['apicurio.kafkasql.consumer.group-prefix', registry.groupPrefix],
    // Each empty poll of the journal's replay waits this long: 500 ms halves the start (measured).
    ['apicurio.kafkasql.consumer.poll.timeout', 500],
    // Confluent's default; Apicurio's own is NONE. A default: a subject's or a global config set over the API wins.
    ['apicurio.rules.global.compatibility', 'BACKWARD'],
    ...registryClientProperties(cluster, registry),
  ];
  return renderProperties(props, `Schema Registry of cluster ${cluster.name}, as user ${registry.user}`);
}

/** Start script: secrets to the kafka user, then the registry in the foreground. */
export function renderRegistryStartScript(cluster: ResolvedCluster, registry: ResolvedSchemaRegistry): string {
  return [
    '#!/bin/bash',
    `# rendered by kafkalab: Schema Registry of cluster ${cluster.name}`,
    'set -euo pipefail',
    ...privilegeDropLines(),
    `export JAVA_OPTS='-Xms${Math.min(256, registry.heapMiB)}m -Xmx${registry.heapMiB}m ${SECURE_JVM_OPTS} -XX:+ExitOnOutOfMemoryError'`,
    `exec ${LAUNCHER} ${SCHEMA_REGISTRY_PATHS.properties}`,
    '',
  ].join('\n');
}

/**
 * The health check: `/health/ready` on the management port answers 200 only once the journal is
 * replayed (the API port answers earlier, with errors). Plain bash: no curl in the image.
 */
export function registryHealthCommand(): string[] {
  const request = `GET /health/ready HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n`;
  return ['CMD', 'bash', '-c', `exec 3<>/dev/tcp/127.0.0.1/${SCHEMA_REGISTRY_MANAGEMENT_PORT} && printf '${request}' >&3 && head -c 12 <&3 | grep -q ' 200'`];
}
