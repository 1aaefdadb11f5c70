import { describe, expect, it } from 'vitest';
import { assertValidSpec, validateSpec } from '../../../stacks/model/validate.ts';
import type { ClusterSpec } from '../../../stacks/model/spec.ts';
import { PRESETS } from '../../../stacks/model/presets.ts';
import { SpecError } from '../../../stacks/model/errors.ts';

const spec = (s: Record<string, unknown>): ClusterSpec => ({ name: 'c1', ...s }) as unknown as ClusterSpec;

/** Every invalid spec, with the exact message it must produce (and nothing else). */
const INVALID: [title: string, input: ClusterSpec, message: string][] = [
  ['the name is invalid', spec({ name: 'My_Cluster' }), "'name' ('My_Cluster') is not a valid cluster name: use 2 to 32 lower-case letters, digits and '-', starting with a letter and not ending with '-'"],
  ['the name is missing', {} as ClusterSpec, "'name' (undefined) is not a valid cluster name: use 2 to 32 lower-case letters, digits and '-', starting with a letter and not ending with '-'"],
  ['a field is unknown', spec({ broker: 3 }), "unknown field 'broker': remove it (known fields: name, kafkaVersion, mode, brokers, controllers, zookeepers, brokerIds, controllerIds, racks, replication, config, nodeConfig, heapMiB, zookeeperHeapMiB, basePort, security, access, monitoring, connect, schemaRegistry, hosts, placement)"],
  ['access is not an object', spec({ access: ['orders'] }), '\'access\' (["orders"]) must be an object with \'topics\', \'users\' and \'acls\' lists, e.g. { "topics": [{ "name": "orders" }] }'],
  ['the Kafka version is unknown', spec({ kafkaVersion: '2.8.0' }), "'kafkaVersion' ('2.8.0') is not supported: use one of 4.4.0, 3.9.1"],
  ['the mode is unknown', spec({ mode: 'raft' }), "'mode' ('raft') is not supported: use one of kraft-combined, kraft-dedicated, zookeeper"],
  ['ZooKeeper is asked of a 4.x version', spec({ mode: 'zookeeper', kafkaVersion: '4.4.0' }), "'kafkaVersion' ('4.4.0') has no ZooKeeper mode: Kafka 4.0 removed ZooKeeper, so use 'kafkaVersion' 3.9.1 with 'mode' zookeeper, or a kraft mode"],
  ['brokers is 0', spec({ brokers: 0 }), "'brokers' (0) is out of range: use a whole number from 1 to 9"],
  ['brokers is 10', spec({ brokers: 10 }), "'brokers' (10) is out of range: use a whole number from 1 to 9"],
  ['brokers is not a whole number', spec({ brokers: 2.5 }), "'brokers' (2.5) is out of range: use a whole number from 1 to 9"],
  ['the controller count is even', spec({ mode: 'kraft-dedicated', controllers: 4 }), "'controllers' (4) is even: a quorum of 4 survives no more failures than 3 (a majority of 4 is 3), so use 3 or 5 (allowed: 1, 3, 5)"],
  ['the controller count is 7', spec({ mode: 'kraft-dedicated', controllers: 7 }), "'controllers' (7) is not a quorum size this tool runs: use 1, 3 or 5 controllers"],
  ['controllers are set outside kraft-dedicated', spec({ controllers: 3 }), "'controllers' (3) applies only to 'mode' kraft-dedicated: remove it, or set 'mode' to kraft-dedicated"],
  ['the ZooKeeper count is even', spec({ mode: 'zookeeper', zookeepers: 2 }), "'zookeepers' (2) is even: a quorum of 2 survives no more failures than 1 (a majority of 2 is 2), so use 1 or 3 (allowed: 1, 3, 5)"],
  ['zookeepers are set outside zookeeper mode', spec({ zookeepers: 3 }), "'zookeepers' (3) applies only to 'mode' zookeeper: remove it, or set 'mode' to zookeeper"],
  ['broker ids repeat', spec({ brokerIds: [1, 2, 2] }), "'brokerIds' ([1,2,2]) repeats node id 2: every node needs its own id"],
  ['broker ids do not match the broker count', spec({ brokerIds: [1, 2] }), "'brokerIds' ([1,2]) has 2 ids for 3 brokers: give exactly one id per broker"],
  ['a broker id is negative', spec({ brokerIds: [1, 2, -3] }), "'brokerIds' ([1,2,-3]) holds -3: node ids are whole numbers from 0 to 2147483647"],
  ['controller ids reuse a broker id', spec({ mode: 'kraft-dedicated', controllerIds: [1, 11, 12] }), "'controllerIds' ([1,11,12]) reuses broker id 1: in kraft-dedicated every node needs its own id, so pick controller ids outside 'brokerIds'"],
  ['controller ids are set in kraft-combined', spec({ controllerIds: [7, 8, 9] }), "'controllerIds' ([7,8,9]) applies only to 'mode' kraft-dedicated: remove it (in kraft-combined every broker is a controller)"],
  ['the rack list does not match the brokers', spec({ racks: ['a', 'b'] }), "'racks' ([\"a\",\"b\"]) has 2 entries for 3 brokers: give one rack per broker, in broker order"],
  ['a rack name is invalid', spec({ racks: ['a', 'b', 'c d'] }), "'racks' holds 'c d', which is not a rack name: use 1 to 64 letters, digits, '.', '_' or '-'"],
  ['the replication factor exceeds the brokers', spec({ brokers: 2, replication: { defaultReplicationFactor: 3 } }), "'replication.defaultReplicationFactor' (3) exceeds 'brokers' (2): lower it or add brokers"],
  ['the internal replication factor exceeds the brokers', spec({ brokers: 1, replication: { internalReplicationFactor: 3 } }), "'replication.internalReplicationFactor' (3) exceeds 'brokers' (1): lower it or add brokers"],
  ['min.insync.replicas exceeds the replication factor', spec({ replication: { defaultReplicationFactor: 2, minInsyncReplicas: 3 } }), "'replication.minInsyncReplicas' (3) exceeds the replication factor (2): acks=all writes would always fail, so lower it to 2 or less, or raise 'replication.defaultReplicationFactor'"],
  ['min.insync.replicas is 0', spec({ replication: { minInsyncReplicas: 0 } }), "'replication.minInsyncReplicas' (0) must be a whole number of at least 1"],
  ['a replication field is unknown', spec({ replication: { rf: 3 } }), "unknown field 'replication.rf': use defaultReplicationFactor, internalReplicationFactor or minInsyncReplicas"],
  ['an owned key is overridden', spec({ config: { listeners: 'PLAINTEXT://:9092' } }), "'config.listeners' is set by kafkalab and cannot be overridden: use 'basePort' in the spec instead"],
  ['an owned replication key is overridden', spec({ config: { 'min.insync.replicas': 1 } }), "'config.min.insync.replicas' is set by kafkalab and cannot be overridden: use 'replication.minInsyncReplicas' in the spec instead"],
  ['an owned key is overridden on one node', spec({ nodeConfig: { '2': { 'node.id': 5 } } }), "'nodeConfig.2.node.id' is set by kafkalab and cannot be overridden: use 'brokerIds' or 'controllerIds' in the spec instead"],
  ['a key removed in 4.0 is set on 4.4.0', spec({ config: { 'log.message.format.version': '2.8' } }), "'config.log.message.format.version' was removed in Kafka 4.0 ('kafkaVersion' 4.4.0): drop it, or use 'kafkaVersion' 3.9.1"],
  ['a config key is malformed', spec({ config: { 'Num Partitions': 3 } }), "'config' has key 'Num Partitions', which is not a Kafka config key: use lower-case dotted names such as 'log.retention.ms'"],
  ['a config value is an object', spec({ config: { 'num.partitions': { n: 3 } } }), "'config.num.partitions' ({\"n\":3}) must be a string, number or boolean"],
  ['nodeConfig names an unknown node', spec({ nodeConfig: { '7': { 'num.io.threads': 4 } } }), "'nodeConfig.7' names no node of this cluster: use one of the node ids 1, 2, 3"],
  ['the heap is out of range', spec({ heapMiB: 64 }), "'heapMiB' (64) is out of range: use a whole number of MiB from 256 to 8192"],
  ['the ZooKeeper heap is set outside zookeeper mode', spec({ zookeeperHeapMiB: 256 }), "'zookeeperHeapMiB' (256) applies only to 'mode' zookeeper: remove it"],
  ['the base port is privileged', spec({ basePort: 80 }), "'basePort' (80) is out of range: use a whole number from 1024 to 65533, so that all 3 broker ports fit below 65536"],
  ['the ports run past 65535', spec({ brokers: 9, basePort: 65530 }), "'basePort' (65530) is out of range: use a whole number from 1024 to 65527, so that all 9 broker ports fit below 65536"],
];

