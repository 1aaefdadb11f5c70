import { Construct } from 'constructs';
import { Container } from '@cdktf/provider-docker/lib/container/index.js';
import { Volume } from '@cdktf/provider-docker/lib/volume/index.js';
import type { ResolvedCluster } from '../model/spec.ts';
import { DATA_DIR } from '../render/server-properties.ts';
import {
  ZOOKEEPER_START_PATH,
  ZOO_CFG_PATH,
  renderZooCfg,
  renderZooKeeperStartScript,
  zookeeperHealthCheck,
  zookeeperKafkaOpts,
} from '../render/zookeeper.ts';
import type { SecretUpload } from '../render/secret-files.ts';
import { LABELS, labelList } from './labels.ts';
import { literal } from './literal.ts';

export interface ZooKeeperEnsembleProps {
  readonly cluster: ResolvedCluster;
  /** Image id of the Kafka 3.9 image, whose jars hold ZooKeeper. */
  readonly image: string;
  readonly networkName: string;
  /** Secret files per server hostname, uploaded by source path and hash. @default {} */
  readonly secretUploads?: Readonly<Record<string, readonly SecretUpload[]>>;
  /** Files for every server beyond the rendered config (the JMX exporter rules), by path and hash. @default [] */
  readonly fileUploads?: readonly SecretUpload[];
}

/** A ZooKeeper ensemble: one container and one data volume per server, from the Kafka image's jars. */
export class ZooKeeperEnsemble extends Construct {
  readonly containers: readonly Container[];

  constructor(scope: Construct, id: string, props: ZooKeeperEnsembleProps) {
    super(scope, id);
    const { cluster } = props;
    const secretUploads = props.secretUploads ?? {};
    const servers = cluster.zookeeper?.servers ?? [];
    this.containers = servers.map((server) => {
      const labels = { [LABELS.cluster]: cluster.name, [LABELS.node]: `zk-${server.myid}`, [LABELS.roles]: 'zookeeper' };
      const volume = new Volume(this, `zookeeper-${server.myid}-data`, { name: server.volumeName, labels: labelList(labels) });
      return new Container(this, `zookeeper-${server.myid}`, {
        name: server.containerName,
        hostname: server.hostname,
        image: props.image,
        command: ['bash', ZOOKEEPER_START_PATH],
        env: [
          `KAFKA_HEAP_OPTS=-Xms${cluster.zookeeperHeapMiB}m -Xmx${cluster.zookeeperHeapMiB}m`,
          ...(zookeeperKafkaOpts(cluster) ? [`KAFKA_OPTS=${zookeeperKafkaOpts(cluster)}`] : []),
        ],
        user: '0:0',
        restart: 'unless-stopped',
        mustRun: true,
        stopTimeout: 30,
        destroyGraceSeconds: 10,
        labels: labelList(labels),
        networksAdvanced: [{ name: props.networkName, aliases: [server.hostname] }],
        volumes: [{ volumeName: volume.name, containerPath: DATA_DIR }],
        upload: [
          { file: ZOO_CFG_PATH, content: literal(renderZooCfg(cluster, server)) },
          { file: ZOOKEEPER_START_PATH, content: literal(renderZooKeeperStartScript(cluster, server)), executable: true },
          ...(props.fileUploads ?? []).map((u) => ({ file: u.file, source: u.source, sourceHash: u.sha256, permissions: '0644' })),
          ...(secretUploads[server.hostname] ?? []).map((u) => ({
            file: u.file,
            source: u.source,
            sourceHash: u.sha256,
            permissions: '0600',
          })),
        ],
        healthcheck: { test: zookeeperHealthCheck(), interval: '5s', timeout: '3s', retries: 30, startPeriod: '5s' },
        wait: false,
      });
    });
  }
}
