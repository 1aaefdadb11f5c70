import { describe, expect, it } from 'vitest';
import type { AccessSpec } from '../../../stacks/model/access.ts';
import { DC_B_ACCESS } from '../../../stacks/model/access-presets.ts';
import { resolveAccess, validateAccess } from '../../../stacks/model/access-validate.ts';
import { PRESETS } from '../../../stacks/model/presets.ts';
import { resolveCluster } from '../../../stacks/model/resolve.ts';
import { accessConnectors } from '../../../stacks/render/connect/mirror.ts';

const dcA = resolveCluster(PRESETS['dc-a']!);
const dcB = resolveCluster(PRESETS['dc-b']!);
const sources = { 'dc-a': dcA };

describe('mirrors in the access spec (MirrorMaker 2)', () => {
  it("resolves dc-b's mirror of dc-a: the source's network, brokers by container name and security", () => {
    const r = resolveAccess(DC_B_ACCESS, dcB, undefined, sources);
    expect(r.mirrors).toEqual([
      {
        source: 'dc-a',
        sourceNetwork: 'kafkalab-dc-a',
        sourceBootstrap: 'kafkalab-dc-a-kafka-1:9092,kafkalab-dc-a-kafka-2:9092,kafkalab-dc-a-kafka-3:9092',
        sourceSecurity: dcA.security,
        topics: ['orders'],
        groups: ['orders-app'],
        user: 'dc-b-mirror',
        remoteTopics: ['dc-a.orders'],
        connectors: ['mirror-dc-a-source', 'mirror-dc-a-checkpoint', 'mirror-dc-a-heartbeat'],
      },
    ]);
    const grants = r.acls.filter((a) => a.origin === "mirrors 'dc-a'").map((a) => `${a.operation} ${a.resourceType}:${a.pattern}:${a.resourceName}`);
    expect(grants).toEqual([
      ...['create', 'write', 'read', 'describe', 'describe_configs'].map((op) => `${op} topic:prefixed:dc-a.`),
      ...['create', 'write', 'read', 'describe', 'describe_configs'].map((op) => `${op} topic:literal:mm2-offset-syncs.dc-a.internal`),
      ...['create', 'write', 'read', 'describe', 'describe_configs'].map((op) => `${op} topic:literal:heartbeats`),
      'read group:literal:orders-app',
      'describe group:literal:orders-app',
    ]);
  });

  it('renders three connectors that read the source by file references only, and write here as the workers', () => {
    const connectors = accessConnectors(dcB, resolveAccess(DC_B_ACCESS, dcB, undefined, sources));
    expect(connectors.map((c) => `${c.name} ${c.class}`)).toEqual([
      'mirror-dc-a-source org.apache.kafka.connect.mirror.MirrorSourceConnector',
      'mirror-dc-a-checkpoint org.apache.kafka.connect.mirror.MirrorCheckpointConnector',
      'mirror-dc-a-heartbeat org.apache.kafka.connect.mirror.MirrorHeartbeatConnector',
    ]);
    const source = connectors[0]!.config;
    expect(source).toMatchObject({
      'source.cluster.alias': 'dc-a',
      'target.cluster.alias': 'dc-b',
      'source.cluster.bootstrap.servers': 'kafkalab-dc-a-kafka-1:9092,kafkalab-dc-a-kafka-2:9092,kafkalab-dc-a-kafka-3:9092',
      'target.cluster.bootstrap.servers': 'kafkalab-dc-b-kafka-1:9092,kafkalab-dc-b-kafka-2:9092,kafkalab-dc-b-kafka-3:9092',
      'source.cluster.security.protocol': 'SASL_SSL',
      'source.cluster.ssl.truststore.location': '/run/kafkalab/mirror-dc-a-truststore.pem',
      'source.cluster.sasl.jaas.config':
        'org.apache.kafka.common.security.scram.ScramLoginModule required username="dc-b-mirror" password="${file:/run/kafkalab/mirror-dc-a-passwords.properties:password.dc-b-mirror}";',
      'target.cluster.sasl.jaas.config': 'org.apache.kafka.common.security.scram.ScramLoginModule required username="connect" password="${file:/run/kafkalab/passwords.properties:password.connect}";',
      topics: 'orders',
      'offset-syncs.topic.location': 'target',
      'replication.factor': '3',
    });
    expect(connectors[1]!.config).toMatchObject({ groups: 'orders-app', 'sync.group.offsets.enabled': 'true' });
    // No secret in clear: every password is a ${file:...} reference.
    for (const c of connectors) for (const [k, v] of Object.entries(c.config)) if (/password|jaas/.test(k)) expect(v).toMatch(/\$\{file:/);
  });

  it('refuses a mirror that cannot run, naming the field, the value and the fix', () => {
    const spec = (m: Record<string, unknown>): AccessSpec => ({ mirrors: [m as never] });
    expect(validateAccess(spec({ source: 'dc-a', topics: ['orders'] }), dcB, undefined, {})).toEqual([
      "'mirrors[0].source' ('dc-a') is not a running cluster of this checkout: start it first (npm run up -- --cluster dc-a), then this one",
    ]);
    expect(validateAccess(spec({ source: 'dc-b', topics: ['orders'] }), dcB, undefined, sources)).toEqual(["'mirrors[0].source' ('dc-b') is this cluster itself: name the cluster to replicate from"]);
    expect(validateAccess(spec({ source: 'dc-a', topics: [] }), dcB, undefined, sources)).toEqual(["'mirrors[0].topics' ([]) must be a non-empty list of names: e.g. [\"orders\"]"]);
    expect(validateAccess(spec({ source: 'dc-a', topics: ['orders'], group: ['x'] }), dcB, undefined, sources)).toEqual([
      "unknown field 'mirrors[0].group': use source, topics, groups or user",
    ]);
    // Without Connect, mirrors are kept out (nothing would run them).
    expect(resolveAccess(spec({ source: 'dc-a', topics: ['orders'] }), dcA, undefined, sources).mirrors).toEqual([]);
  });
});
