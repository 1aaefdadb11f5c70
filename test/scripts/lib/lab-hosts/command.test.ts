import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../../scripts/lib/core/index.ts';
import { LAB_HOSTS_COUNT_LIMITS, LAB_HOSTS_SUBCOMMANDS, parseLabHostsArgs, splitLabHostsArgv } from '../../../../scripts/lib/lab-hosts/index.ts';

const LAB_HOSTS = COMMANDS['lab-hosts'];
import { UsageError } from '../../../../stacks/model/errors.ts';

const parse = (argv: string[]) => {
  const { words, rest } = splitLabHostsArgv(LAB_HOSTS.flags, argv);
  const flags: { count?: string; image?: string[]; json?: boolean } = {};
  for (let i = 0; i < rest.length; i++) {
    const [name, value] = rest[i]!.replace(/^--/, '').split('=') as [string, string | undefined];
    if (name === 'json') flags.json = true;
    else if (name === 'count') flags.count = value ?? rest[++i]!;
    else if (name === 'image') flags.image = [...(flags.image ?? []), value ?? rest[++i]!];
  }
  return parseLabHostsArgs(words, flags);
};

const usage = (fn: () => unknown): string => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error('no error');
};

describe('npm run lab-hosts: the words and the flags', () => {
  it('splits the subcommand from the flags, --count taking its value', () => {
    expect(splitLabHostsArgv(LAB_HOSTS.flags, ['--count', '3', 'up', '--json'])).toEqual({ words: ['up'], rest: ['--count', '3', '--json'] });
    expect(parse(['up', '--count', '5'])).toEqual({ sub: 'up', count: 5, json: false });
    expect(parse(['up'])).toEqual({ sub: 'up', json: false });
    expect(parse(['up', '--image', 'a:1', '--image=b:2'])).toEqual({ sub: 'up', images: ['a:1', 'b:2'], json: false });
    expect(parse(['status', '--json'])).toEqual({ sub: 'status', json: true });
    expect(parse(['down'])).toEqual({ sub: 'down', json: false });
  });

  it('refuses a missing or unknown subcommand, extra words, and flags that go with up only', () => {
    expect(usage(() => parse([]))).toBe('say what to do: up, down, status, cut, restore (e.g. npm run lab-hosts -- up)');
    expect(usage(() => parse(['start']))).toBe("unknown subcommand 'start': the subcommands are up, down, status, cut, restore");
    expect(usage(() => parse(['up', '3']))).toBe('too many words: 3 (the host count goes in --count)');
    expect(usage(() => parse(['down', '--count', '3']))).toBe('--count goes with up, not down');
    expect(usage(() => parse(['status', '--image', 'x']))).toBe('--image goes with up, not status');
  });

  it('takes one host after cut and restore, as typed (the link functions check it against the hosts up)', () => {
    expect(parse(['cut', 'lab-2'])).toEqual({ sub: 'cut', host: 'lab-2', json: false });
    expect(parse(['restore', 'lab-3', '--json'])).toEqual({ sub: 'restore', host: 'lab-3', json: true });
    expect(parse(['--json', 'cut', 'kafka-1'])).toEqual({ sub: 'cut', host: 'kafka-1', json: true });
    expect(usage(() => parse(['cut']))).toBe('cut needs a host: npm run lab-hosts -- cut lab-K (npm run lab-hosts -- status lists them)');
    expect(usage(() => parse(['restore', 'lab-1', 'lab-2']))).toBe('too many words: lab-2 (restore takes one host)');
    expect(usage(() => parse(['cut', 'lab-1', '--count', '3']))).toBe('--count goes with up, not cut');
    expect(usage(() => parse(['status', 'lab-1']))).toBe('too many words: lab-1 (the host count goes in --count)');
  });

  it('refuses --count 0 and 12 (exit 2, a UsageError)', () => {
    expect(usage(() => parse(['up', '--count', '0']))).toContain("'--count' ('0') must be a whole number from 1 to 9");
    expect(usage(() => parse(['up', '--count', '12']))).toContain("'--count' ('12')");
    expect(new UsageError('x').exitCode).toBe(2);
  });

  it('lists its subcommands in its summary, one line each', () => {
    const lines = LAB_HOSTS.summary.split('\n');
    expect(lines).toContain(`subcommands: ${LAB_HOSTS_SUBCOMMANDS.join(', ')}`);
    expect(lines.filter((l) => l.startsWith('  ')).map((l) => l.trim().split(' ')[0])).toEqual([...LAB_HOSTS_SUBCOMMANDS]);
  });

  it("core's definition states the domain's limits (core cannot import them)", () => {
    expect(LAB_HOSTS.flags.count.description).toBe(`up: how many hosts, 1 to ${LAB_HOSTS_COUNT_LIMITS.max} (default: the hosts up now, else ${LAB_HOSTS_COUNT_LIMITS.default})`);
  });
});
