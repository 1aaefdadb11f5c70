#!/usr/bin/env -S npx tsx
import { COMMANDS, runMain } from './lib/core/index.ts';
import { resolveSubcommand, runDrillCommand, splitPositionals } from './lib/practice/index.ts';
import { UsageError } from '../stacks/model/errors.ts';

const { flags } = COMMANDS.drill;

const { positionals, rest } = splitPositionals(flags, process.argv.slice(2));

await runMain(
  COMMANDS.drill,
  async (f) => {
    if (positionals.length > 2) throw new UsageError(`too many words: ${positionals.slice(2).join(' ')}`);
    const sub = resolveSubcommand(positionals[0]);
    // A DrillError or PracticeLogError ends as `drill: <message>`, exit 1 (runMain).
    return await runDrillCommand(sub, positionals[1], f);
  },
  rest,
);
