#!/usr/bin/env -S npx tsx
// Generate the provider bindings (.gen) when they are missing or stale; instant when current.
// `npm run test:unit` runs this first, so the unit tests of a fresh clone find the bindings.
import { COMMANDS, runMain } from './lib/core/index.ts';
import { ensureBindings } from './lib/engine/index.ts';

await runMain(
  COMMANDS['setup-bindings'],
  async () => {
    const r = await ensureBindings();
    if (r.generated) console.log(`✔ provider bindings generated in ${r.dir} (${r.seconds.toFixed(1)}s)`);
  },
);
