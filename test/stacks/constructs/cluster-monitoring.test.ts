import { Testing } from 'cdktf';
import { describe, expect, it } from 'vitest';
import { ClusterStack } from '../../../stacks/cluster-stack.ts';
import type { MonitoringInput } from '../../../stacks/constructs/cluster-monitoring.ts';
import { resolveCluster } from '../../../stacks/model/resolve.ts';
import type { ClusterSpec } from '../../../stacks/model/spec.ts';
import { JMX_AGENT_JAR } from '../../../stacks/render/monitoring/jmx-agent.ts';
import { ALERT_RULES } from '../../../stacks/render/monitoring/alert-rules.ts';

type Container = { name: string; command: string[]; ports?: unknown[]; volumes?: { volume_name: string; container_path: string; read_only?: boolean }[]; upload: { file: string; content?: string; source?: string }[] };

const input: MonitoringInput = {
  prometheusImage: 'kafkalab/prometheus:2.42.0-test',
  jmxRules: {
    kafka: { source: '/repo/stacks/monitoring/jmx/kafka.yaml', file: '/opt/kafka/config/jmx-exporter-kafka.yaml', sha256: 'a' },
    zookeeper: { source: '/repo/stacks/monitoring/jmx/zookeeper.yaml', file: '/opt/kafka/config/jmx-exporter-zookeeper.yaml', sha256: 'b' },
  },
  lagExporterClass: { source: '/cache/KafkalabLagExporter.class', file: '/opt/kafkalab/lag-exporter/KafkalabLagExporter.class', sha256: 'c' },
  dashboardFiles: [{ source: '/repo/stacks/monitoring/page/index.html', file: '/etc/prometheus/dashboards/index.html', sha256: 'd' }],
};

function containers(spec: ClusterSpec, monitoring?: MonitoringInput): Record<string, Container> {
  const app = Testing.app();
  const stack = new ClusterStack(app, spec.name, {
    cluster: resolveCluster(spec),
    imageTag: 'kafkalab/kafka:test',
    statePath: 'state.tfstate',
    ...(monitoring ? { monitoring } : {}),
  });
  const out = JSON.parse(Testing.synth(stack)) as { resource: { docker_container: Record<string, Container> } };
  return Object.fromEntries(Object.values(out.resource.docker_container).map((c) => [c.name, c]));
}

const content = (c: Container, file: string): string => c.upload.find((u) => u.file === file)?.content ?? '';

