#!/usr/bin/env -S npx tsx
import { COMMANDS, runMain } from './lib/core/index.ts';
import { buildDescriptor, readDescriptor } from './lib/cluster/index.ts';
import { clusterFromFlag } from './lib/lifecycle/index.ts';
import { alerts, renderAlerts } from './lib/monitoring/index.ts';
import { UsageError } from '../stacks/model/errors.ts';

await runMain(COMMANDS.alerts, async (flags) => {
  const { cluster } = clusterFromFlag(flags.cluster);
  const d = readDescriptor(cluster.name) ?? buildDescriptor(cluster);
  if (!d.monitoring) {
    throw new UsageError(`cluster '${cluster.name}' has no monitoring: turn it on with npm run up -- ${flags.cluster ? `--cluster ${flags.cluster} ` : ''}--monitoring`);
  }
  const list = await alerts(d.monitoring.prometheusUrl);
  const strip = ({ state: _state, ...a }: (typeof list)[number]) => a;
  if (flags.json) {
    const out = { alerts: list.filter((a) => a.state === 'firing').map(strip), pending: list.filter((a) => a.state === 'pending').map(strip) };
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  } else process.stdout.write(renderAlerts(cluster.name, list));
});
