import {
  ACCESS_FIELDS,
  ACL_FIELDS,
  ACL_OPERATIONS,
  ACL_PATTERNS,
  ACL_PERMISSIONS,
  ACL_RESOURCE_TYPES,
  CLUSTER_RESOURCE_NAME,
  OPERATIONS_BY_RESOURCE,
  ROLE_PRESETS,
  TOPIC_FIELDS,
  USER_FIELDS,
  aclKey,
  describePreset,
  expandPreset,
  passwordVariable,
  principalOf,
  type AccessSpec,
  type AclOperation,
  type AclPattern,
  type AclPermission,
  type AclResourceType,
  type PreviousAccessState,
  type ResolvedAccess,
  type ResolvedAcl,
  type ResolvedTopic,
  type ResolvedUser,
  type RolePreset,
} from './access.ts';
import { PROBE_USER, RESERVED_USERS, USER_NAME_PATTERN } from './security.ts';
import { brokersOf, type ResolvedCluster } from './spec.ts';
import { AccessError, SpecError } from './errors.ts';


export const TOPIC_NAME_PATTERN = /^[a-zA-Z0-9._-]{1,249}$/;
export const MAX_PARTITIONS = 1000;
const CONFIG_KEY_PATTERN = /^[a-z][a-z0-9._-]*$/;

const show = (v: unknown): string => (typeof v === 'string' ? `'${v}'` : JSON.stringify(v) ?? String(v));
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isName = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const orList = (items: readonly string[]): string =>
  items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;

/** Kafka's own default partition count for the cluster: its num.partitions, else 1. */
export function defaultPartitions(cluster: ResolvedCluster): number {
  const configured = Number(brokersOf(cluster)[0]?.overrides['num.partitions']);
  return Number.isInteger(configured) && configured > 0 ? configured : 1;
}

function unknownFields(obj: Record<string, unknown>, known: readonly string[], at: string, use: string): string[] {
  return Object.keys(obj)
    .filter((k) => !known.includes(k))
    .map((k) => `unknown field '${at}${k}': ${use}`);
}

function listProblem(field: string, value: unknown, example: string): string | undefined {
  return value === undefined || Array.isArray(value) ? undefined : `'${field}' (${show(value)}) must be a list: e.g. ${example}`;
}

interface Checked {
  readonly problems: string[];
  /** Every validly named topic, valid or not otherwise: presets may name it. */
  readonly topicNames: Set<string>;
  readonly topics: ResolvedTopic[];
  readonly users: ResolvedUser[];
  readonly acls: ResolvedAcl[];
}

