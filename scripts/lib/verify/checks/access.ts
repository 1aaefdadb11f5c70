/**
 * verify's access checks, for a cluster with an access spec: drift of topics and ACLs against the
 * declared access, and (with an authorizer) the ACL matrix played with real clients as each user.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AccessSpec, ResolvedAccess } from '../../../../stacks/model/access.ts';
import type { ResolvedCluster } from '../../../../stacks/model/spec.ts';
import { accessConnectors } from '../../../../stacks/render/connect/mirror.ts';
import { layoutOf } from '../../../../security/pki-store.ts';
import { accessSpecFor, describeCase, hasAccessState, liveAclDrift, liveConnectorDrift, liveTopicDrift, type MatrixCase, matrixCases, resolvedAccessOf } from '../../access/index.ts';
import { type ConnectionDescriptor, secretsDir } from '../../cluster/index.ts';
import { alterTopicConfig, classifyFailure, consumeAs, type Identity, produce, shortMessage, withAdmin } from '../../kafka/index.ts';
import type { Check, CheckGroup } from '../check.ts';

/** How a user connects: its SCRAM password (sasl modes) or its certificate (mtls). */
export function identityOf(cluster: ResolvedCluster, user: string): Identity {
  if (cluster.security.sasl) {
    return { sasl: { username: user, password: readFileSync(join(secretsDir(cluster.name), 'passwords', user), 'utf8').trim() } };
  }
  const leaf = layoutOf(join(secretsDir(cluster.name), 'pki')).client(user);
  return { cert: { certPem: readFileSync(leaf.cert, 'utf8'), keyPem: readFileSync(leaf.key, 'utf8') } };
}

async function attempt(fn: () => Promise<void>): Promise<{ ok: true } | { ok: false; error: unknown }> {
  try {
    await fn();
    return { ok: true };
  } catch (error) {
    return { ok: false, error };
  }
}

/** Play one case; the check passes when what happened is what the case expects. */
async function playCase(cluster: ResolvedCluster, d: ConnectionDescriptor, c: MatrixCase, marker: string): Promise<Check> {
  const identity = identityOf(cluster, c.user);
  const first = [d.bootstrapServers[0]!];
  const r = await attempt(async () => {
    if (c.action === 'write') {
      await produce(d, c.topic, [{ key: 'kafkalab-verify', value: `${marker} by ${c.user}` }], { identity, bootstrap: first, retries: 1 });
    } else {
      const got = await consumeAs(d, c.topic, 1, { identity, groupId: c.group!, timeoutMs: 30_000 });
      if (got.length === 0) throw new Error(`read no record of '${c.topic}' within 30 s`);
    }
  });
  const name = `access: ${describeCase(c)}`;
  if (c.expect === 'allowed') {
    return r.ok
      ? { name, ok: true, detail: c.action === 'write' ? 'written (acks=all)' : 'read' }
      : { name, ok: false, detail: `expected it to succeed, but it failed: ${shortMessage(r.error)}` };
  }
  if (r.ok) return { name, ok: false, detail: 'expected an authorization error, but it succeeded' };
  const kind = classifyFailure(r.error);
  return kind === 'authorization'
    ? { name, ok: true, detail: `refused: ${shortMessage(r.error)}` }
    : { name, ok: false, detail: `expected an authorization error, got ${kind}: ${shortMessage(r.error)}` };
}

/** The descriptor's admin creates, writes, reads and deletes a topic of its own. */
async function adminCanDoEverything(d: ConnectionDescriptor, marker: string): Promise<Check> {
  const name = 'access: admin can do everything (create, write, read, alter, delete a topic)';
  const topic = `kafkalab-verify-admin-${marker}`;
  try {
    await withAdmin(d, async (admin) => {
      await admin.createTopics({ topics: [{ topic, numPartitions: 1, replicationFactor: 1 }], waitForLeaders: false });
    });
    let written = false;
    const deadline = Date.now() + 60_000;
    // A new topic may be unknown to some brokers for a moment: retried to a deadline.
    while (!written) {
      const r = await attempt(() => produce(d, topic, [{ value: marker }]));
      if (r.ok) written = true;
      else if (Date.now() > deadline) throw r.error;
      else await new Promise((res) => setTimeout(res, 500));
    }
    const got = await consumeAs(d, topic, 1, { groupId: `${topic}-group`, timeoutMs: 30_000 });
    if (got.length === 0) throw new Error('read nothing back');
    await alterTopicConfig(d, topic, { 'retention.ms': '3600000' });
    await withAdmin(d, async (admin) => {
      await admin.deleteGroups([`${topic}-group`]).catch(() => undefined);
      await admin.deleteTopics({ topics: [topic] });
    });
    return { name, ok: true, detail: `created, wrote, read, altered and deleted '${topic}'` };
  } catch (error) {
    await withAdmin(d, (admin) => admin.deleteTopics({ topics: [topic] })).catch(() => undefined);
    return { name, ok: false, detail: shortMessage(error) };
  }
}

