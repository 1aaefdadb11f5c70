import { kafkaMajor, type KafkaVersion } from './versions.ts';

/**
 * Kafka config keys the tool renders itself, with the spec field to use instead. An override of
 * one of them would break the wiring (listeners, ids, quorum) the tool depends on.
 */
export const OWNED_KEYS: Readonly<Record<string, string>> = {
  'process.roles': "'mode'",
  'node.id': "'brokerIds' or 'controllerIds'",
  'broker.id': "'brokerIds'",
  'controller.quorum.voters': "'controllers' (and 'controllerIds')",
  'controller.quorum.bootstrap.servers': "'controllers' (and 'controllerIds')",
  'controller.listener.names': "'mode'",
  listeners: "'basePort'",
  'advertised.listeners': "'basePort'",
  'listener.security.protocol.map': "'basePort'",
  'inter.broker.listener.name': "'basePort'",
  'log.dirs': 'nothing: data lives in the node\'s named volume',
  'log.dir': 'nothing: data lives in the node\'s named volume',
  'metadata.log.dir': 'nothing: data lives in the node\'s named volume',
  'zookeeper.connect': "'zookeepers'",
  'broker.rack': "'racks'",
  'default.replication.factor': "'replication.defaultReplicationFactor'",
  'offsets.topic.replication.factor': "'replication.internalReplicationFactor'",
  'transaction.state.log.replication.factor': "'replication.internalReplicationFactor'",
  'min.insync.replicas': "'replication.minInsyncReplicas'",
  'transaction.state.log.min.isr': "'replication.minInsyncReplicas'",
  'authorizer.class.name': "'security.mode'",
  'super.users': "'security.mode' (the admin and inter-broker principals are super users)",
  'allow.everyone.if.no.acl.found': "'security.mode'",
  'sasl.enabled.mechanisms': "'security.mechanism'",
  'sasl.mechanism.inter.broker.protocol': "'security.mechanism'",
  'sasl.mechanism.controller.protocol': "'security.mode'",
  'ssl.client.auth': "'security.mode' (mtls)",
  'ssl.keystore.location': "'security.mode' (certificates are generated)",
  'ssl.truststore.location': "'security.mode' (certificates are generated)",
  'security.inter.broker.protocol': "'security.mode'",
  'config.providers': "'security.mode'",
};

/** Broker keys that Kafka 4.0 removed (with ZooKeeper and the old message formats). */
export const REMOVED_IN_4: readonly string[] = [
  'zookeeper.connect',
  'zookeeper.session.timeout.ms',
  'zookeeper.connection.timeout.ms',
  'zookeeper.set.acl',
  'broker.id.generation.enable',
  'reserved.broker.max.id',
  'control.plane.listener.name',
  'inter.broker.protocol.version',
  'log.message.format.version',
  'log.message.timestamp.difference.max.ms',
  'offsets.commit.required.acks',
  'offsets.commit.timeout.ms',
];

/** Problem with one override key for a version, or undefined. */
export function removedKeyProblem(version: KafkaVersion, key: string, field: string): string | undefined {
  if (kafkaMajor(version) < 4) return undefined;
  if (!REMOVED_IN_4.includes(key)) return undefined;
  return `'${field}.${key}' was removed in Kafka 4.0 ('kafkaVersion' ${version}): drop it, or use 'kafkaVersion' 3.9.1`;
}
