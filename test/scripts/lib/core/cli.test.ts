import { describe, expect, it } from 'vitest';
import { parseFlags, renderHelp } from '../../../../scripts/lib/core/cli.ts';
import { UsageError } from '../../../../stacks/model/errors.ts';

const cmd = {
  name: 'verify',
  summary: 'Check a cluster.',
  flags: {
    cluster: { type: 'string', description: 'preset or spec' },
    json: { type: 'boolean', description: 'JSON out' },
  },
} as const;

describe('flags', () => {
  it('parses declared flags', () => {
    expect(parseFlags(cmd, ['--cluster', 'kraft-3', '--json'])).toEqual({ cluster: 'kraft-3', json: true });
  });

  it('returns undefined for --help and documents every flag and exit code', () => {
    expect(parseFlags(cmd, ['--help'])).toBeUndefined();
    const help = renderHelp(cmd);
    expect(help).toContain('usage: npm run verify -- [flags]');
    expect(help).toContain('--cluster VALUE');
    expect(help).toContain('--json');
    expect(help).toContain('exit codes: 0 ok, 1 failed, 2 bad usage');
  });

  it('fails on an unknown flag', () => {
    expect(() => parseFlags(cmd, ['--clusters', 'x'])).toThrow(UsageError);
  });
});
