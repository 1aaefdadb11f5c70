import type { Command, FlagDoc } from '../cli.ts';

/**
 * What the docs need of a command: the name it answers to in its help (`usage: npm run <name>`),
 * its summary and, when this folder owns them, its flags. A command whose flags belong to a higher
 * domain (the roll's, in scripts/lib/roll) has none here: its entry point adds them.
 */
export interface CommandDoc {
  readonly name: string;
  readonly summary: string;
  readonly flags?: Readonly<Record<string, FlagDoc>>;
}

/** A command's definition with its flag types kept literal, so runMain types the parsed values. */
export function defineCommand<F extends Record<string, FlagDoc>>(cmd: Command<F>): Command<F> {
  return cmd;
}
