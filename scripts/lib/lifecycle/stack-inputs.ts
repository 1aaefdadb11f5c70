/**
 * What the cdktf app needs for one cluster's stacks, made on the scripts side so that stacks/
 * stays free of I/O: the cluster's secrets made (or reused) in the state folder, the image tag,
 * the Terraform state paths, and the access spec validated against what the topics have now
 * (so a partition decrease fails here, with the reason).
 */
import { join, relative } from 'node:path';
import type { ClusterStacksInput } from '../../../stacks/app.ts';
import { resolveAccess } from '../../../stacks/model/access-validate.ts';
import type { ResolvedCluster } from '../../../stacks/model/spec.ts';
import { accessSpecFor, accessStackDir, accessStatePath, mirrorSourcesOf, mirrorUploads, prepareAccessSecrets, previousAccessState } from '../access/index.ts';
import { CONNECT_UPLOADS, SCHEMA_REGISTRY_UPLOADS, buildDescriptor, prepareClusterSecrets, prepareEngineCertDirs } from '../cluster/index.ts';
import { clusterStateDir } from '../core/index.ts';
import { connectImageTag, kafkaImageTag, registryImageTag, stackDir } from '../engine/index.ts';
import { monitoringInput } from './monitoring-inputs.ts';

export async function clusterStacksInput(cluster: ResolvedCluster): Promise<ClusterStacksInput> {
  const secretUploads = (await prepareClusterSecrets(cluster)).uploads;
  const input = {
    cluster,
    imageTag: kafkaImageTag(cluster.kafkaVersion),
    statePath: relative(stackDir(cluster.name), join(clusterStateDir(cluster.name), 'terraform.tfstate')),
    secretUploads,
    ...(cluster.monitoring ? { monitoring: await monitoringInput(cluster) } : {}),
    ...(cluster.hosts?.some((h) => h.tls) ? { engineCertDirs: prepareEngineCertDirs(cluster) } : {}),
  };
  const accessSpec = accessSpecFor(cluster);
  if (!accessSpec) return { cluster: input };
  const statePath = accessStatePath(cluster.name);
  const access = resolveAccess(accessSpec, cluster, previousAccessState(statePath), mirrorSourcesOf(accessSpec, cluster.name));
  return {
    cluster: input,
    access: {
      access,
      connection: buildDescriptor(cluster),
      statePath: relative(accessStackDir(cluster.name), statePath),
      passwordVersions: prepareAccessSecrets(cluster, access).passwordVersions,
      ...(cluster.connect
        ? {
            connect: {
              cluster: { ...cluster, connect: cluster.connect },
              image: connectImageTag(),
              secretUploads: [...(secretUploads[CONNECT_UPLOADS] ?? []), ...mirrorUploads(cluster, access.mirrors)],
            },
          }
        : {}),
      ...(cluster.schemaRegistry
        ? {
            schemaRegistry: {
              cluster: { ...cluster, schemaRegistry: cluster.schemaRegistry },
              image: registryImageTag(),
              secretUploads: secretUploads[SCHEMA_REGISTRY_UPLOADS] ?? [],
            },
          }
        : {}),
    },
  };
}
