#!/usr/bin/env -S npx tsx
import { COMMANDS, clusterContainers, runMain } from './lib/core/index.ts';
import { buildDescriptor, readDescriptor } from './lib/cluster/index.ts';
import { clusterFromFlag } from './lib/lifecycle/index.ts';
import {
  parseGuarantee,
  parseStreamsWords,
  renderStreamsStatus,
  splitStreamsArgv,
  startStreamsApp,
  stopStreamsApp,
  streamsAppNamed,
  streamsStatus,
} from './lib/streams/index.ts';
import { OperationRefused, StepError, UsageError } from '../stacks/model/errors.ts';

const { words, rest } = splitStreamsArgv(COMMANDS.streams.flags, process.argv.slice(2));

await runMain(
  COMMANDS.streams,
  async (flags) => {
    const sub = parseStreamsWords(words);
    const app = streamsAppNamed(flags.app);
    if (sub !== 'status' && flags.json) throw new UsageError(`--json goes with status, not ${sub}`);
    if (sub !== 'start' && flags.guarantee !== undefined) throw new UsageError(`--guarantee goes with start, not ${sub} (a running app's guarantee changes only by a stop and a start)`);
    const guarantee = sub === 'start' && flags.guarantee !== undefined ? parseGuarantee(flags.guarantee) : undefined;
    const { cluster } = clusterFromFlag(flags.cluster);
    const onCluster = flags.cluster ? ` --cluster ${flags.cluster}` : '';
    const appFlag = flags.app ? ` --app ${app.name}` : '';
    if (sub === 'stop') {
      const stopped = await stopStreamsApp(cluster, app);
      process.stdout.write(stopped ? `✔ Streams app ${app.name} stopped and its container removed (its topics stay)\n` : `Streams app ${app.name} is not running on '${cluster.name}': nothing to stop\n`);
      return;
    }
    const d = readDescriptor(cluster.name) ?? buildDescriptor(cluster);
    if (sub === 'status') {
      const status = await streamsStatus(d, app);
      process.stdout.write(flags.json ? `${JSON.stringify(status, null, 2)}\n` : renderStreamsStatus(status));
      return;
    }
    const nodes = Object.entries(await clusterContainers(cluster.name)).filter(([name, c]) => c.running && cluster.nodes.some((n) => n.containerName === name));
    if (nodes.length === 0) throw new OperationRefused(`cluster '${cluster.name}' is not running: start it with npm run up${onCluster}, then npm run streams -- start${onCluster}${appFlag}`, 'failed');
    try {
      const r = await startStreamsApp(cluster, d, app, { say: (line) => process.stderr.write(`  ${line}\n`), ...(guarantee ? { guarantee } : {}) });
      const entries = r.report.store.entries ?? '?';
      const how = r.report.processingGuarantee ? `processing.guarantee=${r.report.processingGuarantee}` : undefined;
      process.stdout.write(
        r.already
          ? `✔ Streams app ${app.name} already RUNNING in ${r.container} (${how ? `${how}, ` : ''}store ${r.report.store.name}: ${entries} key(s))\n`
          : `✔ Streams app ${app.name} RUNNING in ${r.container} after ${(r.ms / 1000).toFixed(1)}s: ${app.inputTopic} -> ${app.outputTopic}${how ? `, ${how}` : ''}; npm run streams -- status${onCluster}${appFlag} shows its lag\n`,
      );
    } catch (error) {
      if (error instanceof OperationRefused) throw error;
      throw new StepError(`starting Streams app ${app.name}`, error instanceof Error ? error.message : String(error), `docker logs kafkalab-${cluster.name}-streams-${app.name}`);
    }
  },
  rest,
);
