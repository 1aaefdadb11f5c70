import { describe, expect, it } from 'vitest';
import { resolveCluster } from '../../../stacks/model/resolve.ts';
import { PRESETS } from '../../../stacks/model/presets.ts';
import { serverPropertiesFor } from '../../../stacks/render/server-properties.ts';
import { renderStartScript, healthCheckFor } from '../../../stacks/render/start-command.ts';
import { renderZooCfg, renderZooKeeperStartScript, zooCfgFor, zookeeperHealthCheck } from '../../../stacks/render/zookeeper.ts';

const props = (p: ReturnType<typeof serverPropertiesFor>): Record<string, string | number | boolean> => Object.fromEntries(p);

describe('kraft-dedicated rendering', () => {
  const c = resolveCluster({ ...PRESETS['kraft-dedicated']!, security: { mode: 'plaintext' } });
  const controller = c.nodes[0]!;
  const broker = c.nodes[3]!;

  it('a controller binds only CONTROLLER and carries no broker settings', () => {
    const p = props(serverPropertiesFor(c, controller));
    expect(p).toMatchObject({
      'process.roles': 'controller',
      'node.id': 101,
      'controller.quorum.voters': '101@controller-1:9093,102@controller-2:9093,103@controller-3:9093',
      listeners: 'CONTROLLER://:9093',
      'listener.security.protocol.map': 'CONTROLLER:PLAINTEXT',
    });
    expect(p['advertised.listeners']).toBeUndefined();
    expect(p['min.insync.replicas']).toBeUndefined();
    expect(healthCheckFor(c, controller)[3]).toBe('exec 3<>/dev/tcp/127.0.0.1/9093');
  });

  it('a broker maps the CONTROLLER listener it talks to without binding it', () => {
    const p = props(serverPropertiesFor(c, broker));
    expect(p).toMatchObject({
      'process.roles': 'broker',
      'node.id': 1,
      'controller.listener.names': 'CONTROLLER',
      listeners: 'INTERNAL://:9092,EXTERNAL://:9094',
      'listener.security.protocol.map': 'INTERNAL:PLAINTEXT,EXTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT',
      'advertised.listeners': 'INTERNAL://kafkalab-kraft-dedicated-kafka-1:9092,EXTERNAL://127.0.0.1:19192',
    });
  });
});

describe('zookeeper rendering (3.9.1)', () => {
  const c = resolveCluster({ ...PRESETS['zk-3']!, racks: ['r1', 'r2', 'r3'], security: { mode: 'plaintext' } });
  const broker = c.nodes[1]!;

  it('a broker uses broker.id and a chrooted zookeeper.connect, with no KRaft keys', () => {
    const p = props(serverPropertiesFor(c, broker));
    expect(p).toMatchObject({
      'broker.id': 2,
      'zookeeper.connect': 'zookeeper-1:2181,zookeeper-2:2181,zookeeper-3:2181/kafkalab/zk-3',
      'broker.rack': 'r2',
      'listener.security.protocol.map': 'INTERNAL:PLAINTEXT,EXTERNAL:PLAINTEXT',
    });
    for (const k of ['process.roles', 'node.id', 'controller.quorum.voters', 'controller.listener.names']) expect(p[k]).toBeUndefined();
    expect(renderStartScript(c, broker)).not.toContain('kafka-storage.sh format');
  });

  it('zoo.cfg lists the ensemble and allows only the four-letter words health checks need', () => {
    const cfg = renderZooCfg(c, c.zookeeper!.servers[0]!);
    expect(cfg).toContain('server.1=zookeeper-1:2888:3888\nserver.2=zookeeper-2:2888:3888\nserver.3=zookeeper-3:2888:3888\n');
    expect(cfg).toContain('4lw.commands.whitelist=ruok,srvr\n');
    expect(cfg).toContain('admin.enableServer=false\n');
    expect(cfg).toContain('dataDir=/var/lib/kafka/data\n');
  });

  it('a single server runs standalone', () => {
    const one = resolveCluster({ name: 'zk1', mode: 'zookeeper', zookeepers: 1, brokers: 1 });
    expect(Object.keys(Object.fromEntries(zooCfgFor(one, one.zookeeper!.servers[0]!))).filter((k) => k.startsWith('server.'))).toEqual([]);
  });

  it('writes myid once and checks health with ruok', () => {
    const s = renderZooKeeperStartScript(c, c.zookeeper!.servers[2]!);
    expect(s).toContain('[ -f /var/lib/kafka/data/myid ] || echo 3 > /var/lib/kafka/data/myid');
    expect(s).toContain('exec zookeeper-server-start.sh /opt/kafka/config/zoo.cfg');
    expect(zookeeperHealthCheck()[3]).toContain('printf ruok');
  });
});

describe('version-dependent config', () => {
  it('renders 3.9.1 KRaft like 4.4.0 but lets 3.9 keep keys that 4.0 removed', () => {
    const c39 = resolveCluster({ name: 'old', kafkaVersion: '3.9.1', config: { 'log.message.format.version': '3.0' } });
    expect(props(serverPropertiesFor(c39, c39.nodes[0]!))['log.message.format.version']).toBe('3.0');
    expect(() => resolveCluster({ name: 'new', config: { 'log.message.format.version': '3.0' } })).toThrow(
      "'config.log.message.format.version' was removed in Kafka 4.0",
    );
  });

  it('puts overrides last, replacing nothing the tool owns', () => {
    const c = resolveCluster({ name: 'c1', config: { 'num.partitions': 6 }, nodeConfig: { '2': { 'group.initial.rebalance.delay.ms': 3000 } } });
    const p = serverPropertiesFor(c, c.nodes[1]!);
    expect(p[p.length - 1]).toEqual(['group.initial.rebalance.delay.ms', '3000']);
    expect(p.filter(([k]) => k === 'group.initial.rebalance.delay.ms')).toHaveLength(1);
    expect(props(p)['num.partitions']).toBe('6');
  });
});
