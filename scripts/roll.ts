#!/usr/bin/env -S npx tsx
import { COMMANDS, runMain } from './lib/core/index.ts';
import { clusterFromFlag } from './lib/lifecycle/index.ts';
import { buildDescriptor } from './lib/cluster/index.ts';
import { ensureDockerEngine } from './lib/engine/index.ts';
import { renderRollReport, ROLL_FLAGS, rollCluster, rollOptionsFrom, rollReportJson } from './lib/roll/index.ts';
import { EXIT } from '../stacks/model/errors.ts';

await runMain(
  { ...COMMANDS.roll, flags: ROLL_FLAGS },
  async (flags) => {
    const options = rollOptionsFrom(flags);
    const { cluster } = clusterFromFlag(flags.cluster);
    await ensureDockerEngine();
    const report = await rollCluster(cluster, buildDescriptor(cluster), { ...options, ...(flags.cluster ? { clusterArg: flags.cluster } : {}) });
    process.stdout.write(options.json ? rollReportJson(report) : renderRollReport(report));
    return report.ok ? EXIT.ok : EXIT.failed;
  },
);
