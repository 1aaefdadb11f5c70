#!/usr/bin/env -S npx tsx
// `tsx scripts/with-bindings.ts CMD [ARGS...]`: generate the provider bindings (.gen) when they are
// missing or stale, then run CMD with ARGS (stdio inherited, its exit code passed on). With
// --help or -h among ARGS, CMD answers at once, with no setup first. npm run typecheck and
// npm run test:unit use it, so both work on a fresh clone.
import { spawnSync } from 'node:child_process';
import { ensureBindings } from './lib/engine/index.ts';
import { projectRoot } from './lib/core/index.ts';
import { StepError } from '../stacks/model/errors.ts';

const [cmd, ...args] = process.argv.slice(2);
if (!cmd) {
  process.stderr.write('with-bindings: name the command to run, e.g. tsx scripts/with-bindings.ts tsc --noEmit\n');
  process.exit(2);
}
if (!args.includes('--help') && !args.includes('-h')) {
  try {
    const r = await ensureBindings();
    if (r.generated) console.log(`✔ provider bindings generated in ${r.dir} (${r.seconds.toFixed(1)}s)`);
  } catch (error) {
    process.stderr.write(`${cmd}: ${error instanceof StepError ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
const run = spawnSync('npx', ['--no-install', cmd, ...args], { cwd: projectRoot, stdio: 'inherit' });
process.exit(run.status ?? 1);
