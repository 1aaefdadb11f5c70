/**
 * Running one command of a setup or build step: its output lines feed a progress line, its last
 * lines go into the StepError when it fails. No shell string is built (zx quotes every argument).
 */
import { $, type ProcessOutput } from 'zx';
import type { Progress } from '../core/index.ts';
import { StepError } from '../../../stacks/model/errors.ts';

export interface RunStepOptions {
  /** What to try when the command fails (the StepError's hint). */
  readonly hint: string;
  /** Folder to run in. @default - the current folder */
  readonly cwd?: string;
  /** The command's environment. @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** Shows each output line as it comes. @default - no progress updates */
  readonly progress?: Progress;
  /** More to say on failure (e.g. the tail of a log file the command wrote). @default - nothing more */
  readonly detail?: () => Promise<string>;
}

/** How many output lines a failure shows. */
const TAIL_LINES = 15;

/** Runs `cmd args`; throws a StepError for `step` with the command and its last lines when it fails. */
export async function runStep(step: string, cmd: string, args: readonly string[], opts: RunStepOptions): Promise<ProcessOutput> {
  const tail: string[] = [];
  let partial = '';
  const onData = (chunk: Buffer | string): void => {
    const lines = (partial + String(chunk)).split(/\r?\n|\r/);
    partial = lines.pop() ?? '';
    for (const raw of lines) {
      const line = raw.trim();
      if (!line) continue;
      tail.push(line);
      if (tail.length > TAIL_LINES) tail.shift();
      opts.progress?.update(line.length > 100 ? `${line.slice(0, 97)}...` : line);
    }
  };
  const p = $({ quiet: true, nothrow: true, cwd: opts.cwd, env: opts.env ?? process.env })`${cmd} ${args}`;
  p.stdout.on('data', onData);
  p.stderr.on('data', onData);
  const out = await p;
  if (out.exitCode !== 0) {
    if (partial.trim()) tail.push(partial.trim());
    const last = tail.at(-1) ?? 'no output';
    const more = opts.detail ? await opts.detail() : '';
    throw new StepError(
      step,
      `${cmd} exited with ${out.exitCode ?? out.signal}: ${last}\n  command: ${[cmd, ...args].join(
        ' ',
      )}\n  last output:\n    ${tail.join('\n    ')}${more ? `\n  ${more}` : ''}`,
      opts.hint,
    );
  }
  return out;
}

/** Runs `fn`, turning any error that is not already a StepError into one for `step`. */
export async function asStep<T>(step: string, hint: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof StepError) throw error;
    throw new StepError(step, error instanceof Error ? error.message : String(error), hint);
  }
}
