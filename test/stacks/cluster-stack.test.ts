import { Testing } from 'cdktf';
import { describe, expect, it } from 'vitest';
import { ClusterStack } from '../../stacks/cluster-stack.ts';
import { resolveCluster } from '../../stacks/model/resolve.ts';

interface Synth {
  terraform: { required_providers: { docker: { source: string; version: string } }; backend: { local: { path: string } } };
  resource: Record<string, Record<string, Record<string, unknown>>>;
  output: Record<string, { value: unknown }>;
}

function synth(spec = { name: 'kraft-3' }): Synth {
  const app = Testing.app();
  const stack = new ClusterStack(app, spec.name, {
    cluster: resolveCluster(spec),
    imageTag: 'kafkalab/kafka:4.4.0-test',
    statePath: '../../../.kafkalab/clusters/kraft-3/terraform.tfstate',
  });
  return JSON.parse(Testing.synth(stack)) as Synth;
}

describe('ClusterStack', () => {
  const out = synth();
  const containers = Object.values(out.resource.docker_container ?? {});

  it('pins the docker provider built into the mirror and keeps state in the state folder', () => {
    expect(out.terraform.required_providers.docker).toEqual({ source: 'kreuzwerker/docker', version: '4.6.0' });
    expect(out.terraform.backend.local.path).toBe('../../../.kafkalab/clusters/kraft-3/terraform.tfstate');
  });

  it('declares one network, one image kept locally, a volume and a container per node', () => {
    expect(Object.keys(out.resource.docker_network ?? {})).toHaveLength(1);
    expect(Object.values(out.resource.docker_image ?? {})).toEqual([
      expect.objectContaining({ name: 'kafkalab/kafka:4.4.0-test', keep_locally: true }),
    ]);
    expect(Object.values(out.resource.docker_volume ?? {}).map((v) => v.name)).toEqual([
      'kafkalab-kraft-3-kafka-1-data',
      'kafkalab-kraft-3-kafka-2-data',
      'kafkalab-kraft-3-kafka-3-data',
    ]);
    expect(containers.map((c) => c.name)).toEqual(['kafkalab-kraft-3-kafka-1', 'kafkalab-kraft-3-kafka-2', 'kafkalab-kraft-3-kafka-3']);
  });

  it('publishes each node only on 127.0.0.1', () => {
    expect(containers.map((c) => c.ports)).toEqual([
      [{ internal: 9094, external: 19092, ip: '127.0.0.1', protocol: 'tcp' }],
      [{ internal: 9094, external: 19093, ip: '127.0.0.1', protocol: 'tcp' }],
      [{ internal: 9094, external: 19094, ip: '127.0.0.1', protocol: 'tcp' }],
    ]);
    expect(JSON.stringify(out)).not.toContain('0.0.0.0');
  });

  it('uploads config as files, mounts the data volume, restarts and health-checks', () => {
    const c = containers[0]!;
    const uploads = c.upload as { file: string; content: string; executable?: boolean }[];
    expect(uploads.map((u) => u.file)).toEqual([
      '/opt/kafka/config/server.properties',
      '/opt/kafka/config/start.sh',
      '/opt/kafka/config/admin-client.properties',
      '/opt/kafka/config/admin-client-a.properties',
    ]);
    expect(uploads[0]!.content).toContain('node.id=1');
    expect(uploads[1]!.executable).toBe(true);
    expect(c.volumes).toEqual([{ volume_name: '${docker_volume.kafka_node-1_data_E8189489.name}', container_path: '/var/lib/kafka/data' }]);
    expect(c.restart).toBe('unless-stopped');
    expect(c.hostname).toBe('kafka-1');
    expect((c.healthcheck as { test: string[] }).test[0]).toBe('CMD');
    expect(c.networks_advanced).toEqual([{ name: '${docker_network.kafka_network_8EA8B862.name}', aliases: ['kafka-1'] }]);
    expect(c.env).toEqual([
      'KAFKA_HEAP_OPTS=-Xms512m -Xmx512m',
      'KAFKA_OPTS=-Dorg.apache.kafka.automatic.config.providers=org.apache.kafka.common.config.provider.FileConfigProvider',
    ]);
    expect(c.user).toBe('0:0');
  });

  it('uploads secrets by source path and hash, never by content', () => {
    const app = Testing.app();
    const stack = new ClusterStack(app, 'kraft-3', {
      cluster: resolveCluster({ name: 'kraft-3' }),
      imageTag: 'kafkalab/kafka:4.4.0-test',
      statePath: 'state',
      secretUploads: { 'kafka-1': [{ source: '/state/secrets/nodes/kafka-1/passwords.properties', file: '/opt/kafka/secrets/passwords.properties', sha256: 'ab'.repeat(32) }] },
    });
    const out = JSON.parse(Testing.synth(stack)) as Synth;
    const node1 = Object.values(out.resource.docker_container ?? {})[0]!;
    expect((node1.upload as Record<string, unknown>[]).at(-1)).toEqual({
      file: '/opt/kafka/secrets/passwords.properties',
      source: '/state/secrets/nodes/kafka-1/passwords.properties',
      source_hash: 'ab'.repeat(32),
      permissions: '0600',
    });
  });

  it('outputs the bootstrap servers', () => {
    expect(out.output.bootstrap_servers!.value).toEqual(['127.0.0.1:19092', '127.0.0.1:19093', '127.0.0.1:19094']);
  });

  it('keeps construct ids stable (renaming them would replace live containers)', () => {
    expect(Object.keys(out.resource.docker_container ?? {})).toEqual([
      'kafka_node-1_container_409ADE29',
      'kafka_node-2_container_43DB1B1D',
      'kafka_node-3_container_CB8DF062',
    ]);
  });

  it('scales to 9 nodes', () => {
    const big = synth({ name: 'big', brokers: 9 } as { name: string });
    expect(Object.keys(big.resource.docker_container ?? {})).toHaveLength(9);
  });
});

