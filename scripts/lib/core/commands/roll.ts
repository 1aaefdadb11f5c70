import type { CommandDoc } from './define.ts';

/**
 * `npm run roll` (scripts/roll.ts): its name and summary. Its flags are the roll's own
 * (ROLL_FLAGS in scripts/lib/roll, next to the function that turns them into options), a domain
 * above core, so the entry point adds them: `runMain({ ...COMMANDS.roll, flags: ROLL_FLAGS }, ...)`.
 */
export const ROLL = {
  name: 'roll',
  summary:
    'Restart every node of a running cluster one at a time, without losing an acknowledged record: ZooKeeper or controllers first, leaders last; each node only once stopping it is safe, by a controlled shutdown, and waited for until it is back in sync.',
} as const satisfies CommandDoc;
