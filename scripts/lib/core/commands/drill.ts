import { CLUSTER_FLAG } from '../flags.ts';
import { defineCommand } from './define.ts';

/**
 * `npm run drill` (scripts/drill.ts). The subcommands are the drill kit's (SUBCOMMANDS in
 * scripts/lib/practice, a domain above core); a unit test keeps this text in step with them.
 */
export const DRILL = defineCommand({
  name: 'drill',
  summary: [
    'Hands-on drills on a real cluster: setup builds a scenario, you fix or build it with any tool, check grades the real state.',
    'subcommands: list, start, check, hint, solution, reset, progress',
    '  list [--track T] [--json]      the drills',
    '  start ID [--cluster C]         build the scenario, print the task and time budget',
    '  check ID [--json]              grade the cluster (exit 0 passed, 1 not yet)',
    '  hint ID                        the next hint',
    '  solution ID [--print]          run (or only print) the reference solution',
    '  reset ID                       remove what the drill made, bring every node back',
    '  progress [--json]              what you passed, and when',
  ].join('\n'),
  flags: {
    cluster: CLUSTER_FLAG,
    json: { type: 'boolean', description: 'list, check, progress: print JSON' },
    print: { type: 'boolean', description: 'solution: only print the steps, run nothing' },
    track: { type: 'string', description: 'list: only this track (ops, dev or chaos)' },
  },
});
