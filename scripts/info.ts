#!/usr/bin/env -S npx tsx
import { expiryWarnings, listCertificates, renderCertificates } from '../security/cert-expiry.ts';
import { runMain } from './lib/core/index.ts';
import { pkiDirOf } from './lib/cluster/index.ts';
import { clusterFromFlag } from './lib/lifecycle/index.ts';
import { renderConnectHelp } from './lib/cluster/index.ts';
import { buildDescriptor, readDescriptor } from './lib/cluster/index.ts';
import { clustersOnMachine, containerState } from './lib/core/index.ts';

await runMain(
  {
    name: 'info',
    summary:
      'Without --cluster: list the clusters on this machine. With --cluster: how to connect; with --json the connection descriptor (never a secret); under TLS, when each certificate expires.',
    flags: {
      cluster: { type: 'string', description: 'preset name or spec file path' },
      json: { type: 'boolean', description: 'print JSON (the connection descriptor, or the list of clusters)' },
    },
  },
  async (flags) => {
    if (!flags.cluster) {
      const names = await clustersOnMachine();
      const rows = await Promise.all(
        names.map(async (name) => {
          const d = readDescriptor(name);
          const containers = d ? [...(d.zookeeper?.containers ?? []), ...d.nodes.map((n) => n.container)] : [];
          const states = await Promise.all(containers.map((c) => containerState(c)));
          const running = states.filter((s) => s?.running).length;
          return { cluster: name, mode: d?.mode ?? null, running, containers: d ? containers.length : null, bootstrapServers: d?.bootstrapServers ?? [] };
        }),
      );
      if (flags.json) {
        process.stdout.write(`${JSON.stringify({ clusters: rows }, null, 2)}\n`);
      } else if (rows.length === 0) {
        console.log('no cluster is running; start the default one with npm run up');
      } else {
        for (const r of rows) console.log(`${r.cluster} (${r.mode ?? '?'}): ${r.running}/${r.containers ?? '?'} containers running, bootstrap ${r.bootstrapServers.join(',') || '(no descriptor in this checkout)'}`);
      }
      return;
    }
    const { cluster } = clusterFromFlag(flags.cluster);
    const d = readDescriptor(cluster.name) ?? buildDescriptor(cluster);
    // When each certificate expires (TLS modes): the CAs, the nodes' and the clients' certificates.
    const certificates = cluster.security.tls ? listCertificates(pkiDirOf(cluster.name)) : undefined;
    if (flags.json) process.stdout.write(`${JSON.stringify(certificates ? { ...d, certificates } : d, null, 2)}\n`);
    else {
      process.stdout.write(renderConnectHelp(d));
      if (certificates) {
        process.stdout.write(renderCertificates(certificates));
        for (const w of expiryWarnings(certificates, flags.cluster)) process.stdout.write(`⚠ ${w}\n`);
      }
    }
  },
);
