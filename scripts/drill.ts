#!/usr/bin/env -S npx tsx
import { runMain } from './lib/core/index.ts';
import { CLUSTER_FLAG } from './lib/core/index.ts';
import { splitPositionals } from './lib/practice/index.ts';
import { SUBCOMMANDS, resolveSubcommand, runDrillCommand } from './lib/practice/index.ts';
import { DrillError, EXIT, PracticeLogError, UsageError } from '../stacks/model/errors.ts';


const flags = {
  cluster: CLUSTER_FLAG,
  json: { type: 'boolean', description: 'list, check, progress: print JSON' },
  print: { type: 'boolean', description: 'solution: only print the steps, run nothing' },
  track: { type: 'string', description: 'list: only this track (ops, dev or chaos)' },
} as const;

const { positionals, rest } = splitPositionals(flags, process.argv.slice(2));

await runMain(
  {
    name: 'drill',
    summary: [
      'Hands-on drills on a real cluster: setup builds a scenario, you fix or build it with any tool, check grades the real state.',
      `subcommands: ${SUBCOMMANDS.join(', ')}`,
      '  list [--track T] [--json]      the drills',
      '  start ID [--cluster C]         build the scenario, print the task and time budget',
      '  check ID [--json]              grade the cluster (exit 0 passed, 1 not yet)',
      '  hint ID                        the next hint',
      '  solution ID [--print]          run (or only print) the reference solution',
      '  reset ID                       remove what the drill made, bring every node back',
      '  progress [--json]              what you passed, and when',
    ].join('\n'),
    flags,
  },
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
