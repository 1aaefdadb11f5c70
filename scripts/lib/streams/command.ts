/**
 * `npm run streams -- start|stop|status [--app NAME] [--cluster C] [--json]`: the words before
 * runMain parses the flags. A string flag takes the next word as its value.
 */
import type { FlagDoc } from '../core/index.ts';
import { UsageError } from '../../../stacks/model/errors.ts';

export const STREAMS_SUBCOMMANDS = ['start', 'stop', 'status'] as const;
export type StreamsSubcommand = (typeof STREAMS_SUBCOMMANDS)[number];

/** The words (the subcommand) apart from the flags (for runMain). */
export function splitStreamsArgv(flags: Readonly<Record<string, FlagDoc>>, argv: readonly string[]): { words: string[]; rest: string[] } {
  const words: string[] = [];
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      words.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('-')) {
      rest.push(a);
      if (flags[a.replace(/^--?/, '')]?.type === 'string' && !a.includes('=') && i + 1 < argv.length) rest.push(argv[++i]!);
      continue;
    }
    words.push(a);
  }
  return { words, rest };
}

/** The subcommand the words name; a UsageError naming the subcommands. */
export function parseStreamsWords(words: readonly string[]): StreamsSubcommand {
  const [sub, ...extra] = words;
  const list = STREAMS_SUBCOMMANDS.join(', ');
  if (sub === undefined) throw new UsageError(`say what to do: ${list} (e.g. npm run streams -- start)`);
  if (!(STREAMS_SUBCOMMANDS as readonly string[]).includes(sub)) throw new UsageError(`unknown subcommand '${sub}': the subcommands are ${list}`);
  if (extra.length > 0) throw new UsageError(`too many words: ${extra.join(' ')} (the app is named with --app)`);
  return sub as StreamsSubcommand;
}
