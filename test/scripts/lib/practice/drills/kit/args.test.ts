import { describe, expect, it } from 'vitest';
import { splitPositionals } from '../../../../../../scripts/lib/practice/drills/kit/args.ts';
import { resolveDrill, resolveSubcommand } from '../../../../../../scripts/lib/practice/drills/kit/commands.ts';
import { UsageError } from '../../../../../../stacks/model/errors.ts';

const flags = {
  cluster: { type: 'string', description: 'c' },
  json: { type: 'boolean', description: 'j' },
} as const;

describe('drill arguments', () => {
  it('splits the subcommand and id from flags, in any order', () => {
    expect(splitPositionals(flags, ['start', 'headers', '--cluster', 'x'])).toEqual({ positionals: ['start', 'headers'], rest: ['--cluster', 'x'] });
    expect(splitPositionals(flags, ['--cluster', 'x', 'check', 'headers', '--json'])).toEqual({ positionals: ['check', 'headers'], rest: ['--cluster', 'x', '--json'] });
    expect(splitPositionals(flags, ['check', '--cluster=x', 'headers'])).toEqual({ positionals: ['check', 'headers'], rest: ['--cluster=x'] });
    expect(splitPositionals(flags, ['list', '--', '--odd'])).toEqual({ positionals: ['list', '--odd'], rest: [] });
  });

  it('resolves subcommands and names the closest on a typo', () => {
    expect(resolveSubcommand('check')).toBe('check');
    expect(() => resolveSubcommand('chek')).toThrow("'chek' is not a subcommand (did you mean 'check'?): use one of list, start, check, hint, solution, reset, progress");
    expect(() => resolveSubcommand(undefined)).toThrow(UsageError);
  });

  it('resolves drill ids and names the closest on a typo', () => {
    expect(resolveDrill('headers').id).toBe('headers');
    expect(() => resolveDrill('raise-replicaton-factor')).toThrow(
      "there is no drill 'raise-replicaton-factor'; did you mean 'raise-replication-factor'? (npm run drill -- list shows them all)",
    );
    expect(() => resolveDrill('qqqqqqqqqqqq')).toThrow("there is no drill 'qqqqqqqqqqqq' (npm run drill -- list shows them all)");
    expect(() => resolveDrill(undefined)).toThrow('name a drill: npm run drill -- <subcommand> <id>');
  });
});
