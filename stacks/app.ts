import type { App } from 'cdktf';
import { join, relative } from 'node:path';
import { accessSpecFor, accessStackDir, accessStatePath, prepareAccessSecrets, previousAccessState } from '../scripts/lib/access/state.ts';
import { prepareClusterSecrets } from '../scripts/lib/cluster/secrets.ts';
import { buildDescriptor } from '../scripts/lib/cluster/descriptor.ts';
import { kafkaImageTag } from '../scripts/lib/engine/image/kafka-image.ts';
import { clusterStateDir, projectRoot } from '../scripts/lib/core/paths.ts';
import { AccessStack, accessStackId } from './access-stack.ts';
import { ClusterStack } from './cluster-stack.ts';
import { resolveAccess } from './model/access-validate.ts';
import type { ResolvedCluster } from './model/spec.ts';

export interface ClusterStacks {
  readonly cluster: ClusterStack;
  /** `<cluster>-access`, when the cluster has an access spec. */
  readonly access?: AccessStack;
}

/**
 * The stacks of one cluster: the cluster itself, and its topics, users and ACLs in a stack of
 * their own that depends on it (cdktf deploys it second and destroys it first). Secrets are made
 * (or reused) in the state folder first and referenced by path, hash or variable only.
 */
export async function addClusterStacks(app: App, cluster: ResolvedCluster): Promise<ClusterStacks> {
  const stackDir = join(projectRoot, 'cdktf.out', 'stacks', cluster.name);
  const clusterStack = new ClusterStack(app, cluster.name, {
    cluster,
    imageTag: kafkaImageTag(cluster.kafkaVersion),
    statePath: relative(stackDir, join(clusterStateDir(cluster.name), 'terraform.tfstate')),
    secretUploads: (await prepareClusterSecrets(cluster)).uploads,
  });
  const accessSpec = accessSpecFor(cluster);
  if (!accessSpec) return { cluster: clusterStack };
  const statePath = accessStatePath(cluster.name);
  // Validated against what the topics have now, so a partition decrease fails here, with the reason.
  const access = resolveAccess(accessSpec, cluster, previousAccessState(statePath));
  const accessStack = new AccessStack(app, accessStackId(cluster.name), {
    access,
    connection: buildDescriptor(cluster),
    statePath: relative(accessStackDir(cluster.name), statePath),
    passwordVersions: prepareAccessSecrets(cluster, access).passwordVersions,
  });
  accessStack.addDependency(clusterStack);
  return { cluster: clusterStack, access: accessStack };
}
