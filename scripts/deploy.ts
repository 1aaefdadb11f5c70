#!/usr/bin/env -S npx tsx
import { runMain } from './lib/cli.ts';
import { clusterFromFlag, deployCluster } from './lib/cluster-ops.ts';
import { descriptorPath } from './lib/descriptor.ts';

await runMain(
  {
    name: 'deploy',
    summary: 'Synthesize and `cdktf deploy` one cluster, then write its connection descriptor and client files.',
    flags: {
      cluster: { type: 'string', description: 'preset name or spec file path (default kraft-3)' },
      security: {
        type: 'string',
        description: 'security mode: plaintext, ssl, mtls, sasl_plaintext or sasl_ssl (default: the spec\'s, else sasl_ssl); a change recreates the cluster',
      },
    },
  },
  async (flags) => {
    const { spec, cluster } = clusterFromFlag(flags.cluster, flags.security);
    const d = await deployCluster(spec, cluster);
    console.log(`cluster '${d.cluster}' deployed: bootstrap ${d.bootstrapServers.join(',')}`);
    console.log(`descriptor: ${descriptorPath(d.cluster)}`);
  },
);
