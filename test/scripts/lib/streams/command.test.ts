import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../../scripts/lib/core/index.ts';
import { DEFAULT_GUARANTEE, PROCESSING_GUARANTEES, STREAMS_APPS, STREAMS_SUBCOMMANDS, parseGuarantee, parseStreamsWords, splitStreamsArgv, streamsAppNamed } from '../../../../scripts/lib/streams/index.ts';
import { UsageError } from '../../../../stacks/model/errors.ts';

const { flags } = COMMANDS.streams;

const usage = (fn: () => unknown): string => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error('no error');
};

describe('npm run streams: the words and the flags', () => {
  it('splits the subcommand from the flags, a string flag taking its value', () => {
    expect(splitStreamsArgv(flags, ['--cluster', 'dev', 'start', '--app', 'order-totals'])).toEqual({
      words: ['start'],
      rest: ['--cluster', 'dev', '--app', 'order-totals'],
    });
    expect(splitStreamsArgv(flags, ['status', '--json', '--cluster=dev'])).toEqual({ words: ['status'], rest: ['--json', '--cluster=dev'] });
    expect(splitStreamsArgv(flags, ['--json', 'status'])).toEqual({ words: ['status'], rest: ['--json'] });
    expect(splitStreamsArgv(flags, ['start', '--guarantee', 'at_least_once', '--cluster', 'dev'])).toEqual({ words: ['start'], rest: ['--guarantee', 'at_least_once', '--cluster', 'dev'] });
  });

  it('--guarantee: exactly_once_v2 by default, at_least_once on demand; anything else is a UsageError naming the value and the choices', () => {
    expect(DEFAULT_GUARANTEE).toBe('exactly_once_v2');
    expect(parseGuarantee(undefined)).toBe('exactly_once_v2');
    for (const g of PROCESSING_GUARANTEES) expect(parseGuarantee(g)).toBe(g);
    expect(usage(() => parseGuarantee('at-least-once'))).toBe("'--guarantee' ('at-least-once') is not a processing guarantee of the app: use exactly_once_v2 or at_least_once");
    expect(usage(() => parseGuarantee('exactly_once'))).toBe(
      "'--guarantee' ('exactly_once') is not a processing guarantee of the app (exactly_once was removed in Kafka 4.0: exactly_once_v2 replaces it): use exactly_once_v2 or at_least_once",
    );
    expect(flags.guarantee.description).toContain('exactly_once_v2 (the default');
    expect(flags.guarantee.description).toContain('at_least_once');
  });

  it('reads the subcommand', () => {
    for (const sub of STREAMS_SUBCOMMANDS) expect(parseStreamsWords([sub])).toBe(sub);
  });

  it('refuses with a UsageError that teaches', () => {
    expect(usage(() => parseStreamsWords([]))).toBe('say what to do: start, stop, status (e.g. npm run streams -- start)');
    expect(usage(() => parseStreamsWords(['restart']))).toBe("unknown subcommand 'restart': the subcommands are start, stop, status");
    expect(usage(() => parseStreamsWords(['start', 'order-totals']))).toBe('too many words: order-totals (the app is named with --app)');
  });

  it('names the app: order-totals by default; another name is a UsageError naming the apps', () => {
    expect(streamsAppNamed(undefined)).toBe(STREAMS_APPS['order-totals']);
    expect(streamsAppNamed('order-totals').applicationId).toBe('kafkalab-order-totals');
    expect(usage(() => streamsAppNamed('word-count'))).toBe("unknown Streams app 'word-count': the apps are order-totals");
    expect(usage(() => streamsAppNamed('toString'))).toBe("unknown Streams app 'toString': the apps are order-totals");
  });

  it("the command's summary lists the subcommands, one line each, and its flags", () => {
    const lines = COMMANDS.streams.summary.split('\n');
    expect(lines).toContain(`subcommands: ${STREAMS_SUBCOMMANDS.join(', ')}`);
    expect(lines.filter((l) => l.startsWith('  ')).map((l) => l.trim().split(' ')[0])).toEqual([...STREAMS_SUBCOMMANDS]);
    expect(Object.keys(flags).sort()).toEqual(['app', 'cluster', 'guarantee', 'json']);
  });
});
