import { describe, expect, it } from 'vitest';
import { parseFlags, renderHelp, reportError } from '../../../../scripts/lib/core/cli.ts';
import { DrillError, OperationRefused, SpecError, StepError, UsageError } from '../../../../stacks/model/errors.ts';

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

describe('reportError: the one place an error becomes stderr text and an exit code', () => {
  const report = (error: unknown): [number, string] => {
    let text = '';
    const code = reportError('rotate', error, (t) => void (text += t));
    return [code, text];
  };

  it('shows a usage error with the pointer to --help, exit 2', () => {
    expect(report(new UsageError('unknown flag --x'))).toEqual([2, 'rotate: unknown flag --x\n(see npm run rotate -- --help)\n']);
  });

  it('shows an invalid spec and a failed step prefixed by the command, exit 2 and 1', () => {
    expect(report(new SpecError('lab', ['brokers: 0 is below 1']))).toEqual([2, "rotate: cluster spec 'lab' is invalid:\n  - brokers: 0 is below 1\n"]);
    expect(report(new StepError('terraform apply lab', 'boom', 'run it again'))).toEqual([1, 'rotate: terraform apply lab failed: boom\n  try: run it again\n']);
  });

  it('shows a refused operation as its message alone, with the exit code of its kind', () => {
    expect(report(new OperationRefused('the cluster is not running', 'failed'))).toEqual([1, 'the cluster is not running\n']);
    expect(report(new OperationRefused('--ca and --certs together', 'usage'))).toEqual([2, '--ca and --certs together\n']);
  });

  it('shows a drill error as `<command>: <message>`, exit 1, and anything else with its stack, exit 1', () => {
    expect(report(new DrillError('no cluster'))).toEqual([1, 'rotate: no cluster\n']);
    const [code, text] = report(new Error('surprise'));
    expect(code).toBe(1);
    expect(text).toMatch(/^rotate: Error: surprise\n    at /);
  });
});
