/**
 * The kafka domain's public surface: talking to a cluster's brokers from the host (connection,
 * admin by Kafka API, data and drill records), the roll's admin session and leader election, the
 * CLI tools run inside a broker, and the parsers of their output. Other domains import only this.
 */
export { describeAclBindings, deleteAclsOf } from './admin-acls.ts';
export type { AclBinding } from './admin-acls.ts';
export { describeBrokers, describeController, describePartitions } from './admin-cluster.ts';
export type { PartitionState } from './admin-cluster.ts';
export { alterTopicConfig, describeBrokerConfig, describeBrokerDynamicConfig, describeTopicConfig, describeTopicOverrides } from './admin-configs.ts';
export { awaitGroupCoordinator, commitGroupOffsets, committedOffsets, deleteGroupsIfPresent, groupLag, groupState } from './admin-groups.ts';
export type { PartitionLag } from './admin-groups.ts';
export { openAdminSession } from './admin-session.ts';
export type { AdminSession } from './admin-session.ts';
export { deleteTopics, deleteTopicsIfPresent, ensureTopic, listTopicNames, offsetsForTimestamp, topicOffsets } from './admin-topics.ts';
export { clientFilesTar, createClientContainer } from './client-files.ts';
export { authenticate, kafkajsConfigFrom, withAdmin } from './connection.ts';
export type { Identity } from './connection.ts';
export { consumeAs, consumeUntil, produce } from './data.ts';
export type { InRecord } from './data.ts';
export { classifyFailure, describeFailure, shortMessage } from './errors.ts';
export type { FailureKind } from './errors.ts';
export { SHORT_TOOL_ENV, inCluster } from './in-cluster.ts';
export { compiledClassDir, ensureCompiledClass } from './java-class.ts';
export type { CompiledClassOptions } from './java-class.ts';
export { LAG_EXPORTER_CLASS, LAG_EXPORTER_PORT, LAG_EXPORTER_SOURCE, ensureLagExporterClass, lagExporterCommand } from './lag-exporter.ts';
export { electPreferredLeaders } from './leader-election.ts';
export { processTopic } from './process-topic.ts';
export { canReadWithKcat, readWholeTopic } from './read-back.ts';
export { quorumReader, quorumStatusFromSession } from './quorum-reader.ts';
export type { QuorumReader, QuorumReaderDeps } from './quorum-reader.ts';
export { isCaughtUp, parseQuorumReplication, parseQuorumStatus, quorumFromReplication } from './quorum.ts';
export type { QuorumStatus, QuorumView, ReplicaState } from './quorum.ts';
export { consumeAndCommit, produceRecords, readTopic } from './records.ts';
export type { ReadRecord } from './records.ts';
export { CONSUMER_CONFIG_PATH, PRODUCER_CONFIG_PATH, VALIDATE_TOPIC, consumerCommand, producerCommand, renderConsumerConfig, renderProducerConfig, validateTopicFor } from './verifiable-clients.ts';
export { zookeeperModes } from './zookeeper.ts';
export type { ZooKeeperMode } from './zookeeper.ts';
