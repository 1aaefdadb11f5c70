import { Construct } from 'constructs';
import type { TerraformProvider } from 'cdktf';
import { Network } from '@cdktf/provider-docker/lib/network/index.js';
import { Image } from '@cdktf/provider-docker/lib/image/index.js';
import type { ResolvedCluster } from '../model/spec.ts';
import { bootstrapServers } from '../model/resolve.ts';
import { KafkaNode } from './kafka-node.ts';
import { ZooKeeperEnsemble } from './zookeeper-ensemble.ts';
import type { SecretUpload } from '../render/secret-files.ts';
import { LABELS, labelList } from './labels.ts';
import { ClusterMonitoring, type MonitoringInput } from './cluster-monitoring.ts';

export interface KafkaClusterProps {
  readonly cluster: ResolvedCluster;
  /** Local image tag built by `npm run setup`; never pulled. */
  readonly imageTag: string;
  /** Secret files per node or ZooKeeper hostname (uploaded by path and hash). @default {} */
  readonly secretUploads?: Readonly<Record<string, readonly SecretUpload[]>>;
  /** A monitored cluster's images and files (required when the cluster has monitoring). @default - no monitoring */
  readonly monitoring?: MonitoringInput;
  /** The provider of each declared host, by host name (a placed node's resources use its host's). @default {} */
  readonly engines?: Readonly<Record<string, TerraformProvider>>;
}

/** A Kafka cluster: its own Docker network and one KafkaNode per node. */
export class KafkaCluster extends Construct {
  readonly network: Network;
  readonly nodes: readonly KafkaNode[];
  readonly zookeeper?: ZooKeeperEnsemble;
  readonly monitoring?: ClusterMonitoring;
  readonly bootstrapServers: readonly string[];

  constructor(scope: Construct, id: string, props: KafkaClusterProps) {
    super(scope, id);
    const { cluster } = props;
    const secretUploads = props.secretUploads ?? {};
    const monitoring = cluster.monitoring ? props.monitoring : undefined;
    if (cluster.monitoring && !monitoring) throw new Error(`cluster '${cluster.name}' is monitored: its stack needs the monitoring input (images and files)`);
    this.network = new Network(this, 'network', {
      name: cluster.networkName,
      driver: 'bridge',
      labels: labelList({ [LABELS.cluster]: cluster.name }),
    });
    // The image exists locally (built by setup); keep_locally stops destroy from deleting it.
    const image = new Image(this, 'image', { name: props.imageTag, keepLocally: true });
    if (cluster.zookeeper) {
      this.zookeeper = new ZooKeeperEnsemble(this, 'zookeeper', {
        cluster,
        image: image.imageId,
        networkName: this.network.name,
        secretUploads,
        ...(monitoring ? { fileUploads: [monitoring.jmxRules.zookeeper] } : {}),
      });
    }
    const dependsOn = this.zookeeper ? [...this.zookeeper.containers] : [];
    // A placed node's image is its host engine's copy (loaded there before apply, never pulled).
    const engines = props.engines ?? {};
    const hostImages = new Map(
      (cluster.hosts ?? []).map((h) => [h.name, new Image(this, `image-${h.name}`, { name: props.imageTag, keepLocally: true, provider: engines[h.name]! }).imageId]),
    );
    // Construct ids follow the node's hostname (kafka-N, controller-N), so they stay stable
    // when node ids are renumbered. kraft-combined keeps the first-light ids (node-N).
    this.nodes = cluster.nodes.map(
      (node) =>
        new KafkaNode(this, node.hostname.startsWith('kafka-') ? `node-${node.hostname.slice(6)}` : node.hostname, {
          cluster,
          node,
          image: node.placed ? hostImages.get(node.placed.host.name)! : image.imageId,
          networkName: this.network.name,
          ...(node.placed ? { provider: engines[node.placed.host.name]! } : {}),
          dependsOn,
          secretUploads: secretUploads[node.hostname] ?? [],
          ...(monitoring ? { fileUploads: [monitoring.jmxRules.kafka] } : {}),
        }),
    );
    if (cluster.monitoring && monitoring) {
      const volumes = Object.fromEntries(cluster.nodes.map((n) => [n.hostname, n.volumeName]));
      this.monitoring = new ClusterMonitoring(this, 'monitoring', {
        cluster,
        monitoring: cluster.monitoring,
        input: monitoring,
        kafkaImage: image.imageId,
        networkName: this.network.name,
        secretUploads: secretUploads[cluster.monitoring.lagExporter.hostname] ?? [],
        volumes,
        dependsOn: this.nodes.map((n) => n.container),
      });
    }
    this.bootstrapServers = bootstrapServers(cluster);
  }
}
