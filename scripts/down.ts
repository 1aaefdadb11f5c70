#!/usr/bin/env -S npx tsx
import { COMMANDS, isEmpty, runMain } from './lib/core/index.ts';
import { clusterFromFlag, destroyCluster } from './lib/lifecycle/index.ts';
import { EXIT } from '../stacks/model/errors.ts';

await runMain(
  COMMANDS.down,
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