function checkTopics(raw: unknown, cluster: ResolvedCluster, previous: PreviousAccessState | undefined, out: Checked): void {
  const listed = listProblem('topics', raw, '[{ "name": "orders", "partitions": 3 }]');
  if (listed) return void out.problems.push(listed);
  const topics = (raw ?? []) as unknown[];
  const seen = new Map<string, { name: string; at: number }>();
  const brokers = brokersOf(cluster).length;
  topics.forEach((t, i) => {
    const at = `topics[${i}]`;
    if (!isObject(t)) return void out.problems.push(`'${at}' (${show(t)}) must be an object: e.g. { "name": "orders", "partitions": 3 }`);
    const p = out.problems;
    p.push(...unknownFields(t, TOPIC_FIELDS, `${at}.`, `use ${orList(TOPIC_FIELDS)}`));
    const name = t.name;
    let nameOk = false;
    if (typeof name !== 'string' || !TOPIC_NAME_PATTERN.test(name) || name === '.' || name === '..') {
      p.push(`'${at}.name' (${show(name)}) is not a valid topic name: use 1 to 249 letters, digits, '.', '_' or '-' (but not '.' or '..' alone)`);
    } else if (name.startsWith('__')) {
      p.push(`'${at}.name' ('${name}') starts with '__', which Kafka keeps for its internal topics such as __consumer_offsets: pick a name without the leading '__'`);
    } else {
      const key = name.replace(/\./g, '_');
      const other = seen.get(key);
      if (other && other.name === name) {
        p.push(`'${at}.name' ('${name}') is declared twice (topics[${other.at}]): declare each topic once`);
      } else if (other) {
        p.push(
          `'${at}.name' ('${name}') collides with '${other.name}' (topics[${other.at}]): Kafka maps '.' and '_' to the same metric names, so it refuses a topic that differs from another only by '.' versus '_'; rename one of them`,
        );
      } else {
        seen.set(key, { name, at: i });
        out.topicNames.add(name);
        nameOk = true;
      }
    }

    const partitions = t.partitions ?? defaultPartitions(cluster);
    const partitionsOk = isInt(partitions) && partitions >= 1 && partitions <= MAX_PARTITIONS;
    if (!partitionsOk) p.push(`'${at}.partitions' (${show(partitions)}) is out of range: use a whole number from 1 to ${MAX_PARTITIONS}`);
    const before = nameOk ? previous?.topics[name as string]?.partitions : undefined;
    if (partitionsOk && before !== undefined && partitions < before) {
      p.push(
        `'${at}.partitions' (${partitions}) is below the ${before} partitions topic '${name as string}' has now: Kafka cannot remove partitions (their records would be lost and keys would move to other partitions), and Terraform would delete and re-create the topic; keep ${before} or more, or create a new topic with ${partitions} partitions and move its producers and consumers to it`,
      );
    }

    const rf = t.replicationFactor ?? cluster.replication.defaultReplicationFactor;
    let rfOk = false;
    if (!isInt(rf) || rf < 1) {
      p.push(`'${at}.replicationFactor' (${show(rf)}) must be a whole number of at least 1`);
    } else if (rf > brokers) {
      p.push(
        `'${at}.replicationFactor' (${rf}) exceeds the broker count of cluster '${cluster.name}' (${brokers}): each replica lives on its own broker, so use ${brokers} or less, or add brokers to the cluster`,
      );
    } else {
      rfOk = true;
    }

    const config: Record<string, string> = {};
    const cfg = t.config;
    if (cfg !== undefined && !isObject(cfg)) {
      p.push(`'${at}.config' (${show(cfg)}) must be an object of topic config keys to values: e.g. { "retention.ms": 604800000 }`);
    } else {
      for (const [key, value] of Object.entries(cfg ?? {})) {
        if (!CONFIG_KEY_PATTERN.test(key)) {
          p.push(`'${at}.config' has key ${show(key)}, which is not a Kafka config key: use lower-case dotted names such as 'retention.ms'`);
        } else if (!['string', 'number', 'boolean'].includes(typeof value)) {
          p.push(`'${at}.config.${key}' (${show(value)}) must be a string, number or boolean`);
        } else {
          config[key] = String(value);
        }
      }
    }

    const minIsrRaw = config['min.insync.replicas'];
    if (minIsrRaw !== undefined) {
      const minIsr = Number(minIsrRaw);
      if (!Number.isInteger(minIsr) || minIsr < 1) {
        p.push(`'${at}.config.min.insync.replicas' (${show((cfg as Record<string, unknown>)['min.insync.replicas'])}) must be a whole number of at least 1`);
      } else if (rfOk && minIsr > (rf as number)) {
        p.push(
          `'${at}.config.min.insync.replicas' (${minIsr}) exceeds '${at}.replicationFactor' (${rf as number}): acks=all writes would always fail with NOT_ENOUGH_REPLICAS, so lower it to ${rf as number} or less, or raise the replication factor`,
        );
      }
    } else if (rfOk && cluster.replication.minInsyncReplicas > (rf as number)) {
      const minIsr = cluster.replication.minInsyncReplicas;
      p.push(
        `'${at}.replicationFactor' (${rf as number}) is below the min.insync.replicas of cluster '${cluster.name}' (${minIsr}): acks=all writes would always fail with NOT_ENOUGH_REPLICAS, so raise it to ${minIsr} or more, or set '${at}.config.min.insync.replicas' to ${rf as number} or less`,
      );
    }

    const prot = t.protected ?? false;
    if (typeof prot !== 'boolean') p.push(`'${at}.protected' (${show(prot)}) must be true or false`);

    if (nameOk && partitionsOk && rfOk && typeof prot === 'boolean') {
      out.topics.push({ name: name as string, partitions: partitions as number, replicationFactor: rf as number, config, protected: prot });
    }
  });
}

