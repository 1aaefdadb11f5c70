#!/usr/bin/env -S npx tsx
import { runMain } from './lib/core/index.ts';
import { CLUSTER_FLAG, FORCE_FLAG } from './lib/core/index.ts';
import { clusterFromFlag, destroyCluster } from './lib/lifecycle/index.ts';
import { isEmpty } from './lib/core/index.ts';
import { EXIT } from '../stacks/model/errors.ts';

await runMain(
  {
    name: 'down',
    summary: 'Destroy one cluster, then prove no container, network or volume of it remains.',
    flags: { cluster: CLUSTER_FLAG, force: FORCE_FLAG },
  },
  async (flags) => {
    const { cluster } = clusterFromFlag(flags.cluster);
    const left = await destroyCluster(cluster, { force: flags.force ?? false });
    if (!isEmpty(left)) {
      console.error(`✖ cluster '${cluster.name}' left behind:`);
      console.error(`  containers: ${left.containers.join(', ') || '-'}\n  networks: ${left.networks.join(', ') || '-'}\n  volumes: ${left.volumes.join(', ') || '-'}`);
      console.error(`  remove them with: npm run down -- --cluster ${cluster.name} --force`);
      return EXIT.failed;
    }
    console.log(`✔ cluster '${cluster.name}' is gone: no container, network or volume labelled or named for it remains`);
  },
);
