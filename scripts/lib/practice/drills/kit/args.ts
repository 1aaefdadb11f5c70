import type { FlagDoc } from '../../../core/index.ts';

/**
 * Split argv into positionals (the subcommand and drill id) and flags for runMain: a string
 * flag takes the next word as its value, so `--cluster x start y` and `start y --cluster x` agree.
 */
export function splitPositionals(flags: Readonly<Record<string, FlagDoc>>, argv: readonly string[]): { positionals: string[]; rest: string[] } {
  const positionals: string[] = [];
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('-')) {
      rest.push(a);
      const name = a.replace(/^--?/, '');
      const f = flags[name];
      if (f?.type === 'string' && !a.includes('=') && i + 1 < argv.length) rest.push(argv[++i]!);
      continue;
    }
    positionals.push(a);
  }
  return { positionals, rest };
}
