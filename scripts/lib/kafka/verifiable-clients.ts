/**
 * The roll's validation clients (kafka-verifiable-producer and -consumer on the cluster's network):
 * the validation topic's shape, their client configs and their commands.
 */
import { brokersOf, type ResolvedCluster } from '../../../stacks/model/spec.ts';
import { internalAddressOf } from '../../../stacks/render/listeners.ts';
import { kafkaMajor } from '../../../stacks/model/versions.ts';
import { adminClientPropertiesFor } from '../../../stacks/render/admin-client.ts';
import { renderProperties } from '../../../stacks/render/properties.ts';
import { SECRETS_RUNTIME_DIR } from '../../../stacks/render/secret-files.ts';

/** The validation topic: created before a validated roll, deleted after. */
export const VALIDATE_TOPIC = 'kafkalab-roll-validate';

/** Client configs, next to the secrets they name, in the validation containers. */
export const PRODUCER_CONFIG_PATH = `${SECRETS_RUNTIME_DIR}/producer.properties`;
export const CONSUMER_CONFIG_PATH = `${SECRETS_RUNTIME_DIR}/consumer.properties`;

/** The validation topic's shape for a cluster: RF min(3, brokers), min.insync.replicas min(2, RF). */
export function validateTopicFor(cluster: ResolvedCluster): { partitions: number; replicationFactor: number; minInsyncReplicas: number } {
  const brokers = brokersOf(cluster).length;
  const replicationFactor = Math.min(3, brokers);
  return { partitions: Math.min(brokers, 6), replicationFactor, minInsyncReplicas: Math.min(2, replicationFactor) };
}

/** Every broker's internal listener: the clients run on the cluster's network. */
export function internalBootstrap(cluster: ResolvedCluster): string {
  return brokersOf(cluster).map((b) => internalAddressOf(cluster, b)).join(',');
}

/**
 * The producer's config: the cluster's client security (as the admin, secrets by path) plus an
 * idempotent producer that retries until delivery times out. VerifiableProducer sets retries=0 by
 * default (to surface failures), which an idempotent producer refuses: the file overrides it.
 */
export function renderProducerConfig(cluster: ResolvedCluster): string {
  return renderProperties(
    [
      ...adminClientPropertiesFor(cluster),
      ['acks', 'all'],
      ['enable.idempotence', 'true'],
      ['retries', '2147483647'],
      ['max.in.flight.requests.per.connection', '5'],
      // Batches of about 7 records per partition instead of 1-2: each produce request costs every
      // replica a TLS round and a fetch. Measured on a 3-node sasl_ssl cluster at 100 records/s:
      // with 50 ms the two brokers left during a restart took ~60% of a core between them and the
      // restarts ran 1.28-1.46x as long as without traffic; with 200 ms, 0.96-1.12x (bench roll).
      // Acks come 200 ms later at most, well under the 5 s stall target.
      ['linger.ms', '200'],
    ],
    `roll validation producer of cluster ${cluster.name}`,
  );
}

/** The consumer's config: the cluster's client security, and fetches that wait for a few records (or 500 ms). */
export function renderConsumerConfig(cluster: ResolvedCluster): string {
  return renderProperties(
    [...adminClientPropertiesFor(cluster), ['fetch.min.bytes', '4096'], ['fetch.max.wait.ms', '500']],
    `roll validation consumer of cluster ${cluster.name}`,
  );
}

/** The config-file flag: 4.x names it --command-config (the old names are deprecated); 3.9 has only the old ones. */
const configFlag = (version: ResolvedCluster['kafkaVersion'], old: string): string => (kafkaMajor(version) >= 4 ? '--command-config' : old);

export interface ProducerArgs {
  readonly topic: string;
  /** Integer put before every value: `<prefix>.<n>`, so this run's records are told from older ones. */
  readonly prefix: number;
  /** Records per second. */
  readonly throughput: number;
  /** Keys 0..keys-1, so records spread over the partitions. */
  readonly keys: number;
}

/** kafka-verifiable-producer.sh: acks=all (-1), idempotent (by its config), forever until stopped. */
export function producerCommand(cluster: ResolvedCluster, a: ProducerArgs): string[] {
  return [
    'kafka-verifiable-producer.sh',
    '--bootstrap-server', internalBootstrap(cluster),
    '--topic', a.topic,
    '--acks', '-1',
    '--throughput', String(a.throughput),
    '--value-prefix', String(a.prefix),
    '--repeating-keys', String(a.keys),
    configFlag(cluster.kafkaVersion, '--producer.config'), PRODUCER_CONFIG_PATH,
  ];
}

export interface ConsumerArgs {
  readonly topic: string;
  readonly group: string;
}

/** kafka-verifiable-consumer.sh: a group from the earliest offset, every record printed (--verbose). */
export function consumerCommand(cluster: ResolvedCluster, a: ConsumerArgs): string[] {
  return [
    'kafka-verifiable-consumer.sh',
    '--bootstrap-server', internalBootstrap(cluster),
    '--topic', a.topic,
    '--group-id', a.group,
    '--reset-policy', 'earliest',
    '--verbose',
    configFlag(cluster.kafkaVersion, '--consumer.config'), CONSUMER_CONFIG_PATH,
  ];
}
