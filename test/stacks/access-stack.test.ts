import { Testing } from 'cdktf';
import { describe, expect, it } from 'vitest';
import { AccessStack, accessStackId, providerConfig, type AccessConnection } from '../../stacks/access-stack.ts';
import { aclTerraformName, terraformName } from '../../stacks/constructs/access-names.ts';
import { admin, consumer, producer, type AccessSpec } from '../../stacks/model/access.ts';
import { DEFAULT_ACCESS } from '../../stacks/model/access-presets.ts';
import { resolveAccess } from '../../stacks/model/access-validate.ts';
import { resolveCluster } from '../../stacks/model/resolve.ts';
import type { ClusterSpec } from '../../stacks/model/spec.ts';
import { buildDescriptor } from '../../scripts/lib/cluster/descriptor.ts';

interface Synth {
  terraform: { required_providers: Record<string, { source: string; version: string }>; backend: { local: { path: string } } };
  provider: { kafka: Record<string, unknown>[] };
  resource: Record<string, Record<string, Record<string, unknown>>>;
  variable?: Record<string, Record<string, unknown>>;
  output: Record<string, { value: unknown }>;
}

function synth(access: AccessSpec = DEFAULT_ACCESS, spec: ClusterSpec = { name: 'kraft-3' }, passwordVersions = {}): Synth {
  const cluster = resolveCluster(spec);
  const app = Testing.app();
  const stack = new AccessStack(app, accessStackId(cluster.name), {
    access: resolveAccess(access, cluster),
    connection: buildDescriptor(cluster, '/state/clusters/kraft-3'),
    statePath: '../../../.kafkalab/clusters/kraft-3/access/terraform.tfstate',
    passwordVersions,
  });
  return JSON.parse(Testing.synth(stack)) as Synth;
}

