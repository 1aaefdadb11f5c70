/**
 * Checks of the access spec's `connectors`, and the Connect workers' user and grants:
 * 1. without Connect on the cluster (`"connect": true`, or `npm run up -- --connect`) connectors
 *    are kept out: nothing would run them (the default cluster's example declares one);
 * 2. each connector has a valid, unique name and a class the workers' image ships (full name or
 *    Connect's short alias), a `tasksMax` from 1 to 16 and a config of strings, numbers or
 *    booleans, without the keys the tool sets itself;
 * 3. its `topics` are declared topics, and every topic its config names (`topic`, `topics`) is one
 *    of its `topics`: the workers' user is granted exactly those, so any other would be refused;
 * 4. a valid connector is resolved to the config Connect receives (name, class, tasks.max, a sink's
 *    `topics` filled in), and the workers' user gets write (source) or read and its consumer
 *    group (sink) on its topics;
 * 5. with Connect on and an authorizer, the workers' user itself: its internal topics and group.
 */
import { isInt, isName, isObject, fieldProblem, listProblem, orList, show, unknownFields } from './problems.ts';
import { CONNECT_TOPICS, type ResolvedConnect } from './connect.ts';
import type { ResolvedCluster } from './spec.ts';
import type { Checked } from './access-checked.ts';
import { principalOf, type AclOperation, type ResolvedAcl } from './access.ts';
import { CONNECTOR_FIELDS, type ConnectorType, type ResolvedConnector } from './connectors.ts';

export { CONNECTOR_FIELDS, type ConnectorSpec, type ConnectorType, type ResolvedConnector } from './connectors.ts';

/** The connector classes the Connect image ships (its plugins), by full name. */
export const CONNECTOR_CLASSES: Readonly<Record<string, { readonly type: ConnectorType; readonly alias: string }>> = {
  'org.apache.kafka.connect.file.FileStreamSourceConnector': { type: 'source', alias: 'FileStreamSource' },
  'org.apache.kafka.connect.file.FileStreamSinkConnector': { type: 'sink', alias: 'FileStreamSink' },
  'org.apache.kafka.connect.mirror.MirrorSourceConnector': { type: 'source', alias: 'MirrorSource' },
  'org.apache.kafka.connect.mirror.MirrorCheckpointConnector': { type: 'source', alias: 'MirrorCheckpoint' },
  'org.apache.kafka.connect.mirror.MirrorHeartbeatConnector': { type: 'source', alias: 'MirrorHeartbeat' },
};

export const MAX_TASKS = 16;
/** Connector names: what Connect's REST paths and the sink's group `connect-<name>` take. */
export const CONNECTOR_NAME_PATTERN = /^[a-z][a-z0-9._-]{0,63}$/;
/** Config keys the tool sets from the connector's own fields. */
const OWNED_KEYS: Readonly<Record<string, string>> = { name: 'name', 'connector.class': 'class', 'tasks.max': 'tasksMax' };
/** Config keys that name the topics a connector writes or reads. */
const TOPIC_KEYS = ['topic', 'topics'] as const;

/** The full class name for a full name or an alias (with or without the `Connector` suffix). */
export function connectorClassOf(name: string): string | undefined {
  if (CONNECTOR_CLASSES[name]) return name;
  const bare = name.replace(/Connector$/, '');
  return Object.keys(CONNECTOR_CLASSES).find((c) => CONNECTOR_CLASSES[c]!.alias === bare);
}

/** The sink's consumer group, as Connect names it. */
export const sinkGroupOf = (connector: string): string => `connect-${connector}`;

interface ConnectorContext {
  readonly cluster: ResolvedCluster;
  readonly seen: Set<string>;
  readonly out: Checked;
}

