/**
 * `npm run lab-hosts -- up [--count N] [--image REF]… | down | status [--json]`: the words (the
 * subcommand) apart from the flags, and the two checked together. Its definition is LAB_HOSTS in
 * core's commands. A string flag takes the next word as its value.
 */
import { splitWords } from '../core/index.ts';
import { UsageError } from '../../../stacks/model/errors.ts';
import { parseLabHostCount } from './plan.ts';

export const LAB_HOSTS_SUBCOMMANDS = ['up', 'down', 'status'] as const;
export type LabHostsSubcommand = (typeof LAB_HOSTS_SUBCOMMANDS)[number];

export interface LabHostsArgs {
  readonly sub: LabHostsSubcommand;
  readonly count?: number;
  readonly images?: readonly string[];
  readonly json: boolean;
}

/** The words apart from the flags (for runMain): core's splitWords. */
export const splitLabHostsArgv = splitWords;

/** The subcommand and its flags, checked together: a UsageError for a missing or unknown subcommand, or a flag that does not go with it. */
export function parseLabHostsArgs(words: readonly string[], flags: { count?: string; image?: string[]; json?: boolean }): LabHostsArgs {
  const [sub, ...extra] = words;
  const list = LAB_HOSTS_SUBCOMMANDS.join(', ');
  if (sub === undefined) throw new UsageError(`say what to do: ${list} (e.g. npm run lab-hosts -- up)`);
  if (!(LAB_HOSTS_SUBCOMMANDS as readonly string[]).includes(sub)) throw new UsageError(`unknown subcommand '${sub}': the subcommands are ${list}`);
  if (extra.length > 0) throw new UsageError(`too many words: ${extra.join(' ')} (the host count goes in --count)`);
  if (sub !== 'up' && flags.count !== undefined) throw new UsageError(`--count goes with up, not ${sub}`);
  if (sub !== 'up' && flags.image !== undefined) throw new UsageError(`--image goes with up, not ${sub}`);
  const count = parseLabHostCount(flags.count);
  return { sub: sub as LabHostsSubcommand, ...(count !== undefined ? { count } : {}), ...(flags.image ? { images: flags.image } : {}), json: flags.json ?? false };
}
