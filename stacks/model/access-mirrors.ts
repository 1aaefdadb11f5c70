/**
 * Checks of the access spec's `mirrors` (MirrorMaker 2 flows into this cluster), and the grants
 * they need on it:
 * 1. without Connect on the cluster, mirrors are kept out, like connectors (nothing would run them);
 * 2. each mirror names another cluster of this checkout that runs (`sources`, read by the caller),
 *    once; a list of topics to replicate, groups to checkpoint, and the source's user;
 * 3. a valid mirror is resolved with what the workers need of its source (network, brokers,
 *    security), and the workers' user is granted, on this cluster: the remote topics
 *    (`<source>.` prefixed, checkpoints included), the offset-syncs and heartbeats topics, and the
 *    groups whose offsets MirrorMaker 2 syncs.
 */
import { isName, isObject, fieldProblem, listProblem, orList, unknownFields } from './problems.ts';
import { CLUSTER_NAME_PATTERN } from './validate-identity.ts';
import { USER_NAME_PATTERN } from './security.ts';
import { listenerSetLayout } from './listener-sets.ts';
import type { ResolvedCluster } from './spec.ts';
import type { Checked } from './access-checked.ts';
import { principalOf, type AclOperation, type ResolvedAcl } from './access.ts';
import { MIRROR_FIELDS, type ResolvedMirror } from './connectors.ts';

/**
 * The offset-syncs topic MirrorMaker 2 keeps on the target (offset-syncs.topic.location=target):
 * named after the other cluster of the flow, the source.
 */
export const offsetSyncsTopicOf = (source: string): string => `mm2-offset-syncs.${source}.internal`;
export const MIRROR_HEARTBEATS_TOPIC = 'heartbeats';
export const mirrorConnectorNamesOf = (source: string): readonly string[] => [`mirror-${source}-source`, `mirror-${source}-checkpoint`, `mirror-${source}-heartbeat`];

function nameList(raw: unknown, at: string, example: string, p: string[], required: boolean): string[] {
  if (raw === undefined && !required) return [];
  if (!Array.isArray(raw) || (required && raw.length === 0) || raw.some((x) => !isName(x))) {
    p.push(fieldProblem(at, raw, `must be a ${required ? 'non-empty ' : ''}list of names: e.g. ${example}`));
    return [];
  }
  return raw as string[];
}

/** Step 3: the workers' grants on this cluster for one flow. */
export function mirrorGrants(m: ResolvedMirror, principal: string): ResolvedAcl[] {
  const origin = `mirrors '${m.source}'`;
  const base = { principal, permission: 'allow' as const, host: '*', origin };
  const topicOps: AclOperation[] = ['create', 'write', 'read', 'describe', 'describe_configs'];
  const topic = (resourceName: string, pattern: 'literal' | 'prefixed'): ResolvedAcl[] =>
    topicOps.map((operation) => ({ ...base, resourceType: 'topic', resourceName, pattern, operation }));
  return [
    ...topic(`${m.source}.`, 'prefixed'),
    ...topic(offsetSyncsTopicOf(m.source), 'literal'),
    ...topic(MIRROR_HEARTBEATS_TOPIC, 'literal'),
    ...m.groups.flatMap((g) => (['read', 'describe'] as const).map((operation) => ({ ...base, resourceType: 'group' as const, resourceName: g, pattern: 'literal' as const, operation }))),
  ];
}

function checkMirror(raw: unknown, i: number, cluster: ResolvedCluster, sources: Readonly<Record<string, ResolvedCluster>>, seen: Set<string>, p: string[]): ResolvedMirror | undefined {
  const at = `mirrors[${i}]`;
  const before = p.length;
  if (!isObject(raw)) return void p.push(fieldProblem(at, raw, 'must be an object: e.g. { "source": "dc-a", "topics": ["orders"], "groups": ["orders-app"] }'));
  p.push(...unknownFields(raw, MIRROR_FIELDS, `${at}.`, `use ${orList(MIRROR_FIELDS)}`));
  const source = raw.source;
  if (typeof source !== 'string' || !CLUSTER_NAME_PATTERN.test(source)) p.push(fieldProblem(`${at}.source`, source, 'must name another cluster of this checkout: e.g. "dc-a"'));
  else if (source === cluster.name) p.push(fieldProblem(`${at}.source`, source, 'is this cluster itself: name the cluster to replicate from'));
  else if (seen.has(source)) p.push(fieldProblem(`${at}.source`, source, 'is mirrored twice: list all its topics in one mirror'));
  else if (!sources[source]) {
    p.push(fieldProblem(`${at}.source`, source, `is not a running cluster of this checkout: start it first (npm run up -- --cluster ${source}), then this one`));
  }
  const topics = nameList(raw.topics, `${at}.topics`, '["orders"]', p, true);
  const groups = nameList(raw.groups, `${at}.groups`, '["orders-app"]', p, false);
  const user = raw.user ?? `${cluster.name}-mirror`;
  if (typeof user !== 'string' || !USER_NAME_PATTERN.test(user)) p.push(fieldProblem(`${at}.user`, user, "is not a user name: use lower-case letters, digits, '.', '_' or '-', starting with a letter"));
  if (p.length > before) return undefined;
  seen.add(source as string);
  const src = sources[source as string]!;
  return {
    source: src.name,
    sourceNetwork: src.networkName,
    sourceBootstrap: src.nodes.filter((n) => n.roles.includes('broker')).map((n) => `${n.containerName}:${listenerSetLayout(src.listeners.set).internalPort}`).join(','),
    sourceSecurity: src.security,
    topics,
    groups,
    user: user as string,
    remoteTopics: topics.map((t) => `${src.name}.${t}`),
    connectors: mirrorConnectorNamesOf(src.name),
  };
}

/** Checks `mirrors` (steps 1 to 3), gathering problems and grants into `out`; returns the resolved mirrors. */
export function checkMirrors(raw: unknown, cluster: ResolvedCluster, sources: Readonly<Record<string, ResolvedCluster>>, out: Checked): ResolvedMirror[] {
  const listed = listProblem('mirrors', raw, '[{ "source": "dc-a", "topics": ["orders"], "groups": ["orders-app"] }]');
  if (listed) return void out.problems.push(listed), [];
  if (!cluster.connect) return [];
  const seen = new Set<string>();
  const mirrors = ((raw ?? []) as unknown[]).flatMap((m, i) => checkMirror(m, i, cluster, sources, seen, out.problems) ?? []);
  if (cluster.security.authorizer) out.acls.push(...mirrors.flatMap((m) => mirrorGrants(m, principalOf(cluster.connect!.user))));
  return mirrors;
}