describe('validateSpec', () => {
  it('accepts every preset and the documented edges', () => {
    for (const p of Object.values(PRESETS)) expect(validateSpec(p)).toEqual([]);
    expect(validateSpec({ name: 'ab', brokers: 1 })).toEqual([]);
    expect(validateSpec({ name: 'a'.repeat(32), brokers: 9, basePort: 65527, heapMiB: 256, kafkaVersion: '3.9.1' })).toEqual([]);
    expect(validateSpec(spec({ mode: 'kraft-dedicated', controllers: 5, brokers: 1, controllerIds: [0, 10, 20, 30, 40], brokerIds: [7] }))).toEqual([]);
    expect(validateSpec(spec({ mode: 'zookeeper', zookeepers: 1, brokers: 1, racks: ['r1'] }))).toEqual([]);
    expect(validateSpec(spec({ kafkaVersion: '3.9.1', config: { 'log.message.format.version': '3.0' } }))).toEqual([]);
    expect(validateSpec(spec({ config: { 'num.partitions': 6 }, nodeConfig: { '1': { 'num.io.threads': 4 } } }))).toEqual([]);
  });

  it(`rejects at least 20 kinds of invalid spec (${INVALID.length} here)`, () => {
    expect(INVALID.length).toBeGreaterThanOrEqual(20);
  });

  it.each(INVALID)('fails if %s', (_title, input, message) => {
    expect(validateSpec(input)).toEqual([message]);
  });

  it('reports every problem at once in a SpecError', () => {
    const bad = spec({ brokers: 0, kafkaVersion: '1.0' });
    expect(() => assertValidSpec(bad)).toThrow(SpecError);
    try {
      assertValidSpec(bad);
    } catch (error) {
      expect((error as SpecError).problems).toHaveLength(2);
      expect((error as SpecError).message).toContain("cluster spec 'c1' is invalid:");
    }
  });
});

