#!/usr/bin/env -S npx tsx
import { EXIT, runMain } from './lib/core/cli.ts';
import { clusterFromFlag } from './lib/lifecycle/cluster-lifecycle.ts';
import { buildDescriptor } from './lib/cluster/descriptor.ts';
import { ensureDockerEngine } from './lib/engine/docker-engine.ts';
import { ROLL_FLAGS, rollOptionsFrom } from './lib/roll/options.ts';
import { renderRollReport, rollReportJson } from './lib/roll/report.ts';
import { rollCluster } from './lib/roll/roll-cluster.ts';

await runMain(
  {
    name: 'roll',
    summary:
      'Restart every node of a running cluster one at a time, without losing an acknowledged record: ZooKeeper or controllers first, leaders last; each node only once stopping it is safe, by a controlled shutdown, and waited for until it is back in sync.',
    flags: ROLL_FLAGS,
  },
  async (flags) => {
    const options = rollOptionsFrom(flags);
    const { cluster } = clusterFromFlag(flags.cluster);
    await ensureDockerEngine();
    const report = await rollCluster(cluster, buildDescriptor(cluster), { ...options, ...(flags.cluster ? { clusterArg: flags.cluster } : {}) });
    process.stdout.write(options.json ? rollReportJson(report) : renderRollReport(report));
    return report.ok ? EXIT.ok : EXIT.failed;
  },
);
