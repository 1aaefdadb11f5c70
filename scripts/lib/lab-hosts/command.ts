/**
 * `npm run lab-hosts -- up [--count N] [--image REF]… | down | status | cut <host> | restore <host> [--json]`:
 * the words (the subcommand, and the host of cut and restore) apart from the flags, and the two
 * checked together. Its definition is LAB_HOSTS in core's commands. A string flag takes the next
 * word as its value.
 */
import { splitWords } from '../core/index.ts';
import { UsageError } from '../../../stacks/model/errors.ts';
import { parseLabHostCount } from './plan.ts';

export const LAB_HOSTS_SUBCOMMANDS = ['up', 'down', 'status', 'cut', 'restore'] as const;
export type LabHostsSubcommand = (typeof LAB_HOSTS_SUBCOMMANDS)[number];

/** The subcommands that act on one host, named after them. */
const HOST_SUBCOMMANDS: readonly LabHostsSubcommand[] = ['cut', 'restore'];

export interface LabHostsArgs {
  readonly sub: LabHostsSubcommand;
  /** cut and restore: the host (lab-K), as typed; the link functions check it against the hosts up. */
  readonly host?: string;
  readonly count?: number;
  readonly images?: readonly string[];
  readonly json: boolean;
}

/** The words apart from the flags (for runMain): core's splitWords. */
export const splitLabHostsArgv = splitWords;

/** The subcommand and its flags, checked together: a UsageError for a missing or unknown subcommand, a missing host, or a flag that does not go with it. */
export function parseLabHostsArgs(words: readonly string[], flags: { count?: string; image?: string[]; json?: boolean }): LabHostsArgs {
  const [sub, ...extra] = words;
  const list = LAB_HOSTS_SUBCOMMANDS.join(', ');
  if (sub === undefined) throw new UsageError(`say what to do: ${list} (e.g. npm run lab-hosts -- up)`);
  if (!(LAB_HOSTS_SUBCOMMANDS as readonly string[]).includes(sub)) throw new UsageError(`unknown subcommand '${sub}': the subcommands are ${list}`);
  const takesHost = HOST_SUBCOMMANDS.includes(sub as LabHostsSubcommand);
  if (takesHost && extra.length === 0) throw new UsageError(`${sub} needs a host: npm run lab-hosts -- ${sub} lab-K (npm run lab-hosts -- status lists them)`);
  const surplus = takesHost ? extra.slice(1) : extra;
  if (surplus.length > 0) throw new UsageError(`too many words: ${surplus.join(' ')} (${takesHost ? `${sub} takes one host` : 'the host count goes in --count'})`);
  if (sub !== 'up' && flags.count !== undefined) throw new UsageError(`--count goes with up, not ${sub}`);
  if (sub !== 'up' && flags.image !== undefined) throw new UsageError(`--image goes with up, not ${sub}`);
  const count = parseLabHostCount(flags.count);
  return {
    sub: sub as LabHostsSubcommand,
    ...(takesHost ? { host: extra[0]! } : {}),
    ...(count !== undefined ? { count } : {}),
    ...(flags.image ? { images: flags.image } : {}),
    json: flags.json ?? false,
  };
}