describe('security spec', () => {
  const cases: [string, ClusterSpec, string][] = [
    ['the mode is unknown', spec({ security: { mode: 'tls' } }), "'security.mode' (\"tls\") is not a security mode: use one of plaintext, ssl, mtls, sasl_plaintext, sasl_ssl"],
    ['the mechanism is unknown', spec({ security: { mechanism: 'GSSAPI' } }), "'security.mechanism' (\"GSSAPI\") is not supported: use one of SCRAM-SHA-512, SCRAM-SHA-256, PLAIN"],
    ['a mechanism is given without SASL', spec({ security: { mode: 'mtls', mechanism: 'PLAIN' } }), "'security.mechanism' (\"PLAIN\") needs a SASL mode: set 'security.mode' to sasl_ssl or sasl_plaintext, or remove the mechanism"],
    ['a user is reserved', spec({ security: { users: ['admin'] } }), "'security.users[0]' ('admin') is created by kafkalab itself: pick another name"],
    ['a user name is invalid', spec({ security: { users: ['Bad Name'] } }), "'security.users[0]' (\"Bad Name\") is not a user name: use 1 to 64 lower-case letters, digits, '.', '_' or '-', starting with a letter"],
    ['a user is declared twice', spec({ security: { users: ['app', 'app'] } }), "'security.users[1]' ('app') is declared twice: declare each user once"],
  ];
  it.each(cases)('fails if %s', (_t, input, message) => {
    expect(validateSpec(input)).toEqual([message]);
  });
});
