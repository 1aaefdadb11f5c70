import { splitWords, type FlagDoc } from '../../../core/index.ts';

/**
 * Split argv into positionals (the subcommand and drill id) and flags for runMain: a string
 * flag takes the next word as its value, so `--cluster x start y` and `start y --cluster x` agree.
 */
export function splitPositionals(flags: Readonly<Record<string, FlagDoc>>, argv: readonly string[]): { positionals: string[]; rest: string[] } {
  const { words, rest } = splitWords(flags, argv);
  return { positionals: words, rest };
}
