#!/usr/bin/env -S npx tsx
import { COMMANDS, runMain } from './lib/core/index.ts';
import { clusterFromFlag, deployCluster } from './lib/lifecycle/index.ts';
import { descriptorPath } from './lib/cluster/index.ts';

await runMain(
  COMMANDS.deploy,
  async (flags) => {
    const { spec, cluster } = clusterFromFlag(flags.cluster, flags.security);
    const { descriptor: d } = await deployCluster(spec, cluster, { validate: flags.validate ?? false, ...(flags.cluster ? { clusterArg: flags.cluster } : {}) });
    console.log(`cluster '${d.cluster}' deployed: bootstrap ${d.bootstrapServers.join(',')}`);
    console.log(`descriptor: ${descriptorPath(d.cluster)}`);
  },
);