/** Problems with one role preset of users[i]; its ACL grants when it is valid. */
function checkRole(role: unknown, at: string, topicNames: ReadonlySet<string>, problems: string[]): RolePreset | undefined {
  if (!isObject(role)) {
    problems.push(`'${at}' (${show(role)}) must be a role preset: e.g. { "preset": "producer", "topic": "orders" }`);
    return undefined;
  }
  const preset = role.preset;
  if (!(ROLE_PRESETS as readonly unknown[]).includes(preset)) {
    problems.push(`'${at}.preset' (${show(preset)}) is not a role preset: use ${orList(ROLE_PRESETS)}`);
    return undefined;
  }
  const fields: Record<string, readonly string[]> = {
    producer: ['topic', 'prefix'],
    consumer: ['topic', 'group'],
    transactionalProducer: ['topic', 'transactionalId'],
    admin: [],
  };
  const takes = fields[preset as string]!;
  const before = problems.length;
  for (const k of Object.keys(role)) {
    if (k !== 'preset' && !takes.includes(k)) {
      problems.push(`unknown field '${at}.${k}': ${takes.length === 0 ? 'an admin role takes nothing else' : `a ${preset as string} role takes ${takes.join(preset === 'producer' ? ' or ' : ' and ')}`}`);
    }
  }
  const topicExists = (field: 'topic'): void => {
    const t = role[field];
    if (!isName(t)) {
      problems.push(`'${at}.${field}' (${show(t)}) must name a declared topic`);
    } else if (!topicNames.has(t)) {
      const declared = topicNames.size > 0 ? `declared: ${[...topicNames].join(', ')}` : 'no topic is declared yet';
      problems.push(`'${at}.${field}' ('${t}') is not a declared topic (${declared}): declare it under 'topics', or fix the name`);
    }
  };
  const needName = (field: string, what: string): void => {
    if (!isName(role[field])) problems.push(`'${at}.${field}' (${show(role[field])}) must be a non-empty ${what}`);
  };
  switch (preset) {
    case 'producer':
      if ((role.topic === undefined) === (role.prefix === undefined)) {
        problems.push(`'${at}' (producer) needs either 'topic' or 'prefix': e.g. { "preset": "producer", "topic": "orders" } or { "preset": "producer", "prefix": "orders." }`);
      } else if (role.topic !== undefined) {
        topicExists('topic');
      } else {
        needName('prefix', 'topic name prefix');
      }
      break;
    case 'consumer':
      topicExists('topic');
      needName('group', 'consumer group id');
      break;
    case 'transactionalProducer':
      topicExists('topic');
      needName('transactionalId', 'transactional id');
      break;
  }
  return problems.length === before ? (role as unknown as RolePreset) : undefined;
}

function checkUsers(raw: unknown, cluster: ResolvedCluster, out: Checked): Set<string> {
  const declared = new Set<string>();
  const listed = listProblem('users', raw, '[{ "name": "orders-app", "roles": [{ "preset": "producer", "topic": "orders" }] }]');
  if (listed) {
    out.problems.push(listed);
    return declared;
  }
  const users = (raw ?? []) as unknown[];
  const s = cluster.security;
  if (users.length > 0 && !s.authorizer) {
    out.problems.push(
      `'users' (${users.length} declared) needs a security mode that authenticates clients: cluster '${cluster.name}' runs '${s.mode}', where every client is ANONYMOUS and no authorizer checks ACLs; deploy it with --security sasl_ssl (the default), sasl_plaintext or mtls, or remove 'users' and 'acls'`,
    );
    return declared;
  }
  if (users.length > 0 && s.sasl && s.mechanism === 'PLAIN') {
    out.problems.push(
      `'users' (${users.length} declared) are SCRAM credentials, but cluster '${cluster.name}' uses SASL mechanism PLAIN, whose users live in the brokers' JAAS files: declare them in the cluster spec's 'security.users', or use mechanism SCRAM-SHA-512`,
    );
    return declared;
  }
  const topicNames = out.topicNames;
  const variables = new Map<string, string>();
  users.forEach((u, i) => {
    const at = `users[${i}]`;
    if (!isObject(u)) return void out.problems.push(`'${at}' (${show(u)}) must be an object: e.g. { "name": "orders-app" }`);
    const p = out.problems;
    p.push(...unknownFields(u, USER_FIELDS, `${at}.`, `use ${orList(USER_FIELDS)}`));
    const name = u.name;
    let nameOk = false;
    if (typeof name !== 'string' || !USER_NAME_PATTERN.test(name)) {
      p.push(`'${at}.name' (${show(name)}) is not a user name: use 1 to 64 lower-case letters, digits, '.', '_' or '-', starting with a letter`);
    } else if (RESERVED_USERS.includes(name)) {
      p.push(`'${at}.name' ('${name}') is created by kafkalab itself: pick another name`);
    } else if (s.users.includes(name)) {
      p.push(`'${at}.name' ('${name}') already has a credential from the cluster spec ('security.users'): declare each user in one place (ACLs may still name it)`);
    } else if (declared.has(name)) {
      p.push(`'${at}.name' ('${name}') is declared twice: declare each user once`);
    } else if (s.sasl && variables.has(passwordVariable(name))) {
      p.push(`'${at}.name' ('${name}') and '${variables.get(passwordVariable(name))}' share the password variable ${passwordVariable(name)} ('.' and '-' both become '_'): rename one of them`);
    } else {
      declared.add(name);
      variables.set(passwordVariable(name), name);
      nameOk = true;
    }
    const roles = u.roles ?? [];
    if (!Array.isArray(roles)) {
      p.push(`'${at}.roles' (${show(roles)}) must be a list of role presets: e.g. [{ "preset": "producer", "topic": "orders" }]`);
      return;
    }
    const valid = roles.map((r, j) => checkRole(r, `${at}.roles[${j}]`, topicNames, p));
    if (!nameOk) return;
    out.users.push({
      name: name as string,
      principal: principalOf(name as string),
      credential: s.clientCerts ? 'certificate' : 'scram',
      ...(s.sasl ? { mechanism: s.mechanism as 'SCRAM-SHA-512' | 'SCRAM-SHA-256' } : {}),
    });
    valid.forEach((role, j) => {
      if (!role) return;
      const origin = `${at}.roles[${j}] (${describePreset(role)})`;
      for (const g of expandPreset(role)) {
        out.acls.push({ ...g, principal: principalOf(name as string), permission: 'allow', host: '*', origin });
      }
    });
  });
  return declared;
}