/** Drift of the declared topics and ACLs, then (with an authorizer, and `deep`) the ACL matrix. */
export async function accessChecks(cluster: ResolvedCluster, d: ConnectionDescriptor, spec: AccessSpec, access: ResolvedAccess, deep = true): Promise<Check[]> {
  const checks: Check[] = [];
  const names = access.topics.map((t) => t.name);
  try {
    const drift = await liveTopicDrift(d, access);
    checks.push({
      name: 'access: topics as declared (no drift)',
      ok: drift.length === 0,
      detail: drift.length === 0 ? `${names.length} topics match: ${names.join(', ') || '-'}` : `drift: ${drift.join('; ')} (npm run plan shows it; npm run deploy puts it back)`,
    });
  } catch (error) {
    checks.push({ name: 'access: topics as declared (no drift)', ok: false, detail: shortMessage(error) });
  }
  if (accessConnectors(cluster, access).length > 0) checks.push(await connectorsAsDeclared(cluster, d, access));
  if (!cluster.security.authorizer) return checks;
  try {
    const drift = await liveAclDrift(d, access);
    checks.push({
      name: 'access: ACLs as declared (no drift)',
      ok: drift.length === 0,
      detail: drift.length === 0 ? `${access.acls.length} ACL bindings match` : `drift: ${drift.join('; ')} (npm run plan shows it; npm run deploy puts it back)`,
    });
  } catch (error) {
    checks.push({ name: 'access: ACLs as declared (no drift)', ok: false, detail: shortMessage(error) });
  }
  if (!deep) return checks;
  const marker = Date.now().toString(36);
  const roles = Object.fromEntries((spec.users ?? []).map((u) => [u.name, u.roles ?? []]));
  for (const c of matrixCases(access, roles)) checks.push(await playCase(cluster, d, c, marker));
  checks.push(await adminCanDoEverything(d, marker));
  return checks;
}

/** The declared connectors against what the Connect workers run. */
async function connectorsAsDeclared(cluster: ResolvedCluster, d: ConnectionDescriptor, access: ResolvedAccess): Promise<Check> {
  const name = 'access: connectors as declared (no drift)';
  try {
    const drift = await liveConnectorDrift(cluster, d, access);
    const names = accessConnectors(cluster, access).map((c) => c.name);
    return {
      name,
      ok: drift.length === 0,
      detail: drift.length === 0 ? `${names.length} connectors match: ${names.join(', ')}` : `drift: ${drift.join('; ')} (npm run plan shows it; npm run up puts it back)`,
    };
  } catch (error) {
    return { name, ok: false, detail: shortMessage(error) };
  }
}

/** The access lines; one failed line when the access is invalid or its stack was never applied. */
export const accessAsDeclared: CheckGroup = {
  id: 'access',
  name: () => 'access: topics, users and ACLs',
  progressLabel: 'topics, users and ACLs',
  applies: (cluster) => accessSpecFor(cluster) !== undefined,
  async runAll({ cluster, d, deep }) {
    const access = resolvedAccessOf(cluster);
    // A spec whose every part is kept out (schemas without a registry, connectors without Connect)
    // applies an empty stack: there is nothing to compare.
    const empty = access !== undefined && access.topics.length + access.users.length + access.acls.length + access.connectors.length === 0;
    if (empty) return [{ name: 'access: topics, users and ACLs', ok: true, detail: 'nothing declared for this cluster as it runs now' }];
    if (!hasAccessState(cluster.name)) throw new Error(`the access stack was never applied: run npm run deploy -- --cluster ${cluster.name}`);
    return accessChecks(cluster, d, accessSpecFor(cluster)!, access!, deep ?? true);
  },
};
