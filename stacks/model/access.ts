/**
 * Access as code: the topics, users and ACLs of one cluster, declared apart from the cluster
 * itself (its own Terraform stack, `<cluster>-access`). Pure: nothing here imports cdktf.
 */
import type { ConfigValue } from './config-values.ts';
import type { ConnectorSpec, MirrorSpec, ResolvedConnector, ResolvedMirror } from './connectors.ts';
import type { ResolvedSchema, SchemaSpec } from './schemas.ts';

export const ACL_RESOURCE_TYPES = ['topic', 'group', 'cluster', 'transactional_id'] as const;
export type AclResourceType = (typeof ACL_RESOURCE_TYPES)[number];

export const ACL_PATTERNS = ['literal', 'prefixed'] as const;
export type AclPattern = (typeof ACL_PATTERNS)[number];

export const ACL_PERMISSIONS = ['allow', 'deny'] as const;
export type AclPermission = (typeof ACL_PERMISSIONS)[number];

export const ACL_OPERATIONS = [
  'all',
  'read',
  'write',
  'create',
  'delete',
  'alter',
  'describe',
  'cluster_action',
  'describe_configs',
  'alter_configs',
  'idempotent_write',
] as const;
export type AclOperation = (typeof ACL_OPERATIONS)[number];

/** The operations Kafka's authorizer checks on each resource type (`all` covers them). */
export const OPERATIONS_BY_RESOURCE: Readonly<Record<AclResourceType, readonly AclOperation[]>> = {
  topic: ['all', 'read', 'write', 'create', 'delete', 'alter', 'describe', 'describe_configs', 'alter_configs'],
  group: ['all', 'read', 'describe', 'delete'],
  cluster: ['all', 'create', 'alter', 'describe', 'cluster_action', 'describe_configs', 'alter_configs', 'idempotent_write'],
  transactional_id: ['all', 'write', 'describe'],
};

/** Kafka has one cluster resource, always named this. */
export const CLUSTER_RESOURCE_NAME = 'kafka-cluster';

/** A topic. Kafka's own defaults apply to what is left out. */
export interface TopicSpec {
  /** 1 to 249 of `a-z A-Z 0-9 . _ -`; not colliding with another by `.` versus `_`. */
  readonly name: string;
  /** @default the cluster's num.partitions (Kafka's default: 1) */
  readonly partitions?: number;
  /** @default the cluster's default.replication.factor */
  readonly replicationFactor?: number;
  /** Topic-level config, e.g. `{ "retention.ms": 604800000 }`. @default {} */
  readonly config?: Readonly<Record<string, ConfigValue>>;
  /** Refuse to destroy the topic (Terraform prevent_destroy) until this is set back to false. @default false */
  readonly protected?: boolean;
}

/** Role presets: a user's job, expanded to the ACLs it needs and no more. */
export type RolePreset =
  | { readonly preset: 'producer'; readonly topic: string }
  | { readonly preset: 'producer'; readonly prefix: string }
  | { readonly preset: 'consumer'; readonly topic: string; readonly group: string }
  | { readonly preset: 'transactionalProducer'; readonly topic: string; readonly transactionalId: string }
  | { readonly preset: 'admin' };

export const ROLE_PRESETS = ['producer', 'consumer', 'transactionalProducer', 'admin'] as const;

/** Writes to one topic (a string) or to every topic whose name starts with `{ prefix }`. */
export function producer(topicOrPrefix: string | { readonly prefix: string }): RolePreset {
  return typeof topicOrPrefix === 'string' ? { preset: 'producer', topic: topicOrPrefix } : { preset: 'producer', prefix: topicOrPrefix.prefix };
}

/** Reads one topic as a member of one consumer group. */
export function consumer(topic: string, group: string): RolePreset {
  return { preset: 'consumer', topic, group };
}

/** Writes to one topic inside transactions under one transactional id. */
export function transactionalProducer(topic: string, transactionalId: string): RolePreset {
  return { preset: 'transactionalProducer', topic, transactionalId };
}

/** Everything on every topic, group and transactional id, and on the cluster. */
export function admin(): RolePreset {
  return { preset: 'admin' };
}

/**
 * A user whose credential the access stack manages: a SCRAM credential in the sasl modes, a
 * certificate principal (`User:<name>`, the certificate's CN) under mtls.
 */
export interface UserSpec {
  /** 1 to 64 of `a-z 0-9 . _ -`, starting with a letter. */
  readonly name: string;
  /** @default [] */
  readonly roles?: readonly RolePreset[];
}

/** One ACL binding, as Kafka's kafka-acls.sh would add it. */
export interface AclSpec {
  /** `User:<name>` (or just `<name>`) of a declared user. */
  readonly principal: string;
  readonly resourceType: AclResourceType;
  /**
   * The topic, group or transactional id; `*` (literal) for all. Required except for `cluster`.
   * @default - for resourceType `cluster`, the one cluster resource (`kafka-cluster`)
   */
  readonly resourceName?: string;
  /** @default 'literal' */
  readonly pattern?: AclPattern;
  readonly operations: readonly AclOperation[];
  /** @default 'allow' */
  readonly permission?: AclPermission;
  /** @default '*' */
  readonly host?: string;
}

/** Everything the access stack of one cluster declares. */
export interface AccessSpec {
  /** @default [] */
  readonly topics?: readonly TopicSpec[];
  /** @default [] */
  readonly users?: readonly UserSpec[];
  /** ACLs beyond the ones role presets add. @default [] */
  readonly acls?: readonly AclSpec[];
  /** Kafka Connect connectors, applied when the cluster runs Connect. @default [] */
  readonly connectors?: readonly ConnectorSpec[];
  /** MirrorMaker 2 flows from other clusters into this one, run by its Connect workers. @default [] */
  readonly mirrors?: readonly MirrorSpec[];
  /** Subjects of the cluster's Schema Registry, applied when it runs one. @default [] */
  readonly schemas?: readonly SchemaSpec[];
}

