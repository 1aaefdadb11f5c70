#!/usr/bin/env -S npx tsx
import { COMMANDS, runMain, startProgress } from './lib/core/index.ts';
import { clusterFromFlag, deployCluster, upSwitches } from './lib/lifecycle/index.ts';
import { renderConnectHelp } from './lib/cluster/index.ts';
import { renderReport, verifyCluster } from './lib/verify/index.ts';
import { EXIT } from '../stacks/model/errors.ts';

await runMain(
  COMMANDS.up,
  async (flags) => {
    const started = Date.now();
    const { spec, cluster } = clusterFromFlag(flags.cluster, flags.security, upSwitches(flags));
    const { descriptor: d } = await deployCluster(spec, cluster);
    const progress = startProgress(`verifying cluster '${cluster.name}'`);
    // What proves the cluster serves; npm run verify plays the ACL matrix too.
    const report = await verifyCluster(cluster, d, { progress, deep: false });
    progress[report.ok ? 'done' : 'fail'](report.ok ? 'ok' : 'failed');
    process.stdout.write(renderReport(report));
    if (!report.ok) return EXIT.failed;
    process.stdout.write(`\n${renderConnectHelp(d)}`);
    console.log(`up in ${((Date.now() - started) / 1000).toFixed(1)}s; stop it with npm run down${flags.cluster ? ` -- --cluster ${flags.cluster}` : ''}`);
  },
);