function checkConfigValues(cfg: unknown, at: string, p: string[]): Record<string, string> {
  const config: Record<string, string> = {};
  if (cfg === undefined) return config;
  if (!isObject(cfg)) {
    p.push(fieldProblem(`${at}.config`, cfg, 'must be an object of connector config keys to values: e.g. { "file": "/var/lib/connect/in.txt" }'));
    return config;
  }
  for (const [key, value] of Object.entries(cfg)) {
    if (OWNED_KEYS[key]) p.push(fieldProblem(`${at}.config.${key}`, value, `is set by kafkalab from the connector's '${OWNED_KEYS[key]}': remove it from config`));
    else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') config[key] = String(value);
    else p.push(fieldProblem(`${at}.config.${key}`, value, 'must be a string, a number or a boolean'));
  }
  return config;
}

function checkTopicList(raw: unknown, at: string, ctx: ConnectorContext): string[] {
  const p = ctx.out.problems;
  if (raw === undefined) return [];
  if (!Array.isArray(raw) || raw.some((t) => typeof t !== 'string')) {
    p.push(fieldProblem(`${at}.topics`, raw, 'must be a list of topic names: e.g. ["orders-import"]'));
    return [];
  }
  const topics = raw as string[];
  for (const t of topics) {
    if (!ctx.out.topicNames.has(t)) p.push(fieldProblem(`${at}.topics`, t, `is not a declared topic: declare it under 'topics' (e.g. { "name": "${t}" }) so it exists before the connector runs`));
  }
  return topics;
}

/** Step 3: every topic the config names must be one of the connector's `topics`. */
function configTopicProblems(config: Record<string, string>, topics: readonly string[], at: string, user: string): string[] {
  const problems: string[] = [];
  for (const key of TOPIC_KEYS) {
    const named = config[key]?.split(',').map((t) => t.trim()).filter((t) => t.length > 0) ?? [];
    for (const t of named.filter((n) => !topics.includes(n))) {
      problems.push(
        fieldProblem(`${at}.config.${key}`, t, `is not in the connector's 'topics' (${show(topics)}): the workers' user '${user}' is granted only those, so Kafka would refuse it; add '${t}' to ${at}.topics`),
      );
    }
  }
  return problems;
}

function resolveConnector(name: string, cls: string, tasksMax: number, config: Record<string, string>, topics: readonly string[]): ResolvedConnector {
  const type = CONNECTOR_CLASSES[cls]!.type;
  const full: Record<string, string> = { ...config, name, 'connector.class': cls, 'tasks.max': String(tasksMax) };
  if (type === 'sink' && full.topics === undefined && full['topics.regex'] === undefined) full.topics = topics.join(',');
  return { name, class: cls, type, tasksMax, topics, config: full };
}

/** The workers' grants for one connector: a source writes its topics, a sink reads them in its own group. */
export function connectorGrants(c: ResolvedConnector, principal: string): ResolvedAcl[] {
  const origin = `connectors '${c.name}' (${c.type})`;
  const acl = (resourceType: ResolvedAcl['resourceType'], resourceName: string, operation: AclOperation): ResolvedAcl => ({
    principal,
    resourceType,
    resourceName,
    pattern: 'literal',
    operation,
    permission: 'allow',
    host: '*',
    origin,
  });
  const ops: AclOperation[] = c.type === 'source' ? ['write', 'describe'] : ['read', 'describe'];
  return [
    ...c.topics.flatMap((t) => ops.map((op) => acl('topic', t, op))),
    ...(c.type === 'sink' ? [acl('group', sinkGroupOf(c.name), 'read'), acl('group', sinkGroupOf(c.name), 'describe')] : []),
  ];
}

/** Step 5: the workers' own grants: their three internal topics and their Connect group. */
export function workerGrants(connect: ResolvedConnect): ResolvedAcl[] {
  const principal = principalOf(connect.user);
  const origin = 'connect (the workers)';
  const base = { principal, pattern: 'literal' as const, permission: 'allow' as const, host: '*', origin };
  const topicOps: AclOperation[] = ['read', 'write', 'describe', 'create', 'describe_configs'];
  return [
    ...Object.values(CONNECT_TOPICS).flatMap((t) => topicOps.map((operation) => ({ ...base, resourceType: 'topic' as const, resourceName: t, operation }))),
    ...(['read', 'describe'] as const).map((operation) => ({ ...base, resourceType: 'group' as const, resourceName: connect.groupId, operation })),
  ];
}

