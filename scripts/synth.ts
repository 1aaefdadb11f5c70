#!/usr/bin/env -S npx tsx
import { runMain } from './lib/cli.ts';
import { clusterFromFlag } from './lib/cluster-ops.ts';
import { registerCluster } from './lib/clusters.ts';
import { stackDir, synthesize } from './lib/stack-ops.ts';

await runMain(
  {
    name: 'synth',
    summary: 'Synthesize the Terraform JSON of every known cluster into cdktf.out/stacks/<cluster>/cdk.tf.json.',
    flags: { cluster: { type: 'string', description: 'also register this spec file (a preset needs nothing)' } },
  },
  async (flags) => {
    if (flags.cluster) registerCluster(clusterFromFlag(flags.cluster).spec);
    await synthesize();
    console.log(`synthesized; e.g. ${stackDir(flags.cluster ? clusterFromFlag(flags.cluster).cluster.name : 'kraft-3')}/cdk.tf.json`);
  },
);
