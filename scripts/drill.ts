#!/usr/bin/env -S npx tsx
import { runMain } from './lib/core/index.ts';
import { COMMANDS } from './lib/core/index.ts';
import { splitPositionals } from './lib/practice/index.ts';
import { resolveSubcommand, runDrillCommand } from './lib/practice/index.ts';
import { DrillError, EXIT, PracticeLogError, UsageError } from '../stacks/model/errors.ts';


const { flags } = COMMANDS.drill;

const { positionals, rest } = splitPositionals(flags, process.argv.slice(2));

await runMain(
  COMMANDS.drill,
  async (f) => {
    if (positionals.length > 2) throw new UsageError(`too many words: ${positionals.slice(2).join(' ')}`);
    const sub = resolveSubcommand(positionals[0]);
    try {
      return await runDrillCommand(sub, positionals[1], f);
    } catch (error) {
      if (error instanceof DrillError || error instanceof PracticeLogError) {
        process.stderr.write(`drill: ${error.message}\n`);
        return EXIT.failed;
      }
      throw error;
    }
  },
  rest,
);
