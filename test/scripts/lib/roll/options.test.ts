import { describe, expect, it } from 'vitest';
import { parseFlags } from '../../../../scripts/lib/core/cli.ts';
import { ROLL_FLAGS, rollOptionsFrom } from '../../../../scripts/lib/roll/options.ts';
import { UsageError } from '../../../../stacks/model/errors.ts';

const cmd = { name: 'roll', summary: 'roll', flags: ROLL_FLAGS };
const options = (argv: string[]) => rollOptionsFrom(parseFlags(cmd, argv)!);

describe('roll options', () => {
  it('defaults: every node, leaders elected, 300 s waits, 120 s shutdown grace', () => {
    expect(options([])).toEqual({
      dryRun: false,
      validate: false,
      json: false,
      force: false,
      electLeaders: true,
      timeoutMs: 300_000,
      stopGraceSeconds: 120,
    });
  });

  it('reads every flag', () => {
    expect(
      options(['--nodes', '1, 2', '--from', '2', '--dry-run', '--validate', '--json', '--force', '--no-elect-leaders', '--timeout-seconds', '30', '--stop-timeout-seconds', '60']),
    ).toEqual({
      nodes: ['1', '2'],
      from: '2',
      dryRun: true,
      validate: true,
      json: true,
      force: true,
      electLeaders: false,
      timeoutMs: 30_000,
      stopGraceSeconds: 60,
    });
  });

  it('refuses bad values with the flag, the value and the range', () => {
    expect(() => options(['--timeout-seconds', 'soon'])).toThrow(new UsageError("'--timeout-seconds' (soon) must be a whole number of seconds from 5 to 3600"));
    expect(() => options(['--stop-timeout-seconds', '1'])).toThrow(UsageError);
    expect(() => options(['--nodes', ','])).toThrow("'--nodes' (\",\") names no node: give ids, comma-separated, e.g. --nodes 1,2");
    expect(() => options(['--from', ' '])).toThrow("'--from' is empty");
    expect(() => parseFlags(cmd, ['--node', '1'])).toThrow(UsageError);
  });
});
