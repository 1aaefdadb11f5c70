import { describe, expect, it } from 'vitest';
import type { AccessSpec } from '../../../stacks/model/access.ts';
import { connectorClassOf } from '../../../stacks/model/access-connectors.ts';
import { resolveAccess, validateAccess } from '../../../stacks/model/access-validate.ts';
import { resolveCluster } from '../../../stacks/model/resolve.ts';

const withConnect = resolveCluster({ name: 'kraft-3', connect: true });
const plain = resolveCluster({ name: 'kraft-3', connect: true, security: { mode: 'plaintext' } });
const source = (extra: Record<string, unknown> = {}): AccessSpec => ({
  topics: [{ name: 'in', partitions: 1 }],
  connectors: [{ name: 'in-file', class: 'FileStreamSource', config: { file: '/var/lib/connect/in.txt', topic: 'in' }, topics: ['in'], ...extra }],
});

describe('connectors in the access spec', () => {
  it('knows the classes the workers ship, by full name or alias', () => {
    expect(connectorClassOf('FileStreamSource')).toBe('org.apache.kafka.connect.file.FileStreamSourceConnector');
    expect(connectorClassOf('FileStreamSinkConnector')).toBe('org.apache.kafka.connect.file.FileStreamSinkConnector');
    expect(connectorClassOf('org.apache.kafka.connect.mirror.MirrorSourceConnector')).toBe('org.apache.kafka.connect.mirror.MirrorSourceConnector');
    expect(connectorClassOf('JdbcSource')).toBeUndefined();
  });

  it('resolves a source to the config Connect receives, and grants the workers write on its topic only', () => {
    const r = resolveAccess(source(), withConnect);
    expect(r.connectors).toEqual([
      {
        name: 'in-file',
        class: 'org.apache.kafka.connect.file.FileStreamSourceConnector',
        type: 'source',
        tasksMax: 1,
        topics: ['in'],
        config: { file: '/var/lib/connect/in.txt', topic: 'in', name: 'in-file', 'connector.class': 'org.apache.kafka.connect.file.FileStreamSourceConnector', 'tasks.max': '1' },
      },
    ]);
    expect(r.users.map((u) => u.principal)).toEqual(['User:connect']);
    const grants = r.acls.map((a) => `${a.operation} ${a.resourceType}:${a.pattern}:${a.resourceName}`);
    expect(grants).toEqual([
      ...['connect-configs', 'connect-offsets', 'connect-status'].flatMap((t) => ['read', 'write', 'describe', 'create', 'describe_configs'].map((op) => `${op} topic:literal:${t}`)),
      'read group:literal:kafkalab-connect',
      'describe group:literal:kafkalab-connect',
      'write topic:literal:in',
      'describe topic:literal:in',
    ]);
  });

  it("fills a sink's topics and grants it read in its own group connect-<name>", () => {
    const r = resolveAccess({ topics: [{ name: 'out' }], connectors: [{ name: 'out-file', class: 'FileStreamSink', tasksMax: 2, config: { file: '/var/lib/connect/out.txt' }, topics: ['out'] }] }, withConnect);
    expect(r.connectors[0]!.config).toMatchObject({ topics: 'out', 'tasks.max': '2' });
    expect(r.acls.filter((a) => a.origin.startsWith('connectors')).map((a) => `${a.operation} ${a.resourceType}:${a.resourceName}`)).toEqual([
      'read topic:out',
      'describe topic:out',
      'read group:connect-out-file',
      'describe group:connect-out-file',
    ]);
  });

  it('keeps connectors out of a cluster without Connect, and needs no user or grant without an authorizer', () => {
    expect(resolveAccess(source(), resolveCluster({ name: 'kraft-3' })).connectors).toEqual([]);
    const r = resolveAccess(source(), plain);
    expect(r.connectors).toHaveLength(1);
    expect(r.users).toEqual([]);
    expect(r.acls).toEqual([]);
  });

  it('refuses bad connectors, naming the field, the value and the fix', () => {
    expect(validateAccess(source({ class: 'JdbcSource' }), withConnect)).toEqual([
      "'connectors[0].class' ('JdbcSource') is not a connector class the Connect workers have: use one of FileStreamSource (org.apache.kafka.connect.file.FileStreamSourceConnector), FileStreamSink (org.apache.kafka.connect.file.FileStreamSinkConnector), MirrorSource (org.apache.kafka.connect.mirror.MirrorSourceConnector), MirrorCheckpoint (org.apache.kafka.connect.mirror.MirrorCheckpointConnector) or MirrorHeartbeat (org.apache.kafka.connect.mirror.MirrorHeartbeatConnector)",
    ]);
    expect(validateAccess(source({ config: { file: '/x', topic: 'secret' } }), withConnect)).toEqual([
      "'connectors[0].config.topic' ('secret') is not in the connector's 'topics' ([\"in\"]): the workers' user 'connect' is granted only those, so Kafka would refuse it; add 'secret' to connectors[0].topics",
    ]);
    expect(validateAccess(source({ topics: ['nope'], config: { file: '/x', topic: 'nope' } }), withConnect)).toEqual([
      "'connectors[0].topics' ('nope') is not a declared topic: declare it under 'topics' (e.g. { \"name\": \"nope\" }) so it exists before the connector runs",
    ]);
    expect(validateAccess(source({ tasksMax: 0 }), withConnect)).toEqual(["'connectors[0].tasksMax' (0) is out of range: use a whole number from 1 to 16"]);
    expect(validateAccess(source({ config: { 'tasks.max': 3, topic: 'in' } }), withConnect)).toEqual([
      "'connectors[0].config.tasks.max' (3) is set by kafkalab from the connector's 'tasksMax': remove it from config",
    ]);
    expect(validateAccess(source({ name: 'In File' }), withConnect)).toEqual([
      "'connectors[0].name' ('In File') is not a connector name: use 1 to 64 lower-case letters, digits, '.', '_' or '-', starting with a letter",
    ]);
    expect(validateAccess({ ...source(), connectors: [...source().connectors!, ...source().connectors!] }, withConnect)).toEqual([
      "'connectors[1].name' ('in-file') is declared twice: declare each connector once",
    ]);
  });

  it('refuses Connect on a SASL PLAIN cluster, whose users live in JAAS files', () => {
    const plainSasl = resolveCluster({ name: 'kraft-3', connect: true, security: { mode: 'sasl_ssl', mechanism: 'PLAIN' } });
    expect(validateAccess(source(), plainSasl)).toEqual([
      "'connect' needs a SCRAM user for its workers, but cluster 'kraft-3' uses SASL mechanism PLAIN: use mechanism SCRAM-SHA-512 (the default), or turn Connect off",
    ]);
  });
});
