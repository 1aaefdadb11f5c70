#!/usr/bin/env -S npx tsx
import { COMMANDS, runMain } from './lib/core/index.ts';
import { clusterFromFlag } from './lib/lifecycle/index.ts';
import { registerCluster } from './lib/cluster/index.ts';
import { stackDir, synthesize } from './lib/engine/index.ts';

await runMain(
  COMMANDS.synth,
  async (flags) => {
    const chosen = flags.cluster ? clusterFromFlag(flags.cluster) : undefined;
    if (chosen) registerCluster(chosen.spec);
    await synthesize();
    console.log(`synthesized; e.g. ${stackDir(chosen?.cluster.name ?? 'kraft-3')}/cdk.tf.json`);
  },
);
