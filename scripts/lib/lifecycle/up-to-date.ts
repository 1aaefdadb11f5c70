/**
 * A deploy with nothing to apply: the cluster is as its last apply left it (applied.ts), so the
 * plan, the apply, the SCRAM users, the dynamic config and the access stack are all skipped.
 * 1. Fingerprint what this deploy would apply: the resolved cluster and its synthesized stacks.
 * 2. Compare with the record of the last apply and the cluster's containers as they run now.
 * 3. When only the topics or ACLs drifted (changed with Kafka's tools behind the tool's back),
 *    apply the access stack alone, which puts them back.
 * A deploy that does apply the cluster stack skips the access stack in the same way when its JSON
 * is the one last applied and the topics and ACLs have not drifted.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { accessStackId } from '../../../stacks/access-ids.ts';
import type { ResolvedCluster } from '../../../stacks/model/spec.ts';
import { deployAccess, liveAccessDrift } from '../access/index.ts';
import type { ConnectionDescriptor } from '../cluster/index.ts';
import { clusterContainers, clusterStateDir } from '../core/index.ts';
import { stackDir } from '../engine/index.ts';
import { type AppliedRecord, appliedRecord, changesSince, readApplied, stackFingerprint, writeApplied } from './applied.ts';

const accessJsonPath = (cluster: ResolvedCluster): string => join(stackDir(accessStackId(cluster.name)), 'cdk.tf.json');

/** The fingerprint of the access stack's synthesized JSON; undefined when the cluster has none. */
export function accessFingerprint(cluster: ResolvedCluster): string | undefined {
  const path = accessJsonPath(cluster);
  return existsSync(path) ? stackFingerprint([readFileSync(path, 'utf8')]) : undefined;
}

/** The fingerprint of what an apply of the cluster applies (its stacks must be synthesized). */
export function appliedFingerprint(cluster: ResolvedCluster): string {
  const parts = [JSON.stringify(cluster), readFileSync(join(stackDir(cluster.name), 'cdk.tf.json'), 'utf8')];
  const access = accessJsonPath(cluster);
  if (existsSync(access)) parts.push(readFileSync(access, 'utf8'));
  return stackFingerprint(parts);
}

/**
 * True when the deploy has nothing left to do: the cluster is as last applied, and its topics
 * and ACLs are as declared (put back here when only they drifted).
 */
export async function upToDate(cluster: ResolvedCluster, d: ConnectionDescriptor, fingerprint: string): Promise<boolean> {
  const record = readApplied(clusterStateDir(cluster.name));
  const changes = changesSince(record, fingerprint, await clusterContainers(cluster.name));
  if (changes.length > 0) {
    if (record) process.stderr.write(`  changed since the last apply: ${changes.join('; ')}\n`);
    return false;
  }
  const drift = await liveAccessDrift(cluster, d);
  if (drift.length > 0) {
    process.stderr.write(`  the cluster is as last applied, but its topics or ACLs drifted (${drift.join('; ')}): applying the access stack\n`);
    await deployAccess(cluster, d);
  } else {
    process.stderr.write(`✔ cluster '${cluster.name}' is as last applied (stacks, containers, topics and ACLs): nothing to apply\n`);
  }
  return true;
}

/**
 * Apply the access stack, unless its JSON is the one last applied (`previous`) and the topics and
 * ACLs are as declared on the cluster now.
 */
export async function deployAccessIfChanged(cluster: ResolvedCluster, d: ConnectionDescriptor, previous: AppliedRecord | undefined): Promise<void> {
  const access = accessFingerprint(cluster);
  if (access && previous?.access === access && (await liveAccessDrift(cluster, d)).length === 0) {
    process.stderr.write(`  topics, users and ACLs of '${cluster.name}' are as last applied: the access stack is not applied again\n`);
    return;
  }
  await deployAccess(cluster, d);
}

/** Record what was just applied, with the containers as they run now. */
export async function recordApplied(cluster: ResolvedCluster, fingerprint: string): Promise<void> {
  writeApplied(clusterStateDir(cluster.name), appliedRecord(fingerprint, await clusterContainers(cluster.name), accessFingerprint(cluster)));
}
