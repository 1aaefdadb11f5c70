#!/usr/bin/env -S npx tsx
import { EXIT, runMain } from './lib/cli.ts';
import { clusterFromFlag } from './lib/cluster-ops.ts';
import { buildDescriptor } from './lib/descriptor.ts';
import { startProgress } from './lib/progress.ts';
import { renderReport, verifyCluster } from './lib/verify.ts';

await runMain(
  {
    name: 'verify',
    summary:
      'Check a running cluster with real clients: brokers registered, quorum led and caught up, a topic with RF = brokers, records through every broker read back, 0 under-replicated partitions.',
    flags: {
      cluster: { type: 'string', description: 'preset name or spec file path (default kraft-3)' },
      json: { type: 'boolean', description: 'print { ok, checks: [{ name, ok, detail }] } as JSON' },
      'timeout-seconds': { type: 'string', description: 'deadline of each waiting check (default 120)' },
    },
  },
  async (flags) => {
    const { cluster } = clusterFromFlag(flags.cluster);
    const timeoutMs = Number(flags['timeout-seconds'] ?? 120) * 1000;
    const progress = flags.json ? undefined : startProgress(`verifying cluster '${cluster.name}'`);
    const report = await verifyCluster(cluster, buildDescriptor(cluster), { timeoutMs, ...(progress ? { progress } : {}) });
    progress?.[report.ok ? 'done' : 'fail'](report.ok ? 'ok' : 'failed');
    if (flags.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    else process.stdout.write(renderReport(report));
    return report.ok ? EXIT.ok : EXIT.failed;
  },
);