function checkAcls(raw: unknown, cluster: ResolvedCluster, declared: ReadonlySet<string>, out: Checked): void {
  const listed = listProblem('acls', raw, '[{ "principal": "User:orders-app", "resourceType": "topic", "resourceName": "orders", "operations": ["read"] }]');
  if (listed) return void out.problems.push(listed);
  const acls = (raw ?? []) as unknown[];
  const s = cluster.security;
  if (acls.length > 0 && !s.authorizer) {
    out.problems.push(
      `'acls' (${acls.length} declared) need a security mode with an authorizer: cluster '${cluster.name}' runs '${s.mode}', where no authorizer checks ACLs; deploy it with --security sasl_ssl (the default), sasl_plaintext or mtls, or remove 'acls'`,
    );
    return;
  }
  const known = (user: string): boolean => declared.has(user) || s.users.includes(user);
  acls.forEach((a, i) => {
    const at = `acls[${i}]`;
    if (!isObject(a)) return void out.problems.push(`'${at}' (${show(a)}) must be an object: e.g. { "principal": "User:orders-app", "resourceType": "topic", "resourceName": "orders", "operations": ["read"] }`);
    const p = out.problems;
    const before = p.length;
    p.push(...unknownFields(a, ACL_FIELDS, `${at}.`, `use ${orList(ACL_FIELDS)}`));

    const principal = a.principal;
    const user = typeof principal === 'string' ? principal.replace(/^User:/, '') : undefined;
    if (typeof principal !== 'string' || user === undefined || !USER_NAME_PATTERN.test(user) || (principal.includes(':') && !principal.startsWith('User:'))) {
      p.push(`'${at}.principal' (${show(principal)}) is not a user principal: use 'User:<name>' with a user declared under 'users'`);
    } else if (user === PROBE_USER) {
      p.push(`'${at}.principal' ('${principal}') is the user verify --probe-negative proves is refused: grant it nothing`);
    } else if (!known(user)) {
      const names = [...declared, ...s.users.filter((u) => u !== PROBE_USER)];
      p.push(`'${at}.principal' ('${principal}') is not a declared user (declared: ${names.join(', ')}): declare '${user}' under 'users', or fix the name`);
    }

    const type = a.resourceType;
    const typeOk = (ACL_RESOURCE_TYPES as readonly unknown[]).includes(type);
    if (!typeOk) p.push(`'${at}.resourceType' (${show(type)}) is not an ACL resource type: use ${orList(ACL_RESOURCE_TYPES)}`);

    const pattern = a.pattern ?? 'literal';
    if (!(ACL_PATTERNS as readonly unknown[]).includes(pattern)) p.push(`'${at}.pattern' (${show(pattern)}) is not a pattern type: use literal or prefixed`);

    let resourceName = a.resourceName;
    if (type === 'cluster') {
      if (resourceName !== undefined && resourceName !== CLUSTER_RESOURCE_NAME) {
        p.push(`'${at}.resourceName' (${show(resourceName)}) must be '${CLUSTER_RESOURCE_NAME}' for resourceType cluster (Kafka has one cluster resource), or be left out`);
      }
      resourceName = CLUSTER_RESOURCE_NAME;
    } else if (typeOk) {
      if (!isName(resourceName)) {
        p.push(`'${at}.resourceName' (${show(resourceName)}) must name the ${String(type).replace('_', ' ')} (or '*', with pattern literal, for all)`);
      } else if (resourceName === '*' && pattern === 'prefixed') {
        p.push(`'${at}.resourceName' ('*') is a wildcard only with pattern literal: use pattern literal for all ${String(type).replace('_', ' ')}s, or a real prefix`);
      }
    }

    const ops = a.operations;
    if (!Array.isArray(ops) || ops.length === 0) {
      p.push(`'${at}.operations' (${show(ops)}) must be a non-empty list of operations: e.g. ["read", "describe"]`);
    } else {
      for (const op of ops) {
        if (!(ACL_OPERATIONS as readonly unknown[]).includes(op)) {
          p.push(`'${at}.operations' holds ${show(op)}, which is not an operation: use ${orList(ACL_OPERATIONS)}`);
        } else if (typeOk && !OPERATIONS_BY_RESOURCE[type as AclResourceType].includes(op as AclOperation)) {
          p.push(`'${at}.operations' holds '${op as string}', which does not apply to resourceType ${type as string}: use ${orList(OPERATIONS_BY_RESOURCE[type as AclResourceType])}`);
        }
      }
    }

    const permission = a.permission ?? 'allow';
    if (!(ACL_PERMISSIONS as readonly unknown[]).includes(permission)) p.push(`'${at}.permission' (${show(permission)}) must be allow or deny`);
    const host = a.host ?? '*';
    if (!isName(host)) p.push(`'${at}.host' (${show(host)}) must be '*' or an IP address`);

    if (p.length > before) return;
    for (const operation of ops as AclOperation[]) {
      out.acls.push({
        principal: principalOf(principal as string),
        resourceType: type as AclResourceType,
        resourceName: resourceName as string,
        pattern: pattern as AclPattern,
        operation,
        permission: permission as AclPermission,
        host: host as string,
        origin: at,
      });
    }
  });
}

