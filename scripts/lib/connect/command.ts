/**
 * `npm run connect -- <subcommand> [connector] [flags]`: the words before runMain parses the flags.
 * A string flag takes the next word as its value, so `--cluster c restart x` and `restart x --cluster c` agree.
 */
import { splitWords } from '../core/index.ts';
import { UsageError } from '../../../stacks/model/errors.ts';

export const CONNECT_SUBCOMMANDS = ['status', 'restart', 'pause', 'resume', 'roll'] as const;
export type ConnectSubcommand = (typeof CONNECT_SUBCOMMANDS)[number];

export interface ConnectArgs {
  readonly sub: ConnectSubcommand;
  readonly connector?: string;
}

/** The words apart from the flags (for runMain): core's splitWords. */
export const splitConnectArgv = splitWords;

/** The subcommand and connector the words name; a UsageError naming the subcommands, or an example. */
export function parseConnectWords(words: readonly string[]): ConnectArgs {
  const [sub, connector, ...extra] = words;
  const list = CONNECT_SUBCOMMANDS.join(', ');
  if (sub === undefined) throw new UsageError(`say what to do: ${list} (e.g. npm run connect -- status)`);
  if (!(CONNECT_SUBCOMMANDS as readonly string[]).includes(sub)) throw new UsageError(`unknown subcommand '${sub}': the subcommands are ${list}`);
  if (extra.length > 0) throw new UsageError(`too many words: ${extra.join(' ')}`);
  if (sub === 'status' || sub === 'roll') {
    if (connector !== undefined) throw new UsageError(`${sub} takes no connector name (got '${connector}'): ${sub === 'status' ? 'it shows them all' : 'it restarts every worker, one at a time'}`);
    return { sub };
  }
  if (connector === undefined) {
    throw new UsageError(`${sub} needs the connector's name: e.g. npm run connect -- ${sub} file-sink${sub === 'restart' ? ' --failed-tasks' : ''} (npm run connect -- status lists them)`);
  }
  return { sub: sub as ConnectSubcommand, connector };
}
