/**
 * A Kafka Connect distributed worker of a cluster: its worker properties, its start script and its
 * health check. The worker reaches the brokers on the cluster network as its own user (CONNECT_USER),
 * with secrets by file: Kafka's FileConfigProvider reads the password at start-up, so no password is
 * in the properties, the synthesized JSON or the Terraform state. The same provider (`file`) lets
 * connector configs name secrets as `${file:/run/kafkalab/<file>:<key>}`.
 */
import { CONNECT_REST_PORT, type ResolvedConnect, type ResolvedConnectWorker } from '../../model/connect.ts';
import { brokersOf, type ResolvedCluster } from '../../model/spec.ts';
import { clientJaas } from '../jaas.ts';
import { internalPortOf, protocolFor } from '../listeners.ts';
import { privilegeDropLines } from '../privilege-drop.ts';
import { renderProperties, type Properties } from '../properties.ts';
import { SECRETS_RUNTIME_DIR, SECURE_JVM_OPTS, runtimePath } from '../secret-files.ts';

/** Where a worker's rendered files are uploaded. */
export const CONNECT_WORKER_DIR = '/opt/kafkalab/connect';
export const CONNECT_WORKER_PATHS = {
  properties: `${CONNECT_WORKER_DIR}/worker.properties`,
  start: `${CONNECT_WORKER_DIR}/start.sh`,
} as const;
/** The launcher of the Connect image (scripts/lib/engine/image/connect-recipe/). */
const LAUNCHER = '/opt/connect/bin/connect-distributed.sh';

/** The client settings of the worker's user: for the worker itself and, prefixed, its connectors' clients. */
export function workerClientProperties(cluster: ResolvedCluster, connect: ResolvedConnect): Properties {
  const s = cluster.security;
  const props: [string, string][] = [['security.protocol', protocolFor(s)]];
  if (s.tls) props.push(['ssl.truststore.type', 'PEM'], ['ssl.truststore.location', runtimePath('truststore')]);
  if (s.clientCerts) props.push(['ssl.keystore.type', 'PEM'], ['ssl.keystore.location', runtimePath('connectKeystore')]);
  if (s.sasl) props.push(['sasl.mechanism', s.mechanism], ['sasl.jaas.config', clientJaas(s.mechanism, connect.user, runtimePath('passwords'))]);
  return props;
}

/** The worker properties of one worker. */
export function renderWorkerProperties(cluster: ResolvedCluster, connect: ResolvedConnect, worker: ResolvedConnectWorker): string {
  const rf = String(cluster.replication.internalReplicationFactor);
  const client = workerClientProperties(cluster, connect);
  const props: Properties = [
    // By container name: unique on the machine, where a worker on two networks (MirrorMaker 2) would find `kafka-1` twice.
    ['bootstrap.servers', brokersOf(cluster).map((b) => `${b.containerName}:${internalPortOf(cluster)}`).join(',')],
    ['group.id', connect.groupId],
    ['config.storage.topic', connect.topics.configs],
    ['offset.storage.topic', connect.topics.offsets],
    ['status.storage.topic', connect.topics.status],
    ['config.storage.replication.factor', rf],
    ['offset.storage.replication.factor', rf],
    ['status.storage.replication.factor', rf],
    ['key.converter', 'org.apache.kafka.connect.json.JsonConverter'],
    ['value.converter', 'org.apache.kafka.connect.json.JsonConverter'],
    ['key.converter.schemas.enable', 'false'],
    ['value.converter.schemas.enable', 'false'],
    // No host: every interface; the others reach this worker by its hostname on the network.
    ['listeners', `http://:${CONNECT_REST_PORT}`],
    ['rest.advertised.host.name', worker.hostname],
    ['rest.advertised.port', String(CONNECT_REST_PORT)],
    ['plugin.path', '/opt/connect/plugins'],
    ['plugin.discovery', 'service_load'],
    ['offset.flush.interval.ms', '5000'],
    // A worker that leaves (a roll) gets its tasks back when it returns within this delay.
    ['scheduled.rebalance.max.delay.ms', '30000'],
    ['config.providers', 'file'],
    ['config.providers.file.class', 'org.apache.kafka.common.config.provider.FileConfigProvider'],
    // Connector configs may read secret files from the runtime folder only.
    ['config.providers.file.param.allowed.paths', SECRETS_RUNTIME_DIR],
    ...client,
    ...(['producer.', 'consumer.', 'admin.'] as const).flatMap((prefix) => client.map(([k, v]) => [`${prefix}${k}`, v] as const)),
  ];
  return renderProperties(props, `Kafka Connect worker ${worker.hostname} of cluster ${cluster.name}, as user ${connect.user}`);
}

/** Start script: secrets to the kafka user, then the worker in the foreground. */
export function renderWorkerStartScript(cluster: ResolvedCluster, connect: ResolvedConnect, worker: ResolvedConnectWorker): string {
  return [
    '#!/bin/bash',
    `# rendered by kafkalab: Kafka Connect worker ${worker.hostname} of cluster ${cluster.name}`,
    'set -euo pipefail',
    ...privilegeDropLines(),
    `export KAFKA_HEAP_OPTS='-Xms${Math.min(256, connect.heapMiB)}m -Xmx${connect.heapMiB}m'`,
    `export KAFKA_OPTS='${SECURE_JVM_OPTS} -XX:+ExitOnOutOfMemoryError'`,
    `exec ${LAUNCHER} ${CONNECT_WORKER_PATHS.properties}`,
    '',
  ].join('\n');
}

/**
 * The health check: the worker's REST API lists connectors (HTTP 200), which it does only once it
 * has joined its group and read the config topic. Plain bash, no curl in the image.
 */
export function workerHealthCommand(): string[] {
  const request = `GET /connectors HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n`;
  return ['CMD', 'bash', '-c', `exec 3<>/dev/tcp/127.0.0.1/${CONNECT_REST_PORT} && printf '${request}' >&3 && head -c 12 <&3 | grep -q ' 200'`];
}
