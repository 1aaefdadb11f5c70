#!/usr/bin/env -S npx tsx
import { COMMANDS, runMain, startProgress } from './lib/core/index.ts';
import { clusterFromFlag } from './lib/lifecycle/index.ts';
import { buildDescriptor } from './lib/cluster/index.ts';
import { renderReport, runNegativeProbes, verifyCluster } from './lib/verify/index.ts';
import { EXIT } from '../stacks/model/errors.ts';

await runMain(
  COMMANDS.verify,
  async (flags) => {
    const { cluster } = clusterFromFlag(flags.cluster);
    const timeoutMs = Number(flags['timeout-seconds'] ?? 120) * 1000;
    const progress = flags.json ? undefined : startProgress(`verifying cluster '${cluster.name}'`);
    const d = buildDescriptor(cluster);
    let report = await verifyCluster(cluster, d, { timeoutMs, ...(progress ? { progress } : {}) });
    if (flags['probe-negative']) {
      progress?.update('negative probes');
      const negative = await runNegativeProbes(cluster, d);
      const checks = [...report.checks, ...negative];
      report = { ...report, checks, ok: checks.every((c) => c.ok) };
    }
    progress?.[report.ok ? 'done' : 'fail'](report.ok ? 'ok' : 'failed');
    if (flags.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    else process.stdout.write(renderReport(report));
    return report.ok ? EXIT.ok : EXIT.failed;
  },
);
