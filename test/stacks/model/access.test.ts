import { describe, expect, it } from 'vitest';
import {
  admin,
  consumer,
  expandPreset,
  passwordVariable,
  producer,
  transactionalProducer,
  type AccessSpec,
  type PreviousAccessState,
} from '../../../stacks/model/access.ts';
import { defaultPartitions, resolveAccess, validateAccess } from '../../../stacks/model/access-validate.ts';
import { ACCESS_PRESETS, DEFAULT_ACCESS, accessForMode } from '../../../stacks/model/access-presets.ts';
import { resolveCluster } from '../../../stacks/model/resolve.ts';
import type { ClusterSpec } from '../../../stacks/model/spec.ts';
import { AccessError, SpecError } from '../../../stacks/model/errors.ts';

const kraft3 = resolveCluster({ name: 'kraft-3' });
const access = (a: Record<string, unknown>): AccessSpec => a as unknown as AccessSpec;
const orders = { name: 'orders', partitions: 3 };
const withUser = (roles: unknown[], topics: unknown[] = [orders]): AccessSpec => access({ topics, users: [{ name: 'app', roles }] });

/** Every invalid access spec, with the exact message it must produce (and nothing else). */
const INVALID: [title: string, input: AccessSpec, message: string, cluster?: ClusterSpec, previous?: PreviousAccessState][] = [
  // The bad inputs the issue lists.
  [
    'a replication factor above the broker count',
    access({ topics: [{ name: 'orders', replicationFactor: 4 }] }),
    "'topics[0].replicationFactor' (4) exceeds the broker count of cluster 'kraft-3' (3): each replica lives on its own broker, so use 3 or less, or add brokers to the cluster",
  ],
  [
    'min.insync.replicas above the replication factor',
    access({ topics: [{ name: 'orders', replicationFactor: 2, config: { 'min.insync.replicas': 3 } }] }),
    "'topics[0].config.min.insync.replicas' (3) exceeds 'topics[0].replicationFactor' (2): acks=all writes would always fail with NOT_ENOUGH_REPLICAS, so lower it to 2 or less, or raise the replication factor",
  ],
  [
    "a replication factor below the cluster's min.insync.replicas",
    access({ topics: [{ name: 'orders', replicationFactor: 1 }] }),
    "'topics[0].replicationFactor' (1) is below the min.insync.replicas of cluster 'kraft-3' (2): acks=all writes would always fail with NOT_ENOUGH_REPLICAS, so raise it to 2 or more, or set 'topics[0].config.min.insync.replicas' to 1 or less",
  ],
  [
    'a partition decrease',
    access({ topics: [{ name: 'orders', partitions: 3 }] }),
    "'topics[0].partitions' (3) is below the 6 partitions topic 'orders' has now: Kafka cannot remove partitions (their records would be lost and keys would move to other partitions), and Terraform would delete and re-create the topic; keep 6 or more, or create a new topic with 3 partitions and move its producers and consumers to it",
    undefined,
    { topics: { orders: { partitions: 6 } } },
  ],
  [
    'an invalid topic name',
    access({ topics: [{ name: 'orders eu' }] }),
    "'topics[0].name' ('orders eu') is not a valid topic name: use 1 to 249 letters, digits, '.', '_' or '-' (but not '.' or '..' alone)",
  ],
  [
    'a topic name of 250 characters',
    access({ topics: [{ name: 'x'.repeat(250) }] }),
    `'topics[0].name' ('${'x'.repeat(250)}') is not a valid topic name: use 1 to 249 letters, digits, '.', '_' or '-' (but not '.' or '..' alone)`,
  ],
  [
    "the topic name '..'",
    access({ topics: [{ name: '..' }] }),
    "'topics[0].name' ('..') is not a valid topic name: use 1 to 249 letters, digits, '.', '_' or '-' (but not '.' or '..' alone)",
  ],
  [
    'topic names colliding by . and _',
    access({ topics: [{ name: 'orders.eu' }, { name: 'orders_eu' }] }),
    "'topics[1].name' ('orders_eu') collides with 'orders.eu' (topics[0]): Kafka maps '.' and '_' to the same metric names, so it refuses a topic that differs from another only by '.' versus '_'; rename one of them",
  ],
  [
    'an internal topic name',
    access({ topics: [{ name: '__consumer_offsets' }] }),
    "'topics[0].name' ('__consumer_offsets') starts with '__', which Kafka keeps for its internal topics such as __consumer_offsets: pick a name without the leading '__'",
  ],
  [
    'an ACL for an undeclared user',
    access({ users: [{ name: 'app' }], acls: [{ principal: 'User:ghost', resourceType: 'topic', resourceName: 'orders', operations: ['read'] }] }),
    "'acls[0].principal' ('User:ghost') is not a declared user (declared: app, admin): declare 'ghost' under 'users', or fix the name",
  ],
  [
    'a preset on a topic that does not exist',
    withUser([producer('ordrs')]),
    "'users[0].roles[0].topic' ('ordrs') is not a declared topic (declared: orders): declare it under 'topics', or fix the name",
  ],
  [
    'a consumer preset when no topic is declared',
    withUser([consumer('orders', 'g')], []),
    "'users[0].roles[0].topic' ('orders') is not a declared topic (no topic is declared yet): declare it under 'topics', or fix the name",
  ],
  // Topics, further.
  [
    'a topic declared twice',
    access({ topics: [orders, orders] }),
    "'topics[1].name' ('orders') is declared twice (topics[0]): declare each topic once",
  ],
  ['zero partitions', access({ topics: [{ name: 'orders', partitions: 0 }] }), "'topics[0].partitions' (0) is out of range: use a whole number from 1 to 1000"],
  ['a fractional replication factor', access({ topics: [{ name: 'orders', replicationFactor: 1.5 }] }), "'topics[0].replicationFactor' (1.5) must be a whole number of at least 1"],
  [
    'a non-numeric min.insync.replicas',
    access({ topics: [{ name: 'orders', config: { 'min.insync.replicas': 'two' } }] }),
    "'topics[0].config.min.insync.replicas' ('two') must be a whole number of at least 1",
  ],
  [
    'a malformed config key',
    access({ topics: [{ name: 'orders', config: { 'Retention MS': 1 } }] }),
    "'topics[0].config' has key 'Retention MS', which is not a Kafka config key: use lower-case dotted names such as 'retention.ms'",
  ],
  ['a non-boolean protected flag', access({ topics: [{ name: 'orders', protected: 'yes' }] }), "'topics[0].protected' ('yes') must be true or false"],
  [
    'an unknown topic field',
    access({ topics: [{ name: 'orders', partiton: 3 }] }),
    "unknown field 'topics[0].partiton': use name, partitions, replicationFactor, config or protected",
  ],
  ['an unknown top-level field', access({ topic: [] }), "unknown field 'topic': use topics, users, acls, connectors, mirrors or schemas"],
  // Users and presets.
  [
    'users on a plaintext cluster',
    access({ users: [{ name: 'app' }] }),
    "'users' (1 declared) needs a security mode that authenticates clients: cluster 'kraft-3' runs 'plaintext', where every client is ANONYMOUS and no authorizer checks ACLs; deploy it with --security sasl_ssl (the default), sasl_plaintext or mtls, or remove 'users' and 'acls'",
    { name: 'kraft-3', security: { mode: 'plaintext' } },
  ],
  [
    'users on a PLAIN cluster',
    access({ users: [{ name: 'app' }] }),
    "'users' (1 declared) are SCRAM credentials, but cluster 'kraft-3' uses SASL mechanism PLAIN, whose users live in the brokers' JAAS files: declare them in the cluster spec's 'security.users', or use mechanism SCRAM-SHA-512",
    { name: 'kraft-3', security: { mode: 'sasl_ssl', mechanism: 'PLAIN' } },
  ],
  [
    'an invalid user name',
    access({ users: [{ name: 'App' }] }),
    "'users[0].name' ('App') is not a user name: use 1 to 64 lower-case letters, digits, '.', '_' or '-', starting with a letter",
  ],
  ['a reserved user name', access({ users: [{ name: 'admin' }] }), "'users[0].name' ('admin') is created by kafkalab itself: pick another name"],
  [
    'a user the cluster spec already declares',
    access({ users: [{ name: 'legacy' }] }),
    "'users[0].name' ('legacy') already has a credential from the cluster spec ('security.users'): declare each user in one place (ACLs may still name it)",
    { name: 'kraft-3', security: { users: ['legacy'] } },
  ],
  ['a user declared twice', access({ users: [{ name: 'app' }, { name: 'app' }] }), "'users[1].name' ('app') is declared twice: declare each user once"],
  [
    'users whose password variables collide',
    access({ users: [{ name: 'a.b' }, { name: 'a-b' }] }),
    "'users[1].name' ('a-b') and 'a.b' share the password variable scram_password_a_b ('.' and '-' both become '_'): rename one of them",
  ],
  ['an unknown preset', withUser([{ preset: 'writer', topic: 'orders' }]), "'users[0].roles[0].preset' ('writer') is not a role preset: use producer, consumer, transactionalProducer or admin"],
  [
    'a producer with neither topic nor prefix',
    withUser([{ preset: 'producer' }]),
    `'users[0].roles[0]' (producer) needs either 'topic' or 'prefix': e.g. { "preset": "producer", "topic": "orders" } or { "preset": "producer", "prefix": "orders." }`,
  ],
  ['a consumer without a group', withUser([{ preset: 'consumer', topic: 'orders' }]), "'users[0].roles[0].group' (undefined) must be a non-empty consumer group id"],
  [
    'a transactional producer without an id',
    withUser([{ preset: 'transactionalProducer', topic: 'orders', transactionalId: '' }]),
    "'users[0].roles[0].transactionalId' ('') must be a non-empty transactional id",
  ],
  ['an admin role with a topic', withUser([{ preset: 'admin', topic: 'orders' }]), "unknown field 'users[0].roles[0].topic': an admin role takes nothing else"],
  [
    'roles that are not a list',
    access({ users: [{ name: 'app', roles: { preset: 'admin' } }] }),
    `'users[0].roles' ({"preset":"admin"}) must be a list of role presets: e.g. [{ "preset": "producer", "topic": "orders" }]`,
  ],
  // ACLs, further.
  [
    'an ACL for the probe user',
    access({ acls: [{ principal: 'User:kafkalab-probe', resourceType: 'topic', resourceName: 'orders', operations: ['read'] }] }),
    "'acls[0].principal' ('User:kafkalab-probe') is the user verify --probe-negative proves is refused: grant it nothing",
  ],
  [
    'a group principal',
    access({ acls: [{ principal: 'Group:ops', resourceType: 'topic', resourceName: 'orders', operations: ['read'] }] }),
    "'acls[0].principal' ('Group:ops') is not a user principal: use 'User:<name>' with a user declared under 'users'",
  ],
  [
    'an unknown resource type',
    access({ users: [{ name: 'app' }], acls: [{ principal: 'app', resourceType: 'topics', resourceName: 'orders', operations: ['read'] }] }),
    "'acls[0].resourceType' ('topics') is not an ACL resource type: use topic, group, cluster or transactional_id",
  ],
  [
    'an unknown pattern type',
    access({ users: [{ name: 'app' }], acls: [{ principal: 'app', resourceType: 'topic', resourceName: 'orders', pattern: 'glob', operations: ['read'] }] }),
    "'acls[0].pattern' ('glob') is not a pattern type: use literal or prefixed",
  ],
  [
    'a prefixed wildcard',
    access({ users: [{ name: 'app' }], acls: [{ principal: 'app', resourceType: 'group', resourceName: '*', pattern: 'prefixed', operations: ['read'] }] }),
    "'acls[0].resourceName' ('*') is a wildcard only with pattern literal: use pattern literal for all groups, or a real prefix",
  ],
  [
    'a topic ACL without a name',
    access({ users: [{ name: 'app' }], acls: [{ principal: 'app', resourceType: 'topic', operations: ['read'] }] }),
    "'acls[0].resourceName' (undefined) must name the topic (or '*', with pattern literal, for all)",
  ],
  [
    'a cluster ACL naming another cluster',
    access({ users: [{ name: 'app' }], acls: [{ principal: 'app', resourceType: 'cluster', resourceName: 'kraft-3', operations: ['describe'] }] }),
    "'acls[0].resourceName' ('kraft-3') must be 'kafka-cluster' for resourceType cluster (Kafka has one cluster resource), or be left out",
  ],
  [
    'an unknown operation',
    access({ users: [{ name: 'app' }], acls: [{ principal: 'app', resourceType: 'topic', resourceName: 'orders', operations: ['reed'] }] }),
    "'acls[0].operations' holds 'reed', which is not an operation: use all, read, write, create, delete, alter, describe, cluster_action, describe_configs, alter_configs or idempotent_write",
  ],
  [
    'an operation that does not apply to the resource',
    access({ users: [{ name: 'app' }], acls: [{ principal: 'app', resourceType: 'group', resourceName: 'g', operations: ['write'] }] }),
    "'acls[0].operations' holds 'write', which does not apply to resourceType group: use all, read, describe or delete",
  ],
  [
    'no operations',
    access({ users: [{ name: 'app' }], acls: [{ principal: 'app', resourceType: 'topic', resourceName: 'orders', operations: [] }] }),
    `'acls[0].operations' ([]) must be a non-empty list of operations: e.g. ["read", "describe"]`,
  ],
  [
    'an unknown permission',
    access({ users: [{ name: 'app' }], acls: [{ principal: 'app', resourceType: 'topic', resourceName: 'orders', operations: ['read'], permission: 'permit' }] }),
    "'acls[0].permission' ('permit') must be allow or deny",
  ],
  [
    'ACLs on a cluster without an authorizer',
    access({ acls: [{ principal: 'User:admin', resourceType: 'topic', resourceName: 'orders', operations: ['read'] }] }),
    "'acls' (1 declared) need a security mode with an authorizer: cluster 'kraft-3' runs 'ssl', where no authorizer checks ACLs; deploy it with --security sasl_ssl (the default), sasl_plaintext or mtls, or remove 'acls'",
    { name: 'kraft-3', security: { mode: 'ssl' } },
  ],
];