describe('AccessStack', () => {
  const out = synth(DEFAULT_ACCESS, { name: 'kraft-3' }, { 'orders-producer': 'v2' });

  it('is named <cluster>-access, pins the mirrored provider and keeps its own state', () => {
    expect(accessStackId('kraft-3')).toBe('kraft-3-access');
    expect(out.terraform.required_providers).toEqual({ kafka: { source: 'mongey/kafka', version: '0.13.1' } });
    expect(out.terraform.backend.local.path).toBe('../../../.kafkalab/clusters/kraft-3/access/terraform.tfstate');
  });

  it('configures the provider from the descriptor, with no password in the JSON', () => {
    const [provider] = out.provider.kafka;
    expect(provider).toEqual({
      bootstrap_servers: ['127.0.0.1:19092', '127.0.0.1:19093', '127.0.0.1:19094'],
      kafka_version: '2.7.0',
      tls_enabled: true,
      ca_cert: expect.stringMatching(/clusters\/kraft-3\/secrets\/pki\/truststore\.pem$/),
      skip_tls_verify: false,
      sasl_mechanism: 'scram-sha512',
      sasl_username: 'admin',
    });
    expect(provider).not.toHaveProperty('sasl_password');
  });

  it('declares the orders topic with its partitions, replication factor and config', () => {
    expect(out.resource.kafka_topic).toEqual({
      orders: { name: 'orders', partitions: 3, replication_factor: 3, config: { 'retention.ms': '604800000' } },
      'orders-import': { name: 'orders-import', partitions: 1, replication_factor: 3 },
    });
  });

  it('makes SCRAM users whose write-only password comes from an ephemeral, sensitive variable', () => {
    expect(out.resource.kafka_user_scram_credential).toEqual({
      'orders-producer': {
        username: 'orders-producer',
        scram_mechanism: 'SCRAM-SHA-512',
        password_wo: '${var.scram_password_orders_producer}',
        password_wo_version: 'v2',
      },
      'orders-consumer': {
        username: 'orders-consumer',
        scram_mechanism: 'SCRAM-SHA-512',
        password_wo: '${var.scram_password_orders_consumer}',
        password_wo_version: '1',
      },
    });
    expect(out.variable?.scram_password_orders_producer).toMatchObject({ type: 'string', sensitive: true, ephemeral: true, nullable: false });
    expect(JSON.stringify(out)).not.toMatch(/"password"\s*:/);
  });

  it('expands the presets to one kafka_acl per operation, each after its topic and user', () => {
    const acls = Object.values(out.resource.kafka_acl ?? {});
    expect(acls.map((a) => `${String(a.acl_principal)} ${String(a.acl_permission_type)} ${String(a.acl_operation)} ${String(a.resource_type)}:${String(a.resource_pattern_type_filter)}:${String(a.resource_name)}@${String(a.acl_host)}`).sort()).toEqual([
      'User:orders-consumer Allow Describe Topic:Literal:orders@*',
      'User:orders-consumer Allow Read Group:Literal:orders-consumer@*',
      'User:orders-consumer Allow Read Topic:Literal:orders@*',
      'User:orders-producer Allow Describe Topic:Literal:orders@*',
      'User:orders-producer Allow Write Topic:Literal:orders@*',
    ]);
    const write = out.resource.kafka_acl?.[aclTerraformName({ principal: 'User:orders-producer', resourceType: 'topic', resourceName: 'orders', pattern: 'literal', operation: 'write', permission: 'allow', host: '*' })];
    expect(write?.depends_on).toEqual(['kafka_topic.orders', 'kafka_user_scram_credential.orders-producer']);
    const group = Object.values(out.resource.kafka_acl ?? {}).find((a) => a.resource_type === 'Group');
    expect(group?.depends_on).toEqual(['kafka_user_scram_credential.orders-consumer']);
  });

  it('protects a protected topic with prevent_destroy, and only that one', () => {
    const s = synth({ topics: [{ name: 'ledger', partitions: 6, protected: true }, { name: 'scratch' }] });
    expect(s.resource.kafka_topic?.ledger?.lifecycle).toEqual({ prevent_destroy: true });
    expect(s.resource.kafka_topic?.scratch).not.toHaveProperty('lifecycle');
  });

  it('spells resource types, patterns and operations as the provider parses them', () => {
    const s = synth({
      topics: [{ name: 'orders' }],
      users: [{ name: 'ops', roles: [admin()] }, { name: 'etl', roles: [producer({ prefix: 'orders.' })] }],
      acls: [{ principal: 'User:etl', resourceType: 'cluster', operations: ['idempotent_write', 'describe_configs'], permission: 'deny' }],
    });
    const rows = Object.values(s.resource.kafka_acl ?? {}).map(
      (a) => `${String(a.acl_principal)} ${String(a.acl_permission_type)} ${String(a.acl_operation)} ${String(a.resource_type)}:${String(a.resource_pattern_type_filter)}:${String(a.resource_name)}`,
    );
    expect(rows.sort()).toEqual([
      'User:etl Allow Describe Topic:Prefixed:orders.',
      'User:etl Allow Write Topic:Prefixed:orders.',
      'User:etl Deny DescribeConfigs Cluster:Literal:kafka-cluster',
      'User:etl Deny IdempotentWrite Cluster:Literal:kafka-cluster',
      'User:ops Allow All Cluster:Literal:kafka-cluster',
      'User:ops Allow All Group:Literal:*',
      'User:ops Allow All Topic:Literal:*',
      'User:ops Allow All TransactionalID:Literal:*',
    ]);
  });

  it('uses SCRAM-SHA-256 when the cluster does', () => {
    const s = synth(DEFAULT_ACCESS, { name: 'kraft-3', security: { mode: 'sasl_plaintext', mechanism: 'SCRAM-SHA-256' } });
    expect(s.resource.kafka_user_scram_credential?.['orders-consumer']?.scram_mechanism).toBe('SCRAM-SHA-256');
    expect(s.provider.kafka[0]).toMatchObject({ tls_enabled: false, sasl_mechanism: 'scram-sha256', sasl_username: 'admin' });
    expect(s.provider.kafka[0]).not.toHaveProperty('ca_cert');
  });

  it('under mtls, authenticates with the admin certificate and makes no SCRAM credential', () => {
    const s = synth({ topics: [{ name: 'orders' }], users: [{ name: 'app', roles: [consumer('orders', 'app')] }] }, { name: 'kraft-3', security: { mode: 'mtls' } });
    expect(s.provider.kafka[0]).toMatchObject({
      tls_enabled: true,
      client_cert: expect.stringMatching(/secrets\/pki\/clients\/admin\/client\.crt$/),
      client_key: expect.stringMatching(/secrets\/pki\/clients\/admin\/client\.key$/),
    });
    expect(s.provider.kafka[0]).not.toHaveProperty('sasl_username');
    expect(s.resource.kafka_user_scram_credential).toBeUndefined();
    expect(s.variable).toBeUndefined();
    expect(Object.values(s.resource.kafka_acl ?? {}).map((a) => a.acl_principal)).toEqual(['User:app', 'User:app', 'User:app']);
  });
});

