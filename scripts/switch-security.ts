#!/usr/bin/env -S npx tsx
import { COMMANDS, runMain } from './lib/core/index.ts';
import { clusterFromFlag } from './lib/lifecycle/index.ts';
import { switchSecurity, type SwitchStepReport } from './lib/operations/index.ts';
import { EXIT, UsageError } from '../stacks/model/errors.ts';

await runMain(
  COMMANDS['switch-security'],
  async (flags) => {
    if (!flags.to) throw new UsageError("'--to' is required: the security mode to switch to (plaintext or sasl_ssl)");
    // The spec as declared, with the mode the cluster runs now (from its descriptor).
    const { spec, cluster } = clusterFromFlag(flags.cluster);
    // An OperationRefused ends as its message, exit 2 or 1 by its kind (runMain).
    const steps: SwitchStepReport[] = await switchSecurity(spec, cluster, flags.to, {
      validate: flags.validate ?? false,
      ...(flags.cluster ? { clusterArg: flags.cluster } : {}),
      onStep: (text) => process.stderr.write(`▶ ${text}\n`),
    });
    if (flags.json) {
      process.stdout.write(`${JSON.stringify(steps, null, 2)}\n`);
      return EXIT.ok;
    }
    for (const s of steps) {
      const v = s.validation ? `; ${s.validation.acked} acked, ${s.validation.consumed} consumed, ${s.validation.lost} lost, longest stall ${s.validation.maxStallMs} ms` : '';
      console.log(`✔ ${s.step}: ${s.rolled.length > 0 ? `rolled ${s.rolled.join(', ')}` : 'no node to roll'} (clients: ${s.clientsUsed})${v}`);
    }
    console.log(`cluster '${cluster.name}' now runs with security '${flags.to}'; npm run info -- --cluster ${flags.cluster ?? cluster.name} shows how to connect`);
    return EXIT.ok;
  },
);
