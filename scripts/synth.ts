#!/usr/bin/env -S npx tsx
import { runMain } from './lib/core/cli.ts';
import { clusterFromFlag } from './lib/lifecycle/cluster-lifecycle.ts';
import { registerCluster } from './lib/cluster/known-clusters.ts';
import { stackDir, synthesize } from './lib/engine/stack-runs.ts';

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
