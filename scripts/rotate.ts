#!/usr/bin/env -S npx tsx
import { COMMANDS, runMain } from './lib/core/index.ts';
import { clusterFromFlag } from './lib/lifecycle/index.ts';
import { rotateCa, rotateCertificates, type RotationStepReport } from './lib/operations/index.ts';
import { EXIT, UsageError } from '../stacks/model/errors.ts';

await runMain(
  COMMANDS.rotate,
  async (flags) => {
    if (flags.certs && flags.ca) throw new UsageError("pass one of '--certs' or '--ca', not both: a CA rotation re-signs every certificate anyway");
    if (!flags.certs && !flags.ca) throw new UsageError("nothing to rotate: pass '--certs' (new node certificates) or '--ca' (a new CA)");
    const { spec, cluster } = clusterFromFlag(flags.cluster);
    const opts = {
      validate: flags.validate ?? false,
      ...(flags.cluster ? { clusterArg: flags.cluster } : {}),
      onStep: (text: string) => process.stderr.write(`▶ ${text}\n`),
    };
    // An OperationRefused ends as its message, exit 2 or 1 by its kind (runMain).
    const steps: RotationStepReport[] = flags.ca ? await rotateCa(spec, cluster, opts) : await rotateCertificates(spec, cluster, opts);
    if (flags.json) {
      process.stdout.write(`${JSON.stringify(steps, null, 2)}\n`);
      return EXIT.ok;
    }
    for (const s of steps) {
      const v = s.validation ? `; ${s.validation.acked} acked, ${s.validation.consumed} consumed, ${s.validation.lost} lost` : '';
      console.log(`✔ ${s.step}: ${s.rolled.length > 0 ? `rolled ${s.rolled.join(', ')}` : 'no node to roll (the cluster is not deployed: the next deploy uses the new files)'}${v}`);
    }
    console.log(`certificates of '${cluster.name}' rotated; npm run info -- --cluster ${flags.cluster ?? cluster.name} shows when each expires`);
    return EXIT.ok;
  },
);
