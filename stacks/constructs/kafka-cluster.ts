import { Construct } from 'constructs';
import { Network } from '@cdktf/provider-docker/lib/network/index.js';
import { Image } from '@cdktf/provider-docker/lib/image/index.js';
import type { ResolvedCluster } from '../model/spec.ts';
import { bootstrapServers } from '../model/resolve.ts';
import { KafkaNode } from './kafka-node.ts';
import { ZooKeeperEnsemble } from './zookeeper-ensemble.ts';
import type { SecretUpload } from '../render/secret-files.ts';
import { LABELS, labelList } from './labels.ts';

export interface KafkaClusterProps {
  readonly cluster: ResolvedCluster;
  /** Local image tag built by `npm run setup`; never pulled. */
  readonly imageTag: string;
  /** Secret files per node or ZooKeeper hostname (uploaded by path and hash). @default {} */
  readonly secretUploads?: Readonly<Record<string, readonly SecretUpload[]>>;
}

/** A Kafka cluster: its own Docker network and one KafkaNode per node. */
export class KafkaCluster extends Construct {
  readonly network: Network;
  readonly nodes: readonly KafkaNode[];
  readonly zookeeper?: ZooKeeperEnsemble;
  readonly bootstrapServers: readonly string[];

  constructor(scope: Construct, id: string, props: KafkaClusterProps) {
    super(scope, id);
    const { cluster } = props;
    const secretUploads = props.secretUploads ?? {};
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
      });
    }
    const dependsOn = this.zookeeper ? [...this.zookeeper.containers] : [];
    // Construct ids follow the node's hostname (kafka-N, controller-N), so they stay stable
    // when node ids are renumbered. kraft-combined keeps the first-light ids (node-N).
    this.nodes = cluster.nodes.map(
      (node) =>
        new KafkaNode(this, node.hostname.startsWith('kafka-') ? `node-${node.hostname.slice(6)}` : node.hostname, {
          cluster,
          node,
          image: image.imageId,
          networkName: this.network.name,
          dependsOn,
          secretUploads: secretUploads[node.hostname] ?? [],
        }),
    );
    this.bootstrapServers = bootstrapServers(cluster);
  }
}
