#!/usr/bin/env -S npx tsx
import { expiryWarnings, listCertificates, renderCertificates } from '../security/cert-expiry.ts';
import { DEFAULT_CLUSTER } from '../stacks/model/presets.ts';
import { UsageError } from '../stacks/model/errors.ts';
import { clustersOnMachine, COMMANDS, containerState, runMain } from './lib/core/index.ts';
import { buildDescriptor, infoView, pkiDirOf, readDescriptor, renderConnectHelp } from './lib/cluster/index.ts';
import { clusterFromFlag } from './lib/lifecycle/index.ts';

/** The clusters on this machine, one line (or one JSON object) each. */
async function listClusters(names: readonly string[], json: boolean): Promise<void> {
  const rows = await Promise.all(
    names.map(async (name) => {
      const d = readDescriptor(name);
      const containers = d ? [...(d.zookeeper?.containers ?? []), ...d.nodes.map((n) => n.container)] : [];
      const states = await Promise.all(containers.map((c) => containerState(c)));
      const running = states.filter((s) => s?.running).length;
      return { cluster: name, mode: d?.mode ?? null, running, containers: d ? containers.length : null, bootstrapServers: d?.bootstrapServers ?? [] };
    }),
  );
  if (json) {
    process.stdout.write(`${JSON.stringify({ clusters: rows }, null, 2)}\n`);
  } else if (rows.length === 0) {
    console.log('no cluster is running; start the default one with npm run up');
  } else {
    for (const r of rows) console.log(`${r.cluster} (${r.mode ?? '?'}): ${r.running}/${r.containers ?? '?'} containers running, bootstrap ${r.bootstrapServers.join(',') || '(no descriptor in this checkout)'}`);
  }
}

/** How to connect to one cluster (its descriptor with --json) and, under TLS, when each certificate expires. */
function describeCluster(clusterFlag: string, json: boolean): void {
  const { cluster } = clusterFromFlag(clusterFlag);
  const d = readDescriptor(cluster.name) ?? buildDescriptor(cluster);
  // When each certificate expires (TLS modes): the CAs, the nodes' and the clients' certificates.
  const certificates = cluster.security.tls ? listCertificates(pkiDirOf(cluster.name)) : undefined;
  if (json) process.stdout.write(`${JSON.stringify(certificates ? { ...d, certificates } : d, null, 2)}\n`);
  else {
    process.stdout.write(renderConnectHelp(d));
    if (certificates) {
      process.stdout.write(renderCertificates(certificates));
      for (const w of expiryWarnings(certificates, clusterFlag)) process.stdout.write(`⚠ ${w}\n`);
    }
  }
}

await runMain(COMMANDS.info, async (flags) => {
  const json = flags.json ?? false;
  if (flags.cluster) {
    if (flags.all) throw new UsageError("'--all' lists every cluster and '--cluster' names one: give one of them");
    describeCluster(flags.cluster, json);
    return;
  }
  const names = await clustersOnMachine();
  const view = infoView({ onMachine: names, defaultCluster: DEFAULT_CLUSTER, defaultDescribed: readDescriptor(DEFAULT_CLUSTER) !== undefined, all: flags.all ?? false });
  if (view.show === 'cluster') describeCluster(view.cluster, json);
  else await listClusters(names, json);
});