function checkAll(access: AccessSpec, cluster: ResolvedCluster, previous?: PreviousAccessState): Checked {
  const out: Checked = { problems: [], topicNames: new Set(), topics: [], users: [], acls: [] };
  if (!isObject(access)) {
    out.problems.push(`the access spec (${show(access)}) must be an object: e.g. { "topics": [{ "name": "orders" }] }`);
    return out;
  }
  out.problems.push(...unknownFields(access, ACCESS_FIELDS, '', `use ${orList(ACCESS_FIELDS)}`));
  checkTopics(access.topics, cluster, previous, out);
  const declared = checkUsers(access.users, cluster, out);
  checkAcls(access.acls, cluster, declared, out);
  return out;
}

/**
 * Every problem with an access spec for `cluster`, as messages that name the field, the value
 * and the fix. `previous` is what the topics have now (for refusing partition decreases).
 * Pure: reads nothing from the machine.
 */
export function validateAccess(access: AccessSpec, cluster: ResolvedCluster, previous?: PreviousAccessState): string[] {
  return checkAll(access, cluster, previous).problems;
}

/** Validate, fill defaults and expand role presets to ACLs (deduplicated). Throws AccessError. */
export function resolveAccess(access: AccessSpec, cluster: ResolvedCluster, previous?: PreviousAccessState): ResolvedAccess {
  const checked = checkAll(access, cluster, previous);
  if (checked.problems.length > 0) throw new AccessError(cluster.name, checked.problems);
  const seen = new Set<string>();
  const acls = checked.acls.filter((a) => {
    const key = aclKey(a);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { cluster: cluster.name, topics: checked.topics, users: checked.users, acls };
}