describe('validateAccess', () => {
  it.each(INVALID)('rejects %s with a message naming the field, the value and the fix', (_title, input, message, cluster, previous) => {
    expect(validateAccess(input, cluster ? resolveCluster(cluster) : kraft3, previous)).toEqual([message]);
  });

  it('accepts the default example on the default cluster', () => {
    expect(validateAccess(DEFAULT_ACCESS, kraft3)).toEqual([]);
    expect(ACCESS_PRESETS['kraft-3']).toBe(DEFAULT_ACCESS);
  });

  it('accepts a partition increase and an unchanged count', () => {
    expect(validateAccess(access({ topics: [{ name: 'orders', partitions: 6 }] }), kraft3, { topics: { orders: { partitions: 3 } } })).toEqual([]);
    expect(validateAccess(access({ topics: [{ name: 'orders', partitions: 3 }] }), kraft3, { topics: { orders: { partitions: 3 } } })).toEqual([]);
  });

  it('judges min.insync.replicas against the topic, so a topic may lower it with its replication factor', () => {
    const lowered = access({ topics: [{ name: 'scratch', replicationFactor: 1, config: { 'min.insync.replicas': 1 } }] });
    expect(validateAccess(lowered, kraft3)).toEqual([]);
  });

  it('lets a preset name a topic whose other settings are wrong, and reports only those', () => {
    const input = withUser([producer('orders')], [{ name: 'orders', replicationFactor: 5 }]);
    expect(validateAccess(input, kraft3)).toEqual([
      "'topics[0].replicationFactor' (5) exceeds the broker count of cluster 'kraft-3' (3): each replica lives on its own broker, so use 3 or less, or add brokers to the cluster",
    ]);
  });

  it('reports every problem at once', () => {
    const input = access({ topics: [{ name: 'a b', partitions: -1 }], acls: [{ principal: 'User:ghost', resourceType: 'topic', resourceName: 'x', operations: ['read'] }] });
    expect(validateAccess(input, kraft3)).toHaveLength(3);
  });

  it('accepts ACLs for users of the cluster spec, in either principal form', () => {
    const cluster = resolveCluster({ name: 'kraft-3', security: { users: ['legacy'] } });
    const input = access({
      acls: [
        { principal: 'User:legacy', resourceType: 'topic', resourceName: 'orders', operations: ['read'] },
        { principal: 'legacy', resourceType: 'cluster', operations: ['describe'] },
      ],
    });
    expect(validateAccess(input, cluster)).toEqual([]);
  });

  it('keeps only the topics on a cluster without an authorizer', () => {
    const plaintext = resolveCluster({ name: 'kraft-3', security: { mode: 'plaintext' } });
    expect(validateAccess(DEFAULT_ACCESS, plaintext)).toHaveLength(1);
    expect(validateAccess(accessForMode(DEFAULT_ACCESS, plaintext.security.authorizer), plaintext)).toEqual([]);
    expect(accessForMode(DEFAULT_ACCESS, true)).toBe(DEFAULT_ACCESS);
  });
});

