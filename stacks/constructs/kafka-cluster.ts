import { Construct } from 'constructs';
import { Network } from '@cdktf/provider-docker/lib/network/index.js';
import { Image } from '@cdktf/provider-docker/lib/image/index.js';
import type { ResolvedCluster } from '../model/spec.ts';
import { bootstrapServers } from '../model/resolve.ts';
import { KafkaNode } from './kafka-node.ts';
import { LABELS, labelList } from './labels.ts';

export interface KafkaClusterProps {
  readonly cluster: ResolvedCluster;
  /** Local image tag built by `npm run setup`; never pulled. */
  readonly imageTag: string;
}

/** A Kafka cluster: its own Docker network and one KafkaNode per node. */
export class KafkaCluster extends Construct {
  readonly network: Network;
  readonly nodes: readonly KafkaNode[];
  readonly bootstrapServers: readonly string[];

  constructor(scope: Construct, id: string, props: KafkaClusterProps) {
    super(scope, id);
    const { cluster } = props;
    this.network = new Network(this, 'network', {
      name: cluster.networkName,
      driver: 'bridge',
      labels: labelList({ [LABELS.cluster]: cluster.name }),
    });
    // The image exists locally (built by setup); keep_locally stops destroy from deleting it.
    const image = new Image(this, 'image', { name: props.imageTag, keepLocally: true });
    this.nodes = cluster.nodes.map(
      (node) =>
        new KafkaNode(this, `node-${node.id}`, {
          cluster,
          node,
          image: image.imageId,
          networkName: this.network.name,
        }),
    );
    this.bootstrapServers = bootstrapServers(cluster);
  }
}
