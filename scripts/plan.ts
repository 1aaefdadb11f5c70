#!/usr/bin/env -S npx tsx
import { COMMANDS, runMain } from './lib/core/index.ts';
import { clusterFromFlag } from './lib/lifecycle/index.ts';
import { planAccess } from './lib/access/index.ts';
import { synthesize } from './lib/engine/index.ts';
import { EXIT } from '../stacks/model/errors.ts';

await runMain(
  COMMANDS.plan,
  async (flags) => {
    const { cluster } = clusterFromFlag(flags.cluster);
    await synthesize([cluster.name]);
    const { summary, lines } = await planAccess(cluster);
    if (flags.json) {
      process.stdout.write(`${JSON.stringify({ ...summary, lines }, null, 2)}\n`);
    } else {
      process.stdout.write(`${lines.join('\n')}\n`);
      console.log(
        summary.noChanges
          ? `${summary.stack}: no changes; the cluster matches the declared topics, users and ACLs`
          : `${summary.stack}: ${summary.add} to add, ${summary.change} to change, ${summary.destroy} to destroy; apply with npm run deploy${flags.cluster ? ` -- --cluster ${flags.cluster}` : ''}`,
      );
    }
    return EXIT.ok;
  },
);
