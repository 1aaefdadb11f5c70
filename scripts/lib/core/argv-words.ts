import type { FlagDoc } from './cli.ts';

/**
 * The words of a command with subcommands (the subcommand, a name) apart from its flags, for
 * runMain: a string flag takes the next word as its value, so `--cluster c restart x` and
 * `restart x --cluster c` agree; everything after `--` is words.
 */
export function splitWords(flags: Readonly<Record<string, FlagDoc>>, argv: readonly string[]): { words: string[]; rest: string[] } {
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