describe('a monitored cluster stack', () => {
  const c = containers({ name: 'mon', basePort: 30000, monitoring: { scrapeIntervalSeconds: 5 } }, input);

  it('adds Prometheus, published on 127.0.0.1 only, and the lag exporter, published nowhere', () => {
    expect(Object.keys(c).sort()).toEqual(['kafkalab-mon-kafka-1', 'kafkalab-mon-kafka-2', 'kafkalab-mon-kafka-3', 'kafkalab-mon-lag-exporter', 'kafkalab-mon-prometheus']);
    expect(c['kafkalab-mon-prometheus']!.ports).toEqual([{ internal: 9090, external: 30018, ip: '127.0.0.1', protocol: 'tcp' }]);
    expect(c['kafkalab-mon-lag-exporter']!.ports ?? []).toEqual([]);
  });

  it('scrapes every node by hostname, the lag exporter and itself, at the spec interval', () => {
    const config = JSON.parse(content(c['kafkalab-mon-prometheus']!, '/etc/prometheus/prometheus.yml')) as {
      global: { scrape_interval: string; scrape_timeout: string };
      scrape_configs: { job_name: string; static_configs: { targets: string[]; labels: Record<string, string> }[] }[];
    };
    expect(config.global).toMatchObject({ scrape_interval: '5s', scrape_timeout: '4s' });
    expect(config.scrape_configs.map((j) => [j.job_name, j.static_configs.flatMap((s) => s.targets)])).toEqual([
      ['kafka', ['kafka-1:7071', 'kafka-2:7071', 'kafka-3:7071']],
      ['lag-exporter', ['lag-exporter:9308']],
      ['prometheus', ['localhost:9090']],
    ]);
    expect(config.scrape_configs[0]!.static_configs[0]!.labels).toEqual({ node: 'kafka-1', node_id: '1', roles: 'broker,controller' });
  });

  it('loads every alert rule', () => {
    const rules = JSON.parse(content(c['kafkalab-mon-prometheus']!, '/etc/prometheus/alert-rules.yml')) as { groups: { rules: { alert: string }[] }[] };
    expect(rules.groups[0]!.rules.map((r) => r.alert)).toEqual(ALERT_RULES.map((r) => r.name));
  });

  it("starts each node's server with the JMX agent on its hostname, and uploads the rules", () => {
    const node = c['kafkalab-mon-kafka-2']!;
    // (Terraform's own ${ is escaped as $${ in the JSON.)
    expect(content(node, '/opt/kafka/config/start.sh')).toContain(
      `export KAFKA_OPTS="$\${KAFKA_OPTS:-} -javaagent:${JMX_AGENT_JAR}=kafka-2:7071:/opt/kafka/config/jmx-exporter-kafka.yaml"\nexec kafka-server-start.sh`,
    );
    expect(node.upload.find((u) => u.file === '/opt/kafka/config/jmx-exporter-kafka.yaml')?.source).toBe('/repo/stacks/monitoring/jmx/kafka.yaml');
  });

  it("mounts every node's data volume read-only into the lag exporter, and runs it as the admin", () => {
    const lag = c['kafkalab-mon-lag-exporter']!;
    expect(lag.volumes?.map((v) => [v.volume_name, v.container_path, v.read_only])).toEqual([
      ['kafkalab-mon-kafka-1-data', '/volumes/kafka-1', true],
      ['kafkalab-mon-kafka-2-data', '/volumes/kafka-2', true],
      ['kafkalab-mon-kafka-3-data', '/volumes/kafka-3', true],
    ]);
    expect(content(lag, '/opt/kafkalab/lag-exporter/client.properties')).toContain('bootstrap.servers=kafka-1:9092,kafka-2:9092,kafka-3:9092');
    expect(content(lag, '/opt/kafkalab/lag-exporter/start.sh')).toContain('KafkalabLagExporter /opt/kafkalab/lag-exporter/client.properties 9308 kafka-1=/volumes/kafka-1 kafka-2=/volumes/kafka-2 kafka-3=/volumes/kafka-3');
  });

  it('ZooKeeper mode scrapes the ensemble too', () => {
    const zk = containers({ name: 'monzk', mode: 'zookeeper', monitoring: true }, input);
    const config = JSON.parse(content(zk['kafkalab-monzk-prometheus']!, '/etc/prometheus/prometheus.yml')) as { scrape_configs: { job_name: string; static_configs: { targets: string[] }[] }[] };
    expect(config.scrape_configs.find((j) => j.job_name === 'zookeeper')!.static_configs.flatMap((s) => s.targets)).toEqual(['zookeeper-1:7071', 'zookeeper-2:7071', 'zookeeper-3:7071']);
    expect(content(zk['kafkalab-monzk-zookeeper-1']!, '/opt/kafka/config/start-zookeeper.sh')).toContain('zookeeper-1:7071:/opt/kafka/config/jmx-exporter-zookeeper.yaml');
  });

  it('an unmonitored cluster has no agent, no Prometheus and needs no input; a monitored one without input is refused', () => {
    const plain = containers({ name: 'plain' });
    expect(Object.keys(plain)).toHaveLength(3);
    expect(content(plain['kafkalab-plain-kafka-1']!, '/opt/kafka/config/start.sh')).not.toContain('javaagent');
    expect(() => containers({ name: 'mon2', monitoring: true })).toThrow("cluster 'mon2' is monitored: its stack needs the monitoring input (images and files)");
  });
});
