/**
 * Drift as the cluster shows it now: the declared topics and ACLs against what Kafka holds,
 * read with the admin client (no JVM, no Terraform). verify reports it; a deploy with nothing
 * else to apply uses it to decide whether the access stack must be applied again.
 */
import type { ResolvedAccess } from '../../../stacks/model/access.ts';
import type { ResolvedCluster } from '../../../stacks/model/spec.ts';
import type { ConnectionDescriptor } from '../cluster/index.ts';
import { describeAclBindings, describePartitions, describeTopicOverrides, withAdmin } from '../kafka/index.ts';
import { hasAccessState, resolvedAccessOf } from './apply.ts';
import { aclDrift, connectorDrift, liveTopics, topicDrift } from './drift.ts';
import { ConnectRestError, onAnyWorker } from '../connect/index.ts';
import { accessConnectors } from '../../../stacks/render/connect/mirror.ts';

/** The declared topics that differ from the live ones, one line each. */
export async function liveTopicDrift(d: ConnectionDescriptor, access: ResolvedAccess): Promise<string[]> {
  const names = access.topics.map((t) => t.name);
  const existing = new Set(await withAdmin(d, (admin) => admin.listTopics()));
  const present = names.filter((n) => existing.has(n));
  return topicDrift(access.topics, liveTopics(await describePartitions(d, present), await describeTopicOverrides(d, present)));
}

/** The declared users' ACL bindings that differ from the live ones, one line each. */
export async function liveAclDrift(d: ConnectionDescriptor, access: ResolvedAccess): Promise<string[]> {
  return aclDrift(access, await describeAclBindings(d));
}

/** The declared connectors that differ from what the Connect workers run, one line each. */
export async function liveConnectorDrift(cluster: ResolvedCluster, d: ConnectionDescriptor, access: ResolvedAccess): Promise<string[]> {
  const declared = accessConnectors(cluster, access);
  if (!d.connect || declared.length === 0) return [];
  const live: Record<string, Record<string, string> | undefined> = {};
  for (const c of declared) {
    live[c.name] = await onAnyWorker(d.connect, {}, async (rest) => {
      try {
        return await rest.get<Record<string, string>>(`/connectors/${encodeURIComponent(c.name)}/config`);
      } catch (error) {
        if (error instanceof ConnectRestError && error.status === 404) return undefined;
        throw error;
      }
    });
  }
  return connectorDrift(declared, live);
}

/**
 * Everything of the access stack that the cluster no longer holds as applied: empty for a cluster
 * without an access spec. A stack never applied, or a cluster that cannot be asked, counts as drift.
 */
export async function liveAccessDrift(cluster: ResolvedCluster, d: ConnectionDescriptor): Promise<string[]> {
  const access = resolvedAccessOf(cluster);
  if (!access) return [];
  if (!hasAccessState(cluster.name)) return ['the access stack was never applied'];
  try {
    return [
      ...(await liveTopicDrift(d, access)),
      ...(cluster.security.authorizer ? await liveAclDrift(d, access) : []),
      ...(await liveConnectorDrift(cluster, d, access)),
    ];
  } catch (error) {
    return [`could not read the live topics, ACLs and connectors: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`];
  }
}
