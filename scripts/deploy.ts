#!/usr/bin/env -S npx tsx
import { runMain } from './lib/cli.ts';
import { CLUSTER_FLAG, SECURITY_FLAG } from './lib/flags.ts';
import { clusterFromFlag, deployCluster } from './lib/cluster-ops.ts';
import { descriptorPath } from './lib/descriptor.ts';

await runMain(
  {
    name: 'deploy',
    summary: 'Synthesize and `cdktf deploy` one cluster, then write its connection descriptor and client files.',
    flags: { cluster: CLUSTER_FLAG, security: SECURITY_FLAG },
  },
  async (flags) => {
    const { spec, cluster } = clusterFromFlag(flags.cluster, flags.security);
    const d = await deployCluster(spec, cluster);
    console.log(`cluster '${d.cluster}' deployed: bootstrap ${d.bootstrapServers.join(',')}`);
    console.log(`descriptor: ${descriptorPath(d.cluster)}`);
  },
);
