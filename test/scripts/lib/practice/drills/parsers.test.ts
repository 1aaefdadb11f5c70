import { describe, expect, it } from 'vitest';
import { resolveCluster } from '../../../../../stacks/model/resolve.ts';
import { parseDumpLog } from '../../../../../scripts/lib/practice/drills/kit/dump-log.ts';
import { parseQuotas } from '../../../../../scripts/lib/practice/drills/kit/quotas.ts';
import { cutLabHosts, describeDown, healCommand, labHostOfNode, parseInspectLine, type NodeHealth } from '../../../../../scripts/lib/practice/drills/kit/nodes.ts';
import { toolArgv } from '../../../../../scripts/lib/practice/drills/kit/context.ts';

describe('kafka-configs quota output', () => {
  it('reads user/client pairs, users and clients; skips SCRAM lines', () => {
    const text = [
      "Quota configs for user-principal 'reports-app', client-id 'reports-batch' are consumer_byte_rate=2097152.0, producer_byte_rate=1048576.0",
      "Quota configs for user-principal 'other' are producer_byte_rate=1000.0",
      "Quota configs for client-id 'c1' are request_percentage=50.0",
      "SCRAM credential configs for user-principal 'admin' are SCRAM-SHA-512=iterations=4096",
    ].join('\n');
    expect(parseQuotas(text)).toEqual([
      { user: 'reports-app', clientId: 'reports-batch', configs: { consumer_byte_rate: 2097152, producer_byte_rate: 1048576 } },
      { user: 'other', configs: { producer_byte_rate: 1000 } },
      { clientId: 'c1', configs: { request_percentage: 50 } },
    ]);
  });
});

describe('kafka-dump-log output', () => {
  it('reads one entry per batch, with producer id and control flags', () => {
    const text = [
      'Dumping /var/lib/kafka/data/dev-idempotent-0/00000000000000000000.log',
      'Log starting offset: 0',
      'baseOffset: 0 lastOffset: 33 count: 34 baseSequence: 0 lastSequence: 33 producerId: 5 producerEpoch: 0 partitionLeaderEpoch: 0 isTransactional: false isControl: false deleteHorizonMs: OptionalLong.empty position: 0 CreateTime: 1 size: 900 magic: 2 compresscodec: none crc: 1 isvalid: true',
      '| offset: 0 CreateTime: 1 keySize: 2 valueSize: 8 sequence: 0 headerKeys: [] key: k0 payload: record 0',
      'baseOffset: 34 lastOffset: 34 count: 1 baseSequence: -1 lastSequence: -1 producerId: -1 producerEpoch: -1 partitionLeaderEpoch: 0 isTransactional: true isControl: true deleteHorizonMs: OptionalLong.empty position: 900 CreateTime: 2 size: 78 magic: 2 compresscodec: none crc: 2 isvalid: true',
    ].join('\n');
    expect(parseDumpLog(text)).toEqual([
      { baseOffset: 0, lastOffset: 33, count: 34, producerId: 5, producerEpoch: 0, isTransactional: false, isControl: false, compression: 'none' },
      { baseOffset: 34, lastOffset: 34, count: 1, producerId: -1, producerEpoch: -1, isTransactional: true, isControl: true, compression: 'none' },
    ]);
  });
});

describe('node health', () => {
  it('parses docker inspect lines, network membership included', () => {
    expect(parseInspectLine('/kafkalab-x-kafka-1|running|2025-01-01T00:00:00Z|{"kafkalab-x":{"Aliases":["kafka-1"]}}', 'kafkalab-x')).toEqual({
      name: 'kafkalab-x-kafka-1',
      status: 'running',
      startedAt: '2025-01-01T00:00:00Z',
      connected: true,
    });
    expect(parseInspectLine('/kafkalab-x-kafka-2|running|t|{}', 'kafkalab-x').connected).toBe(false);
    expect(parseInspectLine('/kafkalab-x-kafka-3|paused|t|null', 'kafkalab-x')).toMatchObject({ status: 'paused', connected: false });
  });

  it('chooses the docker command that brings a node back', () => {
    const n = (status: string, connected: boolean): NodeHealth => ({ id: 3, container: 'c3', hostname: 'kafka-3', broker: true, status, connected, startedAt: '', up: status === 'running' && connected });
    expect(healCommand(n('paused', true), 'net')).toEqual(['unpause', 'c3']);
    expect(healCommand(n('exited', true), 'net')).toEqual(['start', 'c3']);
    expect(healCommand(n('running', false), 'net')).toEqual(['network', 'connect', '--alias', 'kafka-3', 'net', 'c3']);
    expect(healCommand(n('running', true), 'net')).toBeUndefined();
  });

  it('a node on a lab host is off the network when its host is cut: healing restores the link, never docker network connect', () => {
    const placed = (status: string, connected: boolean, labHost = 'lab-3'): NodeHealth => ({
      id: 3, container: 'c3', hostname: 'kafka-3', broker: true, status, connected, host: labHost, labHost, startedAt: '', up: status === 'running' && connected,
    });
    expect(parseInspectLine('/c3|running|t|{"host":{"NetworkID":"x"}}', 'host').connected).toBe(true);
    expect(healCommand(placed('running', false), 'net')).toBeUndefined();
    expect(healCommand(placed('exited', true), 'net')).toEqual(['start', 'c3']);
    expect(describeDown([placed('running', false)])).toEqual(['kafka-3 (c3): running, but its host lab-3 is cut off the network (npm run lab-hosts -- restore lab-3)']);
    expect(describeDown([{ ...placed('running', false), labHost: undefined, host: 'far' } as NodeHealth])).toEqual(['kafka-3 (c3): running, but not on host networking on host far']);
    // Each cut host once; a host whose containers are missing is not a link to restore.
    expect(cutLabHosts([placed('running', false), { ...placed('running', false), id: 4, container: 'c4' }, placed('running', true, 'lab-1'), placed('missing', false, 'lab-2')])).toEqual(['lab-3']);
  });

  it('tells the lab host of a placed node by its engine', () => {
    const labHosts = Object.fromEntries([1, 2, 3].map((k) => [`h${k}`, { docker: `unix:///run/kafkalab-lab-${k}.sock`, address: `10.250.${k}.2` }]));
    const c = resolveCluster({ name: 'mh', basePort: 27092, hosts: labHosts });
    expect(c.nodes.map(labHostOfNode)).toEqual(['lab-1', 'lab-2', 'lab-3']);
    expect(resolveCluster({ name: 'kraft-3' }).nodes.map(labHostOfNode)).toEqual([undefined, undefined, undefined]);
  });
});

describe('in-container tools', () => {
  it('adds the internal listener and the admin client config, and quick JVM options', () => {
    const argv = toolArgv('kafka-topics.sh', 'kafka-2:9092', ['--list']);
    expect(argv[0]).toBe('env');
    expect(argv.slice(-6)).toEqual(['kafka-topics.sh', '--bootstrap-server', 'kafka-2:9092', '--command-config', '/opt/kafka/config/admin-client.properties', '--list']);
    expect(toolArgv('kafka-topics.sh', '10.250.2.2:27125', ['--list']).slice(-5, -3)).toEqual(['--bootstrap-server', '10.250.2.2:27125']);
    expect(toolArgv('kafka-dump-log.sh', 'kafka-1:9092', ['--files', 'a.log']).slice(-3)).toEqual(['kafka-dump-log.sh', '--files', 'a.log']);
  });
});
