import { parseArgs, type ParseArgsConfig } from 'node:util';
import { EXIT, KafkalabError, UsageError } from '../../../stacks/model/errors.ts';

export interface FlagDoc {
  readonly type: 'string' | 'boolean';
  readonly description: string;
  readonly multiple?: boolean;
  readonly short?: string;
}

export interface Command<F extends Record<string, FlagDoc>> {
  readonly name: string;
  readonly summary: string;
  readonly flags: F;
}

type Values<F extends Record<string, FlagDoc>> = {
  [K in keyof F]?: F[K]['type'] extends 'boolean' ? boolean : F[K]['multiple'] extends true ? string[] : string;
};

export function renderHelp(cmd: Command<Record<string, FlagDoc>>): string {
  const lefts = Object.entries(cmd.flags).map(([name, f]) => `  --${name}${f.type === 'string' ? ' VALUE' : ''}${f.short ? `, -${f.short}` : ''}`);
  const width = Math.max(26, ...lefts.map((l) => l.length));
  const rows = Object.values(cmd.flags).map((f, i) => `${lefts[i]!.padEnd(width)} ${f.description}`);
  return `usage: npm run ${cmd.name} -- [flags]\n\n${cmd.summary}\n\nflags:\n${rows.join('\n')}\n${'  --help'.padEnd(width)} show this help\n\nexit codes: 0 ok, 1 failed, 2 bad usage\n`;
}

/** Parse flags strictly; unknown flags are a UsageError. Returns undefined when --help was asked. */
export function parseFlags<F extends Record<string, FlagDoc>>(cmd: Command<F>, argv: string[]): Values<F> | undefined {
  const options: ParseArgsConfig['options'] = { help: { type: 'boolean' } };
  for (const [name, f] of Object.entries(cmd.flags)) {
    options[name] = { type: f.type, ...(f.multiple ? { multiple: true } : {}), ...(f.short ? { short: f.short } : {}) };
  }
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, strict: true, allowPositionals: false });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (parsed.values.help) return undefined;
  return parsed.values as Values<F>;
}

/**
 * The one place an error becomes text on stderr and an exit code: a KafkalabError by its display
 * and exit kind (stacks/model/errors.ts), anything else with its stack and exit 1.
 */
export function reportError(command: string, error: unknown, write: (text: string) => void = (t) => void process.stderr.write(t)): number {
  if (error instanceof KafkalabError) {
    if (error.display === 'bare') write(`${error.message}\n`);
    else write(`${command}: ${error.message}\n${error.display === 'help' ? `(see npm run ${command} -- --help)\n` : ''}`);
    return error.exitCode;
  }
  write(`${command}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  return EXIT.failed;
}

/**
 * Run a script's main: print help on --help, map errors to exit codes with reportError (usage
 * and invalid specs 2, everything else 1), never a raw stack trace for known errors.
 */
export async function runMain<F extends Record<string, FlagDoc>>(
  cmd: Command<F>,
  main: (flags: Values<F>) => Promise<number | void>,
  argv: string[] = process.argv.slice(2),
): Promise<never> {
  let code: number = EXIT.ok;
  try {
    const flags = parseFlags(cmd, argv);
    if (!flags) {
      process.stdout.write(renderHelp(cmd));
    } else {
      code = (await main(flags)) ?? EXIT.ok;
    }
  } catch (error) {
    code = reportError(cmd.name, error);
  }
  process.exit(code);
}
