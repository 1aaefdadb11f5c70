/**
 * A drill inside the exam: start it on the exam's cluster, let the candidate work (in another
 * terminal, with any tool) until they ask for grading, check it, then reset the cluster for the
 * next item. The check's verdict is the item's score.
 */
import { input } from '@inquirer/prompts';
import { runDrillCommand } from '../drills/kit/commands.ts';
import type { DrillItem } from './exam-item.ts';
import type { ItemContext } from './session.ts';
import { DrillError, UsageError } from '../../../../stacks/model/errors.ts';

export type DrillRunner = (item: DrillItem, ctx: ItemContext, output: NodeJS.WritableStream) => Promise<boolean | undefined>;

/** What the candidate typed at the grading prompt: grade it, or skip it (unanswered). */
export function gradingChoice(answer: string): 'grade' | 'skip' {
  return /^\s*s(kip)?\s*$/i.test(answer) ? 'skip' : 'grade';
}

const isAbort = (e: unknown): boolean => e instanceof Error && e.name === 'AbortPromptError';

/**
 * Run a drill subcommand with what it prints sent to `output`: under --json the exam draws on
 * stderr and keeps stdout for the report.
 */
async function printingTo<T>(output: NodeJS.WritableStream, fn: () => Promise<T>): Promise<T> {
  if (output === process.stdout) return fn();
  const original = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array) => output.write(chunk)) as typeof process.stdout.write;
  try {
    return await fn();
  } finally {
    process.stdout.write = original;
  }
}

export function clusterDrillRunner(clusterArg: string | undefined): DrillRunner {
  const flags = clusterArg ? { cluster: clusterArg } : {};
  return async (item, ctx, output) => {
    const write = (s: string): void => void output.write(s);
    const run = (sub: 'start' | 'check' | 'reset'): Promise<number> => printingTo(output, () => runDrillCommand(sub, item.id, flags));
    const reset = async (): Promise<void> => {
      await run('reset').catch((error: unknown) => write(`reset of '${item.id}' failed: ${error instanceof Error ? error.message : String(error)}\n`));
    };
    try {
      if ((await run('start')) !== 0) return undefined;
    } catch (error) {
      if (error instanceof DrillError || error instanceof UsageError) {
        write(`drill '${item.id}' could not start, so it counts as unanswered: ${error.message}\n`);
        return undefined;
      }
      throw error;
    }
    let answer: string;
    try {
      answer = await input({ message: 'Work on it in another terminal. Enter grades it (s + Enter skips it)' }, { signal: ctx.signal, output });
    } catch (error) {
      await reset();
      if (isAbort(error)) {
        write('\ntime is up\n');
        return undefined;
      }
      throw error;
    }
    if (gradingChoice(answer) === 'skip') {
      await reset();
      return undefined;
    }
    const passed = (await run('check')) === 0;
    await reset();
    return passed;
  };
}
