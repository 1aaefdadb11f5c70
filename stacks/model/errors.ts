/**
 * The project's one error vocabulary. Every error a command can end with is a KafkalabError: it
 * carries its exit kind (0 ok, 1 failed, 2 bad usage) and how an entry point shows it, and
 * `runMain` (scripts/lib/core/cli.ts) maps it in one place. It sits at the bottom of the house
 * (the pure model) so that stacks/, security/ and scripts/ all throw the same classes.
 */

/** Exit codes shared by every script. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

export type ExitKind = keyof typeof EXIT;

/**
 * How an entry point prints the error on stderr: `command` as `<command>: <message>`, `help` the
 * same plus a line pointing at `--help`, `bare` the message alone.
 */
export type ErrorDisplay = 'command' | 'help' | 'bare';

export abstract class KafkalabError extends Error {
  abstract readonly exitKind: ExitKind;
  readonly display: ErrorDisplay = 'command';

  constructor(message?: string) {
    super(message);
    this.name = new.target.name;
  }

  get exitCode(): number {
    return EXIT[this.exitKind];
  }
}

/** A flag or word the command does not take, or a value it cannot use: exit 2, with a pointer to `--help`. */
export class UsageError extends KafkalabError {
  readonly exitKind = 'usage';
  override readonly display = 'help';
}

/** A `--cluster` value that names no preset, deployed cluster or spec file: exit 2. */
export class ClusterNotFoundError extends KafkalabError {
  readonly exitKind = 'usage';
  override readonly display = 'help';
}

/** A `--nodes` or `--from` value that names no node of the cluster: exit 2. */
export class NodeSelectionError extends KafkalabError {
  readonly exitKind = 'usage';
  override readonly display = 'help';
}

/** An invalid cluster spec: every problem, one per line, each naming the field, the value and the fix. Exit 2. */
export class SpecError extends KafkalabError {
  readonly exitKind: ExitKind = 'usage';
  constructor(
    readonly cluster: string,
    readonly problems: readonly string[],
  ) {
    super(`cluster spec '${cluster}' is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** An invalid access spec (topics, users, ACLs) of a cluster. Exit 2. */
export class AccessError extends SpecError {
  constructor(cluster: string, problems: readonly string[]) {
    super(cluster, problems);
    this.message = `access spec of cluster '${cluster}' is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`;
  }
}

/** A step that failed (a Terraform run, a wait, a build): what failed and, when known, what to try. Exit 1. */
export class StepError extends KafkalabError {
  readonly exitKind: ExitKind = 'failed';
  constructor(
    readonly step: string,
    message: string,
    readonly hint?: string,
  ) {
    super(`${step} failed: ${message}${hint ? `\n  try: ${hint}` : ''}`);
  }
}

/** `npm run down` refused because a topic of the access spec is protected. Exit 1. */
export class ProtectedTopicError extends StepError {}

/**
 * An operation that will not run: `usage` for a request that cannot be met (exit 2), `failed` for
 * a cluster not ready for it (exit 1). Shown as its message alone.
 */
export class OperationRefused extends KafkalabError {
  override readonly display = 'bare';
  constructor(
    message: string,
    readonly kind: 'usage' | 'failed',
  ) {
    super(message);
  }

  get exitKind(): ExitKind {
    return this.kind;
  }
}

/** A drill that cannot run here and now (cluster down, wrong shape): exit 1, with the fix. */
export class DrillError extends KafkalabError {
  readonly exitKind = 'failed';
}

/** A practice log that cannot be read: names the file, the line and the fix. Exit 1. */
export class PracticeLogError extends KafkalabError {
  readonly exitKind = 'failed';
}

const MAX_SHOWN = 20;

/**
 * A question file or the exam history cannot be used. Every line of the message starts with
 * `file:line:` and says what to fix, so an editor can jump to it. Exit 1.
 */
export class ExamDataError extends KafkalabError {
  readonly exitKind = 'failed';
  constructor(readonly problems: readonly string[]) {
    const shown = problems.slice(0, MAX_SHOWN);
    const more = problems.length - shown.length;
    super(`${shown.join('\n')}${more > 0 ? `\n(and ${more} more problem${more > 1 ? 's' : ''})` : ''}`);
  }
}

/** The learner ended the exam early (not a failure: the report still follows). */
export class EndExam extends KafkalabError {
  readonly exitKind = 'ok';
}

/** A roll stopped by Ctrl-C between two steps: exit 1, with the command that resumes it. */
export class RollInterrupted extends KafkalabError {
  readonly exitKind = 'failed';
}

/** A bad PKI option, reported as `'<field>' (<value>) <problem>: <fix>`. Exit 1 (the options come from the code). */
export class PkiInputError extends KafkalabError {
  readonly exitKind = 'failed';
  constructor(
    readonly field: string,
    readonly value: unknown,
    problem: string,
    fix: string,
  ) {
    super(`'${field}' (${show(value)}) ${problem}: ${fix}`);
  }
}

function show(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (value === undefined) return 'undefined';
  return JSON.stringify(value) ?? String(value);
}
