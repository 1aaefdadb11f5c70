#!/usr/bin/env -S npx tsx
import { join } from 'node:path';
import { rotateNodeCertificates } from '../security/pki.ts';
import { EXIT, UsageError, runMain } from './lib/cli.ts';
import { clusterFromFlag } from './lib/cluster-ops.ts';
import { secretsDir } from './lib/cluster-secrets.ts';
import { CLUSTER_FLAG } from './lib/flags.ts';

await runMain(
  {
    name: 'rotate',
    summary:
      'Issue new node certificates from the same CA (--certs). Clients keep working: they trust the CA, not the node certificates. Apply them with npm run deploy, which restarts the nodes (a node-by-node roll comes with the rolling-operations work).',
    flags: {
      cluster: CLUSTER_FLAG,
      certs: { type: 'boolean', description: 'new node certificates from the same CA' },
    },
  },
  async (flags) => {
    if (!flags.certs) throw new UsageError("nothing to rotate: pass '--certs'");
    const { cluster } = clusterFromFlag(flags.cluster);
    if (!cluster.security.tls) {
      console.error(`cluster '${cluster.name}' uses security '${cluster.security.mode}', which has no certificates`);
      return EXIT.usage;
    }
    const pki = await rotateNodeCertificates({
      dir: join(secretsDir(cluster.name), 'pki'),
      clusterName: cluster.name,
      nodes: cluster.nodes.map((n) => ({ name: n.hostname, dnsNames: [n.hostname, n.containerName] })),
      clients: cluster.security.clientCerts ? cluster.security.users.map((name) => ({ name })) : [],
    });
    for (const change of pki.changes) console.log(`✔ ${change}`);
    console.log(`new node certificates issued for '${cluster.name}'; apply them with: npm run deploy -- --cluster ${flags.cluster ?? cluster.name}`);
  },
);