describe('provider settings', () => {
  it('speaks plaintext to a plaintext cluster', () => {
    const c: AccessConnection = { cluster: 'p', bootstrapServers: ['127.0.0.1:19092'] };
    expect(providerConfig(c)).toEqual({ bootstrapServers: ['127.0.0.1:19092'], kafkaVersion: '2.7.0', tlsEnabled: false });
  });
});

describe('access resource names', () => {
  it('keeps names readable and one-to-one', () => {
    expect(terraformName('orders')).toBe('orders');
    expect(terraformName('orders.eu')).toBe('orders_eu');
    expect(terraformName('1st')).toBe('_1st');
    expect(terraformName('_1st')).toBe('__1st');
  });

  it('names an ACL by user, operation and resource plus a hash of the whole binding', () => {
    const a = { principal: 'User:app', resourceType: 'topic', resourceName: '*', pattern: 'literal', operation: 'read', permission: 'deny', host: '*' } as const;
    expect(aclTerraformName(a)).toMatch(/^app_deny_read_topic_any_[0-9a-f]{8}$/);
    expect(aclTerraformName({ ...a, host: '10.0.0.1' })).not.toBe(aclTerraformName(a));
  });
});

describe('AccessStack with Kafka Connect', () => {
  const spec: ClusterSpec = { name: 'kraft-3', connect: { workers: 2 } };
  const cluster = resolveCluster(spec);
  const app = Testing.app();
  const stack = new AccessStack(app, accessStackId(cluster.name), {
    access: resolveAccess(DEFAULT_ACCESS, cluster),
    connection: buildDescriptor(cluster, '/state/clusters/kraft-3'),
    statePath: 'terraform.tfstate',
    connect: { cluster: { ...cluster, connect: cluster.connect! }, image: 'kafkalab/connect:3.9.1-test', secretUploads: [] },
  });
  const json = Testing.synth(stack);
  const out = JSON.parse(json) as Synth & { provider: Record<string, Record<string, unknown>[]> };

  it('declares the kafka-connect provider (mongey 0.5.0) on the first worker, and docker at the mirrored version', () => {
    expect(out.terraform.required_providers['kafka-connect']).toEqual({ source: 'mongey/kafka-connect', version: '0.5.0' });
    expect(out.terraform.required_providers.docker!.version).toBe('4.6.0');
    expect(out.provider['kafka-connect']).toEqual([{ url: 'http://127.0.0.1:19111' }]);
  });

  it('runs the workers after their user and grants, healthy before the connector, which waits for them', () => {
    const workers = out.resource.docker_container!;
    expect(Object.values(workers).map((w) => w.name)).toEqual(['kafkalab-kraft-3-connect-1', 'kafkalab-kraft-3-connect-2']);
    const w1 = Object.values(workers)[0]!;
    expect(w1).toMatchObject({ wait: true, user: '0:0', ports: [{ internal: 8083, external: 19111, ip: '127.0.0.1', protocol: 'tcp' }] });
    expect((w1.depends_on as string[]).some((d) => d.startsWith('kafka_user_scram_credential.'))).toBe(true);
    const connector = out.resource['kafka-connect_connector']!['connector-orders-import']!;
    expect(connector.name).toBe('orders-import');
    expect(connector.config).toMatchObject({ 'connector.class': 'org.apache.kafka.connect.file.FileStreamSourceConnector', topic: 'orders-import' });
    expect((connector.depends_on as string[]).filter((d) => d.startsWith('docker_container.'))).toHaveLength(2);
  });

  it('puts no password in the JSON: the worker reads its own by file, Terraform sets it from a variable', () => {
    expect(json).not.toMatch(/password\s*=\s*[A-Za-z0-9]{12,}/);
    expect(json).toContain('$${file:/run/kafkalab/passwords.properties:password.connect}');
  });
});