describe('role presets', () => {
  it('expands producer to write and describe on the topic, or on a prefix', () => {
    expect(expandPreset(producer('orders'))).toEqual([
      { resourceType: 'topic', resourceName: 'orders', pattern: 'literal', operation: 'write' },
      { resourceType: 'topic', resourceName: 'orders', pattern: 'literal', operation: 'describe' },
    ]);
    expect(expandPreset(producer({ prefix: 'orders.' }))).toEqual([
      { resourceType: 'topic', resourceName: 'orders.', pattern: 'prefixed', operation: 'write' },
      { resourceType: 'topic', resourceName: 'orders.', pattern: 'prefixed', operation: 'describe' },
    ]);
  });

  it('expands consumer to read and describe on the topic and read on its group only', () => {
    expect(expandPreset(consumer('orders', 'orders-consumer'))).toEqual([
      { resourceType: 'topic', resourceName: 'orders', pattern: 'literal', operation: 'read' },
      { resourceType: 'topic', resourceName: 'orders', pattern: 'literal', operation: 'describe' },
      { resourceType: 'group', resourceName: 'orders-consumer', pattern: 'literal', operation: 'read' },
    ]);
  });

  it('expands transactionalProducer to the topic and its transactional id', () => {
    expect(expandPreset(transactionalProducer('orders', 'orders-tx'))).toEqual([
      { resourceType: 'topic', resourceName: 'orders', pattern: 'literal', operation: 'write' },
      { resourceType: 'topic', resourceName: 'orders', pattern: 'literal', operation: 'describe' },
      { resourceType: 'transactional_id', resourceName: 'orders-tx', pattern: 'literal', operation: 'write' },
      { resourceType: 'transactional_id', resourceName: 'orders-tx', pattern: 'literal', operation: 'describe' },
    ]);
  });

  it('expands admin to all on the cluster and on every topic, group and transactional id', () => {
    expect(expandPreset(admin()).map((g) => `${g.resourceType}:${g.resourceName}:${g.operation}`)).toEqual([
      'cluster:kafka-cluster:all',
      'topic:*:all',
      'group:*:all',
      'transactional_id:*:all',
    ]);
  });
});

