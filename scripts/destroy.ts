#!/usr/bin/env -S npx tsx
import { EXIT, runMain } from './lib/cli.ts';
import { CLUSTER_FLAG, FORCE_FLAG } from './lib/flags.ts';
import { clusterFromFlag, destroyCluster } from './lib/cluster-ops.ts';
import { isEmpty } from './lib/docker.ts';

await runMain(
  {
    name: 'destroy',
    summary: '`cdktf destroy` one cluster: containers, volumes (its data) and network.',
    flags: { cluster: CLUSTER_FLAG, force: FORCE_FLAG },
  },
  async (flags) => {
    const { cluster } = clusterFromFlag(flags.cluster);
    const left = await destroyCluster(cluster, { force: flags.force ?? false });
    if (!isEmpty(left)) {
      console.error(`left behind: ${JSON.stringify(left)}; run npm run destroy -- --cluster ${cluster.name} --force`);
      return EXIT.failed;
    }
    console.log(`cluster '${cluster.name}' destroyed`);
  },
);
