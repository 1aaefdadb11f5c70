/** Every drill, in the order `list` shows them: operator, developer, then chaos track. */
import { dynamicRetention } from './ops/dynamic-retention.ts';
import { fixUnderReplicated } from './ops/fix-under-replicated.ts';
import { inspectKraftQuorum } from './ops/inspect-kraft-quorum.ts';
import { preferredLeaderElection } from './ops/preferred-leader-election.ts';
import { raiseReplicationFactor } from './ops/raise-replication-factor.ts';
import { resetOffsetsToTimestamp } from './ops/reset-offsets-to-timestamp.ts';
import { rotateUserPassword } from './ops/rotate-user-password.ts';
import { scramUserLeastPrivilege } from './ops/scram-user-least-privilege.ts';
import { setQuotas } from './ops/set-quotas.ts';
import { throttledReassignment } from './ops/throttled-reassignment.ts';
import { decommissionBroker } from './ops/decommission-broker.ts';
import { fixNotEnoughReplicas } from './ops/fix-not-enough-replicas.ts';
import { rollingRestart } from './ops/rolling-restart.ts';
import { removeOverbroadAcl } from './ops/remove-overbroad-acl.ts';
import { addPartitions } from './ops/add-partitions.ts';
import { stalledConsumerGroup } from './ops/stalled-consumer-group.ts';
import { leftoverThrottle } from './ops/leftover-throttle.ts';
import { diskFillingNode } from './ops/disk-filling-node.ts';
import { connectorFailedConfig } from './ops/connector-failed-config.ts';
import { restartFailedTask } from './ops/restart-failed-task.ts';
import { compactedTopicTombstones } from './dev/compacted-topic-tombstones.ts';
import { headers } from './dev/headers.ts';
import { idempotentProducer } from './dev/idempotent-producer.ts';
import { manualCommit } from './dev/manual-commit.ts';
import { orderingByKey } from './dev/ordering-by-key.ts';
import { transactionalReadCommitted } from './dev/transactional-read-committed.ts';
import { consumeTransformProduce } from './dev/consume-transform-produce.ts';
import { seekToOffset } from './dev/seek-to-offset.ts';
import { seekToTimestamp } from './dev/seek-to-timestamp.ts';
import { eventTime } from './dev/event-time.ts';
import { compressionBatching } from './dev/compression-batching.ts';
import { consumerLag } from './dev/consumer-lag.ts';
import { customPartitioner } from './dev/custom-partitioner.ts';
import { deadLetterQueue } from './dev/dead-letter-queue.ts';
import { largeMessage } from './dev/large-message.ts';
import { smtKeyedRecords } from './dev/smt-keyed-records.ts';
import { evolveSchemaCompatibly } from './dev/evolve-schema-compatibly.ts';
import { setSubjectCompatibility } from './dev/set-subject-compatibility.ts';
import { consumerCannotDeserialise } from './dev/consumer-cannot-deserialise.ts';
import { streamsMissingInputTopic } from './dev/streams-missing-input-topic.ts';
import { streamsResetApplication } from './dev/streams-reset-application.ts';
import { streamsExactlyOnce } from './dev/streams-exactly-once.ts';
import { disconnectBroker, kill9Broker, loseActiveController, loseQuorumMajority, pauseBroker } from './chaos/chaos-drills.ts';
import { fullDisk } from './chaos/full-disk.ts';
import { loseAHost } from './chaos/lose-a-host.ts';
import type { Drill } from './kit/types.ts';

export const DRILLS: readonly Drill[] = [
  raiseReplicationFactor,
  preferredLeaderElection,
  dynamicRetention,
  resetOffsetsToTimestamp,
  fixUnderReplicated,
  scramUserLeastPrivilege,
  rotateUserPassword,
  setQuotas,
  inspectKraftQuorum,
  throttledReassignment,
  decommissionBroker,
  fixNotEnoughReplicas,
  rollingRestart,
  removeOverbroadAcl,
  addPartitions,
  stalledConsumerGroup,
  leftoverThrottle,
  diskFillingNode,
  connectorFailedConfig,
  restartFailedTask,
  idempotentProducer,
  orderingByKey,
  headers,
  compactedTopicTombstones,
  manualCommit,
  transactionalReadCommitted,
  consumeTransformProduce,
  seekToOffset,
  seekToTimestamp,
  eventTime,
  compressionBatching,
  consumerLag,
  customPartitioner,
  deadLetterQueue,
  largeMessage,
  smtKeyedRecords,
  evolveSchemaCompatibly,
  setSubjectCompatibility,
  consumerCannotDeserialise,
  streamsMissingInputTopic,
  streamsResetApplication,
  streamsExactlyOnce,
  kill9Broker,
  pauseBroker,
  disconnectBroker,
  loseActiveController,
  loseQuorumMajority,
  fullDisk,
  loseAHost,
];

export function drillById(id: string): Drill | undefined {
  return DRILLS.find((d) => d.id === id);
}
