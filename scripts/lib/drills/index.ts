/** Every drill, in the order `list` shows them: operator, developer, then chaos track. */
import { dynamicRetention } from './dynamic-retention.ts';
import { fixUnderReplicated } from './fix-under-replicated.ts';
import { inspectKraftQuorum } from './inspect-kraft-quorum.ts';
import { preferredLeaderElection } from './preferred-leader-election.ts';
import { raiseReplicationFactor } from './raise-replication-factor.ts';
import { resetOffsetsToTimestamp } from './reset-offsets-to-timestamp.ts';
import { rotateUserPassword } from './rotate-user-password.ts';
import { scramUserLeastPrivilege } from './scram-user-least-privilege.ts';
import { setQuotas } from './set-quotas.ts';
import { throttledReassignment } from './throttled-reassignment.ts';
import { decommissionBroker } from './decommission-broker.ts';
import { fixNotEnoughReplicas } from './fix-not-enough-replicas.ts';
import { rollingRestart } from './rolling-restart.ts';
import { removeOverbroadAcl } from './remove-overbroad-acl.ts';
import { addPartitions } from './add-partitions.ts';
import { compactedTopicTombstones } from './compacted-topic-tombstones.ts';
import { headers } from './headers.ts';
import { idempotentProducer } from './idempotent-producer.ts';
import { manualCommit } from './manual-commit.ts';
import { orderingByKey } from './ordering-by-key.ts';
import { transactionalReadCommitted } from './transactional-read-committed.ts';
import { consumeTransformProduce } from './consume-transform-produce.ts';
import { seekToOffset } from './seek-to-offset.ts';
import { seekToTimestamp } from './seek-to-timestamp.ts';
import { eventTime } from './event-time.ts';
import { compressionBatching } from './compression-batching.ts';
import { consumerLag } from './consumer-lag.ts';
import { customPartitioner } from './custom-partitioner.ts';
import { deadLetterQueue } from './dead-letter-queue.ts';
import { largeMessage } from './large-message.ts';
import { disconnectBroker, kill9Broker, loseActiveController, loseQuorumMajority, pauseBroker } from './chaos-drills.ts';
import { fullDisk } from './full-disk.ts';
import type { Drill } from './types.ts';

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
  kill9Broker,
  pauseBroker,
  disconnectBroker,
  loseActiveController,
  loseQuorumMajority,
  fullDisk,
];

export function drillById(id: string): Drill | undefined {
  return DRILLS.find((d) => d.id === id);
}