export const ACCESS_FIELDS = ['topics', 'users', 'acls', 'connectors', 'mirrors', 'schemas'] as const;
export const TOPIC_FIELDS = ['name', 'partitions', 'replicationFactor', 'config', 'protected'] as const;
export const USER_FIELDS = ['name', 'roles'] as const;
export const ACL_FIELDS = ['principal', 'resourceType', 'resourceName', 'pattern', 'operations', 'permission', 'host'] as const;

/** What a topic has now (from the access stack's Terraform state): a decrease is refused against it. */
export interface PreviousAccessState {
  readonly topics: Readonly<Record<string, { readonly partitions: number }>>;
}

export interface ResolvedTopic {
  readonly name: string;
  readonly partitions: number;
  readonly replicationFactor: number;
  /** Values as strings, as Kafka and the provider take them. */
  readonly config: Readonly<Record<string, string>>;
  readonly protected: boolean;
}

export interface ResolvedUser {
  readonly name: string;
  /** `User:<name>`. */
  readonly principal: string;
  /** `scram`: a kafka_user_scram_credential; `certificate`: the PKI's client certificate (no Terraform resource). */
  readonly credential: 'scram' | 'certificate';
  /** SCRAM mechanism of the credential (scram users only). */
  readonly mechanism?: 'SCRAM-SHA-512' | 'SCRAM-SHA-256';
}

/** One operation on one resource: the unit Kafka (and the provider's kafka_acl) stores. */
export interface ResolvedAcl {
  readonly principal: string;
  readonly resourceType: AclResourceType;
  readonly resourceName: string;
  readonly pattern: AclPattern;
  readonly operation: AclOperation;
  readonly permission: AclPermission;
  readonly host: string;
  /** Where it was declared, e.g. `users[0].roles[0] (producer)` or `acls[2]`. */
  readonly origin: string;
}

export interface ResolvedAccess {
  readonly cluster: string;
  readonly topics: readonly ResolvedTopic[];
  readonly users: readonly ResolvedUser[];
  /** Deduplicated: a binding two presets both need appears once. */
  readonly acls: readonly ResolvedAcl[];
  /** Empty when the cluster runs no Connect. */
  readonly connectors: readonly ResolvedConnector[];
  /** Empty when the cluster runs no Connect. Their connectors: stacks/render/connect/mirror.ts. */
  readonly mirrors: readonly ResolvedMirror[];
  /** Empty when the cluster runs no Schema Registry. Applied over its API, not by Terraform. */
  readonly schemas: readonly ResolvedSchema[];
}

/** `User:<name>` for a name, leaving a `User:` principal as it is. */
export function principalOf(nameOrPrincipal: string): string {
  return nameOrPrincipal.startsWith('User:') ? nameOrPrincipal : `User:${nameOrPrincipal}`;
}

type AclGrant = Omit<ResolvedAcl, 'principal' | 'origin' | 'permission' | 'host'>;

const grant = (resourceType: AclResourceType, resourceName: string, pattern: AclPattern, operations: readonly AclOperation[]): AclGrant[] =>
  operations.map((operation) => ({ resourceType, resourceName, pattern, operation }));

/**
 * The ACLs a preset stands for. Idempotent producers need no cluster IdempotentWrite on Kafka
 * 3.0 and later (KIP-679: Write on a topic is enough), and both versions this tool runs are later.
 */
export function expandPreset(role: RolePreset): AclGrant[] {
  switch (role.preset) {
    case 'producer':
      return 'prefix' in role
        ? grant('topic', role.prefix, 'prefixed', ['write', 'describe'])
        : grant('topic', role.topic, 'literal', ['write', 'describe']);
    case 'consumer':
      return [...grant('topic', role.topic, 'literal', ['read', 'describe']), ...grant('group', role.group, 'literal', ['read'])];
    case 'transactionalProducer':
      return [
        ...grant('topic', role.topic, 'literal', ['write', 'describe']),
        ...grant('transactional_id', role.transactionalId, 'literal', ['write', 'describe']),
      ];
    case 'admin':
      return [
        ...grant('cluster', CLUSTER_RESOURCE_NAME, 'literal', ['all']),
        ...grant('topic', '*', 'literal', ['all']),
        ...grant('group', '*', 'literal', ['all']),
        ...grant('transactional_id', '*', 'literal', ['all']),
      ];
  }
}

/** A short description of a preset for messages and origins, e.g. `producer of topic 'orders'`. */
export function describePreset(role: RolePreset): string {
  switch (role.preset) {
    case 'producer':
      return 'prefix' in role ? `producer of topics prefixed '${role.prefix}'` : `producer of topic '${role.topic}'`;
    case 'consumer':
      return `consumer of topic '${role.topic}' in group '${role.group}'`;
    case 'transactionalProducer':
      return `transactional producer of topic '${role.topic}' as '${role.transactionalId}'`;
    case 'admin':
      return 'admin';
  }
}

/** Identity of an ACL binding (what Kafka stores), for deduplication and stable construct ids. */
export function aclKey(a: Omit<ResolvedAcl, 'origin'>): string {
  return [a.principal, a.resourceType, a.pattern, a.resourceName, a.operation, a.permission, a.host].join('|');
}

/**
 * The Terraform variable that carries a SCRAM user's password at apply time (`TF_VAR_<this>`):
 * ephemeral and sensitive, so the password is in neither the synthesized JSON nor the state.
 */
export function passwordVariable(user: string): string {
  return `scram_password_${user.replace(/[.-]/g, '_')}`;
}
