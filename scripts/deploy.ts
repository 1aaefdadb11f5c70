#!/usr/bin/env -S npx tsx
import { runMain } from './lib/core/index.ts';
import { CLUSTER_FLAG, SECURITY_FLAG } from './lib/core/index.ts';
import { clusterFromFlag, deployCluster } from './lib/lifecycle/index.ts';
import { descriptorPath } from './lib/cluster/index.ts';

await runMain(
  {
    name: 'deploy',
    summary:
      'Synthesize and `cdktf deploy` one cluster (nodes a change replaces on a running cluster are rolled one at a time, with safety checks), apply its dynamic config and its topics, users and ACLs, then write its connection descriptor and client files.',
    flags: {
      cluster: CLUSTER_FLAG,
      security: SECURITY_FLAG,
      validate: {
        type: 'boolean',
        description: "when the change replaces nodes of a running cluster (they are rolled one at a time), prove no acknowledged record is lost with Kafka's verifiable clients",
      },
    },
  },
  async (flags) => {
    const { spec, cluster } = clusterFromFlag(flags.cluster, flags.security);
    const d = await deployCluster(spec, cluster, { validate: flags.validate ?? false, ...(flags.cluster ? { clusterArg: flags.cluster } : {}) });
    console.log(`cluster '${d.cluster}' deployed: bootstrap ${d.bootstrapServers.join(',')}`);
    console.log(`descriptor: ${descriptorPath(d.cluster)}`);
  },
);