function checkConnector(c: unknown, i: number, ctx: ConnectorContext): ResolvedConnector | undefined {
  const at = `connectors[${i}]`;
  const p = ctx.out.problems;
  const before = p.length;
  if (!isObject(c)) return void p.push(fieldProblem(at, c, 'must be an object: e.g. { "name": "orders-import", "class": "FileStreamSource", "topics": ["orders-import"] }'));
  p.push(...unknownFields(c, CONNECTOR_FIELDS, `${at}.`, `use ${orList(CONNECTOR_FIELDS)}`));
  const name = c.name;
  if (!isName(name) || !CONNECTOR_NAME_PATTERN.test(name)) {
    p.push(fieldProblem(`${at}.name`, name, "is not a connector name: use 1 to 64 lower-case letters, digits, '.', '_' or '-', starting with a letter"));
  } else if (ctx.seen.has(name)) p.push(fieldProblem(`${at}.name`, name, 'is declared twice: declare each connector once'));
  else ctx.seen.add(name);
  const cls = typeof c.class === 'string' ? connectorClassOf(c.class) : undefined;
  if (!cls) {
    const known = Object.entries(CONNECTOR_CLASSES).map(([full, { alias }]) => `${alias} (${full})`);
    p.push(fieldProblem(`${at}.class`, c.class, `is not a connector class the Connect workers have: use one of ${orList(known)}`));
  }
  const tasksMax = c.tasksMax ?? 1;
  if (!isInt(tasksMax) || tasksMax < 1 || tasksMax > MAX_TASKS) p.push(fieldProblem(`${at}.tasksMax`, tasksMax, `is out of range: use a whole number from 1 to ${MAX_TASKS}`));
  const config = checkConfigValues(c.config, at, p);
  const topics = checkTopicList(c.topics, at, ctx);
  p.push(...configTopicProblems(config, topics, at, ctx.cluster.connect?.user ?? 'connect'));
  if (p.length > before) return undefined;
  return resolveConnector(name as string, cls!, tasksMax as number, config, topics);
}

/** Checks `connectors` (steps 1 to 5), gathering into `out`; returns the resolved connectors. */
export function checkConnectors(raw: unknown, cluster: ResolvedCluster, out: Checked): ResolvedConnector[] {
  const listed = listProblem('connectors', raw, '[{ "name": "orders-import", "class": "FileStreamSource", "config": { "file": "/var/lib/connect/orders.txt", "topic": "orders-import" }, "topics": ["orders-import"] }]');
  if (listed) return void out.problems.push(listed), [];
  const list = (raw ?? []) as unknown[];
  const connect = cluster.connect;
  if (!connect) return [];
  const ctx: ConnectorContext = { cluster, seen: new Set(), out };
  const resolved = list.flatMap((c, i) => checkConnector(c, i, ctx) ?? []);
  const s = cluster.security;
  if (s.authorizer) {
    if (s.sasl && s.mechanism === 'PLAIN') {
      out.problems.push(`'connect' needs a SCRAM user for its workers, but cluster '${cluster.name}' uses SASL mechanism PLAIN: use mechanism SCRAM-SHA-512 (the default), or turn Connect off`);
      return resolved;
    }
    const principal = principalOf(connect.user);
    out.users.push({
      name: connect.user,
      principal,
      credential: s.clientCerts ? 'certificate' : 'scram',
      ...(s.sasl ? { mechanism: s.mechanism as 'SCRAM-SHA-512' | 'SCRAM-SHA-256' } : {}),
    });
    out.acls.push(...workerGrants(connect), ...resolved.flatMap((c) => connectorGrants(c, principal)));
  }
  return resolved;
}
