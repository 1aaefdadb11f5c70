#!/usr/bin/env -S npx tsx
import { EXIT, runMain } from './lib/cli.ts';
import { clusterFromFlag, destroyCluster } from './lib/cluster-ops.ts';
import { isEmpty } from './lib/docker.ts';

await runMain(
  {
    name: 'destroy',
    summary: '`cdktf destroy` one cluster: containers, volumes (its data) and network.',
    flags: {
      cluster: { type: 'string', description: 'preset name or spec file path (default kraft-3)' },
      force: { type: 'boolean', description: 'also remove by label what Terraform has no state for' },
    },
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
