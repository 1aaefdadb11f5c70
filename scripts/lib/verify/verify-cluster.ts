/**
 * verify: a cluster checked with real clients, as a list of named checks run in order (see
 * run-checks.ts for how): containers up, brokers registered, the metadata quorum led and caught
 * up, a topic with RF = broker count, records through every broker's external address read back,
 * replicas on distinct racks, no under-replicated partition, dynamic config in effect, access as
 * declared, certificates valid, Prometheus scraping and no alert firing, Connect workers joined and
 * every declared connector running, the Schema Registry answering.
 */
import type { ResolvedCluster } from '../../../stacks/model/spec.ts';
import type { ConnectionDescriptor } from '../cluster/index.ts';
import type { Progress } from '../core/index.ts';
import { quorumReader } from '../kafka/index.ts';
import type { VerifyCheck, VerifyReport } from './check.ts';
import { accessAsDeclared } from './checks/access.ts';
import { certificatesValid } from './checks/certificates.ts';
import { metricsScraped, noAlertFiring } from './checks/monitoring.ts';
import { connectWorkersJoined, connectorsRunning } from './checks/connect.ts';
import { mirrorsReplicating } from './checks/mirrors.ts';
import { schemaRegistryReady } from './checks/schema-registry.ts';
import { dynamicConfigInEffect } from './checks/dynamic-config.ts';
import { brokersRegistered, containersRunning } from './checks/nodes.ts';
import { kraftController, quorumLeader, votersCaughtUp, zookeeperController, zookeeperLeader } from './checks/quorum.ts';
import { noUnderReplicated, replicasOnDistinctRacks } from './checks/replication.ts';
import { recordsRoundTrip, verifyTopic } from './checks/round-trip.ts';
import { runChecks } from './run-checks.ts';

export type { Check, VerifyReport } from './check.ts';
export { VERIFY_TOPIC } from './checks/round-trip.ts';
export { renderReport } from './report.ts';

/** Every check, in report order; each runs only for the cluster shapes it applies to. */
export const VERIFY_CHECKS: readonly VerifyCheck[] = [
  containersRunning,
  brokersRegistered,
  zookeeperLeader,
  zookeeperController,
  quorumLeader,
  votersCaughtUp,
  kraftController,
  verifyTopic,
  recordsRoundTrip,
  replicasOnDistinctRacks,
  noUnderReplicated,
  dynamicConfigInEffect,
  accessAsDeclared,
  certificatesValid,
  metricsScraped,
  noAlertFiring,
  connectWorkersJoined,
  connectorsRunning,
  mirrorsReplicating,
  schemaRegistryReady,
];

export interface VerifyOptions {
  /** Deadline for each check that waits (quorum, topic, records). @default 120000 */
  readonly timeoutMs?: number;
  /** Shows the check under way. @default - nothing shown */
  readonly progress?: Progress;
  /**
   * Every check in full (npm run verify). False: what proves the cluster serves, for npm run up:
   * the access checks only compare topics and ACLs with the spec, without playing the ACL matrix.
   * @default true
   */
  readonly deep?: boolean;
}

/** Verify a cluster with real clients. Never throws; every failure is a failed check. */
export async function verifyCluster(cluster: ResolvedCluster, d: ConnectionDescriptor, opts: VerifyOptions = {}): Promise<VerifyReport> {
  const timeoutMs = opts.timeoutMs ?? 120_000;
  // KRaft: one admin session answers every quorum read (a JVM started once, not one per read).
  const quorum = cluster.zookeeper ? undefined : quorumReader(cluster);
  try {
    return await runChecks(VERIFY_CHECKS, { cluster, d, timeoutMs, deep: opts.deep ?? true, ...(opts.progress ? { progress: opts.progress } : {}), ...(quorum ? { quorum } : {}) });
  } finally {
    await quorum?.close();
  }
}