describe('ClusterStack topologies', () => {
  it('kraft-dedicated: 6 containers, only the 3 brokers publish ports', () => {
    const out = synth({ name: 'kraft-dedicated', mode: 'kraft-dedicated', controllers: 3, brokers: 3, basePort: 19192 } as { name: string });
    const cs = Object.values(out.resource.docker_container ?? {});
    expect(cs.map((c) => [c.name, (c.ports as unknown[]).length])).toEqual([
      ['kafkalab-kraft-dedicated-controller-1', 0],
      ['kafkalab-kraft-dedicated-controller-2', 0],
      ['kafkalab-kraft-dedicated-controller-3', 0],
      ['kafkalab-kraft-dedicated-kafka-1', 1],
      ['kafkalab-kraft-dedicated-kafka-2', 1],
      ['kafkalab-kraft-dedicated-kafka-3', 1],
    ]);
    expect(Object.keys(out.resource.docker_volume ?? {})).toHaveLength(6);
  });

  it('zookeeper: an ensemble the brokers depend on, all on the 3.9 image', () => {
    const out = synth({ name: 'zk-3', mode: 'zookeeper', zookeepers: 3, brokers: 3, kafkaVersion: '3.9.1', basePort: 19292 } as { name: string });
    const cs = out.resource.docker_container ?? {};
    const zk = Object.entries(cs).filter(([, c]) => String(c.name).includes('zookeeper'));
    const brokers = Object.entries(cs).filter(([, c]) => String(c.name).includes('-kafka-'));
    expect(zk).toHaveLength(3);
    expect(brokers).toHaveLength(3);
    for (const [, b] of brokers) {
      expect(b.depends_on).toEqual(zk.map(([id]) => `docker_container.${id}`));
    }
    for (const [, z] of zk) {
      expect((z.upload as { file: string }[]).map((u) => u.file)).toEqual(['/opt/kafka/config/zoo.cfg', '/opt/kafka/config/start-zookeeper.sh']);
      expect(z.ports).toBeUndefined();
    }
  });
});

describe('ClusterStack with hosts', () => {
  const lab = (n: number) => ({ docker: `unix:///run/kafkalab-lab-${n}.sock`, address: `10.250.${n}.2` });
  const app = Testing.app();
  const stack = new ClusterStack(app, 'mh', {
    cluster: resolveCluster({ name: 'mh', hosts: { 'lab-1': lab(1), 'lab-2': lab(2), c: { docker: 'tcp://c:2376', address: '10.0.0.13', tls: { caPath: '/x/ca', certPath: '/x/cert', keyPath: '/x/key' } } } }),
    imageTag: 'kafkalab/kafka:4.4.0-test',
    statePath: 'x',
    engineCertDirs: { c: '/state/engines/c' },
  });
  const out = JSON.parse(Testing.synth(stack)) as Synth & { provider: { docker: Record<string, unknown>[] } };
  const containers = Object.values(out.resource.docker_container ?? {});

  it('writes one provider alias per host, TLS by folder only', () => {
    expect(out.provider.docker).toEqual([
      {},
      { alias: 'lab-1', host: 'unix:///run/kafkalab-lab-1.sock' },
      { alias: 'lab-2', host: 'unix:///run/kafkalab-lab-2.sock' },
      { alias: 'c', host: 'tcp://c:2376', cert_path: '/state/engines/c' },
    ]);
  });

  it("runs each node on its host's provider and network, naming every host in /etc/hosts", () => {
    expect(containers.map((c) => [c.name, c.provider, c.network_mode])).toEqual([
      ['kafkalab-mh-kafka-1', 'docker.lab-1', 'host'],
      ['kafkalab-mh-kafka-2', 'docker.lab-2', 'host'],
      ['kafkalab-mh-kafka-3', 'docker.c', 'host'],
    ]);
    expect(containers[0]!.host).toEqual([{ host: 'lab-1', ip: '10.250.1.2' }, { host: 'lab-2', ip: '10.250.2.2' }, { host: 'c', ip: '10.0.0.13' }]);
    expect(containers.every((c) => c.ports === undefined && c.networks_advanced === undefined && c.hostname === undefined)).toBe(true);
    expect(Object.values(out.resource.docker_volume ?? {}).map((v) => v.provider)).toEqual(['docker.lab-1', 'docker.lab-2', 'docker.c']);
    expect(Object.values(out.resource.docker_image ?? {}).map((i) => String(i.provider ?? 'default')).sort()).toEqual(['default', 'docker.c', 'docker.lab-1', 'docker.lab-2']);
  });
});
