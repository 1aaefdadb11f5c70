#!/usr/bin/env -S npx tsx
import { COMMANDS, runMain } from './lib/core/index.ts';
import { buildDescriptor, readDescriptor } from './lib/cluster/index.ts';
import { clusterFromFlag } from './lib/lifecycle/index.ts';
import {
  connectStatus,
  parseConnectWords,
  pauseConnector,
  renderConnectStatus,
  restartConnector,
  resumeConnector,
  rollWorkers,
  splitConnectArgv,
} from './lib/connect/index.ts';
import { UsageError } from '../stacks/model/errors.ts';
import { $ } from 'zx';

const { words, rest } = splitConnectArgv(COMMANDS.connect.flags, process.argv.slice(2));

await runMain(
  COMMANDS.connect,
  async (flags) => {
    const { sub, connector } = parseConnectWords(words);
    const { cluster } = clusterFromFlag(flags.cluster);
    const d = readDescriptor(cluster.name) ?? buildDescriptor(cluster);
    if (!d.connect) {
      throw new UsageError(`cluster '${cluster.name}' has no Connect workers: turn them on with npm run up -- ${flags.cluster ? `--cluster ${flags.cluster} ` : ''}--connect`);
    }
    const deps = flags.cluster ? { cluster: flags.cluster } : {};
    const onCluster = flags.cluster ? ` --cluster ${flags.cluster}` : '';
    if (sub !== 'restart' && flags['failed-tasks']) throw new UsageError(`--failed-tasks goes with restart, not ${sub}`);
    if (sub !== 'status' && flags.json) throw new UsageError(`--json goes with status, not ${sub}`);
    if (sub === 'status') {
      const status = await connectStatus(d.connect, deps);
      process.stdout.write(flags.json ? `${JSON.stringify(status, null, 2)}\n` : renderConnectStatus(cluster.name, status));
      return;
    }
    if (sub === 'roll') {
      const restart = async (container: string): Promise<void> => {
        await $({ quiet: true })`docker restart -t 30 ${container}`;
      };
      const report = await rollWorkers(d.connect, { ...deps, restart, say: (line) => process.stderr.write(`  ${line}\n`) });
      process.stdout.write(`✔ rolled ${report.workers.length} Connect worker(s) in ${(report.totalMs / 1000).toFixed(1)}s; ${report.connectors.length} connector(s) running\n`);
      return;
    }
    const name = connector!;
    if (sub === 'restart') {
      const onlyFailed = flags['failed-tasks'] === true;
      await restartConnector(d.connect, name, { ...deps, failedTasksOnly: onlyFailed });
      process.stdout.write(`✔ restart of connector '${name}'${onlyFailed ? ' (its failed tasks only)' : ' and its tasks'} accepted: npm run connect -- status${onCluster} shows it running again\n`);
    } else if (sub === 'pause') {
      await pauseConnector(d.connect, name, deps);
      process.stdout.write(`✔ connector '${name}' pausing: npm run connect -- resume ${name}${onCluster} starts it again\n`);
    } else {
      await resumeConnector(d.connect, name, deps);
      process.stdout.write(`✔ connector '${name}' resuming\n`);
    }
  },
  rest,
);
