#!/usr/bin/env -S npx tsx
import { runMain } from './lib/core/index.ts';
import { clusterFromFlag } from './lib/lifecycle/index.ts';
import { registerCluster } from './lib/cluster/index.ts';
import { stackDir, synthesize } from './lib/engine/index.ts';

await runMain(
  {
    name: 'synth',
    summary: 'Synthesize the Terraform JSON of every known cluster into cdktf.out/stacks/<cluster>/cdk.tf.json.',
    flags: { cluster: { type: 'string', description: 'also register this spec file (a preset needs nothing)' } },
  },
  async (flags) => {
    const chosen = flags.cluster ? clusterFromFlag(flags.cluster) : undefined;
    if (chosen) registerCluster(chosen.spec);
    await synthesize();
    console.log(`synthesized; e.g. ${stackDir(chosen?.cluster.name ?? 'kraft-3')}/cdk.tf.json`);
  },
);
