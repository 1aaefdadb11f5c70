/**
 * `npm run streams -- start|stop|status [--app NAME] [--cluster C] [--json]`: the words before
 * runMain parses the flags. A string flag takes the next word as its value.
 */
import { splitWords } from '../core/index.ts';
import { UsageError } from '../../../stacks/model/errors.ts';

export const STREAMS_SUBCOMMANDS = ['start', 'stop', 'status'] as const;
export type StreamsSubcommand = (typeof STREAMS_SUBCOMMANDS)[number];

/** The words apart from the flags (for runMain): core's splitWords. */
export const splitStreamsArgv = splitWords;

/** The subcommand the words name; a UsageError naming the subcommands. */
export function parseStreamsWords(words: readonly string[]): StreamsSubcommand {
  const [sub, ...extra] = words;
  const list = STREAMS_SUBCOMMANDS.join(', ');
  if (sub === undefined) throw new UsageError(`say what to do: ${list} (e.g. npm run streams -- start)`);
  if (!(STREAMS_SUBCOMMANDS as readonly string[]).includes(sub)) throw new UsageError(`unknown subcommand '${sub}': the subcommands are ${list}`);
  if (extra.length > 0) throw new UsageError(`too many words: ${extra.join(' ')} (the app is named with --app)`);
  return sub as StreamsSubcommand;
}
