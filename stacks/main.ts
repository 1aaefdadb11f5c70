import { App } from 'cdktf';
import { join, relative } from 'node:path';
import { knownClusters } from '../scripts/lib/clusters.ts';
import { kafkaImageTag } from '../scripts/lib/image/kafka-image.ts';
import { clusterStateDir, projectRoot } from '../scripts/lib/paths.ts';
import { ClusterStack } from './cluster-stack.ts';
import { prepareClusterSecrets } from '../scripts/lib/cluster-secrets.ts';

const app = new App();
for (const cluster of knownClusters()) {
  const stackDir = join(projectRoot, 'cdktf.out', 'stacks', cluster.name);
  new ClusterStack(app, cluster.name, {
    cluster,
    imageTag: kafkaImageTag(cluster.kafkaVersion),
    statePath: relative(stackDir, join(clusterStateDir(cluster.name), 'terraform.tfstate')),
    // Secrets are made (or reused) in the state folder and uploaded by path: none enters the JSON.
    secretUploads: (await prepareClusterSecrets(cluster)).uploads,
  });
}
app.synth();
