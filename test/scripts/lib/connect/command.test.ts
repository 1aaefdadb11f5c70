import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../../scripts/lib/core/index.ts';
import { CONNECT_SUBCOMMANDS, parseConnectWords, splitConnectArgv } from '../../../../scripts/lib/connect/index.ts';
import { UsageError } from '../../../../stacks/model/errors.ts';

const { flags } = COMMANDS.connect;

describe('npm run connect: the words and the flags', () => {
  it('splits the subcommand and connector from the flags, a string flag taking its value', () => {
    expect(splitConnectArgv(flags, ['--cluster', 'dev', 'restart', 'file-sink', '--failed-tasks'])).toEqual({
      words: ['restart', 'file-sink'],
      rest: ['--cluster', 'dev', '--failed-tasks'],
    });
    expect(splitConnectArgv(flags, ['status', '--json', '--cluster=dev', '--', '-odd'])).toEqual({ words: ['status', '-odd'], rest: ['--json', '--cluster=dev'] });
  });

  it('reads the subcommand and the connector', () => {
    expect(parseConnectWords(['status'])).toEqual({ sub: 'status' });
    expect(parseConnectWords(['restart', 'file-sink'])).toEqual({ sub: 'restart', connector: 'file-sink' });
    expect(parseConnectWords(['pause', 'a'])).toEqual({ sub: 'pause', connector: 'a' });
  });

  it('refuses with a UsageError that teaches', () => {
    const message = (words: string[]): string => {
      try {
        parseConnectWords(words);
      } catch (error) {
        expect(error).toBeInstanceOf(UsageError);
        return (error as Error).message;
      }
      throw new Error('no error');
    };
    expect(message([])).toBe('say what to do: status, restart, pause, resume, roll (e.g. npm run connect -- status)');
    expect(message(['stop'])).toBe("unknown subcommand 'stop': the subcommands are status, restart, pause, resume, roll");
    expect(message(['restart'])).toBe("restart needs the connector's name: e.g. npm run connect -- restart file-sink --failed-tasks (npm run connect -- status lists them)");
    expect(message(['resume'])).toBe("resume needs the connector's name: e.g. npm run connect -- resume file-sink (npm run connect -- status lists them)");
    expect(message(['status', 'x'])).toBe("status takes no connector name (got 'x'): it shows them all");
    expect(message(['pause', 'a', 'b'])).toBe('too many words: b');
  });

  it("the command's summary lists the subcommands, one line each", () => {
    const lines = COMMANDS.connect.summary.split('\n');
    expect(lines).toContain(`subcommands: ${CONNECT_SUBCOMMANDS.join(', ')}`);
    expect(lines.filter((l) => l.startsWith('  ')).map((l) => l.trim().split(' ')[0])).toEqual([...CONNECT_SUBCOMMANDS]);
  });
});