describe('resolveAccess', () => {
  it('fills defaults from the cluster and expands the default example', () => {
    const r = resolveAccess(DEFAULT_ACCESS, kraft3);
    expect(r.cluster).toBe('kraft-3');
    expect(r.topics).toEqual([
      { name: 'orders', partitions: 3, replicationFactor: 3, config: { 'retention.ms': '604800000' }, protected: false },
      { name: 'orders-import', partitions: 1, replicationFactor: 3, config: {}, protected: false },
    ]);
    // Without Connect on the cluster, its connector is kept out.
    expect(r.connectors).toEqual([]);
    expect(r.users).toEqual([
      { name: 'orders-producer', principal: 'User:orders-producer', credential: 'scram', mechanism: 'SCRAM-SHA-512' },
      { name: 'orders-consumer', principal: 'User:orders-consumer', credential: 'scram', mechanism: 'SCRAM-SHA-512' },
    ]);
    expect(r.acls.map((a) => `${a.principal} ${a.permission} ${a.operation} ${a.resourceType}:${a.pattern}:${a.resourceName}`)).toEqual([
      'User:orders-producer allow write topic:literal:orders',
      'User:orders-producer allow describe topic:literal:orders',
      'User:orders-consumer allow read topic:literal:orders',
      'User:orders-consumer allow describe topic:literal:orders',
      'User:orders-consumer allow read group:literal:orders-consumer',
    ]);
    expect(r.acls[0]!.origin).toBe("users[0].roles[0] (producer of topic 'orders')");
  });

  it("defaults partitions to the cluster's num.partitions, else Kafka's 1", () => {
    expect(defaultPartitions(kraft3)).toBe(1);
    const six = resolveCluster({ name: 'kraft-3', config: { 'num.partitions': 6 } });
    expect(defaultPartitions(six)).toBe(6);
    expect(resolveAccess(access({ topics: [{ name: 't' }] }), six).topics[0]!.partitions).toBe(6);
  });

  it('deduplicates bindings two presets share, and expands explicit ACLs per operation', () => {
    const r = resolveAccess(
      access({
        topics: [orders],
        users: [{ name: 'app', roles: [producer('orders'), transactionalProducer('orders', 'tx')] }],
        acls: [{ principal: 'User:app', resourceType: 'topic', resourceName: 'orders', operations: ['delete', 'write'], permission: 'deny', host: '10.0.0.1' }],
      }),
      kraft3,
    );
    expect(r.acls.map((a) => `${a.permission} ${a.operation} ${a.resourceType}:${a.resourceName}@${a.host} <- ${a.origin}`)).toEqual([
      "allow write topic:orders@* <- users[0].roles[0] (producer of topic 'orders')",
      "allow describe topic:orders@* <- users[0].roles[0] (producer of topic 'orders')",
      "allow write transactional_id:tx@* <- users[0].roles[1] (transactional producer of topic 'orders' as 'tx')",
      "allow describe transactional_id:tx@* <- users[0].roles[1] (transactional producer of topic 'orders' as 'tx')",
      'deny delete topic:orders@10.0.0.1 <- acls[0]',
      'deny write topic:orders@10.0.0.1 <- acls[0]',
    ]);
  });

  it('makes certificate users under mtls, with no SCRAM mechanism', () => {
    const mtls = resolveCluster({ name: 'kraft-3', security: { mode: 'mtls' } });
    expect(resolveAccess(DEFAULT_ACCESS, mtls).users[0]).toEqual({ name: 'orders-producer', principal: 'User:orders-producer', credential: 'certificate' });
  });

  it('throws an AccessError (a SpecError, so scripts exit 2) listing every problem', () => {
    const bad = access({ topics: [{ name: 'orders', replicationFactor: 4 }] });
    expect(() => resolveAccess(bad, kraft3)).toThrow(AccessError);
    expect(() => resolveAccess(bad, kraft3)).toThrow(SpecError);
    expect(() => resolveAccess(bad, kraft3)).toThrow(/^access spec of cluster 'kraft-3' is invalid:\n {2}- 'topics\[0\]\.replicationFactor' \(4\)/);
  });

  it('names password variables Terraform accepts', () => {
    expect(passwordVariable('orders-producer')).toBe('scram_password_orders_producer');
    expect(passwordVariable('a.b_c')).toBe('scram_password_a_b_c');
  });
});
