import { EndExam } from '../../../../stacks/model/errors.ts';
import type { DrillItem, ExamItem, QuestionItem } from './exam-item.ts';
import { gradeChoice, type Outcome } from './grade.ts';

/** What a driver knows while one item is shown. */
export interface ItemContext {
  /** 0-based. */
  readonly index: number;
  readonly total: number;
  readonly remainingMs: number;
  /** Aborted when the exam time runs out: a prompt should stop waiting then. */
  readonly signal: AbortSignal;
}

/**
 * Who answers: the terminal prompts, or a script in tests. Returning undefined (or nothing
 * chosen) leaves the item unanswered; throwing EndExam stops the exam (the rest is unanswered).
 */
export interface ExamDriver {
  answerQuestion(item: QuestionItem, ctx: ItemContext): Promise<readonly number[] | undefined>;
  /** Run a drill and say whether it passed. Without it, drills are unanswered. */
  runDrill?(item: DrillItem, ctx: ItemContext): Promise<boolean | undefined>;
}

export interface ItemResult {
  readonly item: ExamItem;
  readonly outcome: Outcome;
  readonly chosen?: readonly number[];
}

export type EndedBy = 'completed' | 'time' | 'quit';

export interface SessionResult {
  readonly startedAt: number;
  readonly endedAt: number;
  readonly timeLimitMs: number;
  readonly endedBy: EndedBy;
  readonly results: readonly ItemResult[];
}

export interface SessionOptions {
  readonly driver: ExamDriver;
  readonly timeLimitMs: number;
  /** The clock, in ms. @default Date.now */
  readonly now?: () => number;
}

/** Minutes as milliseconds. */
export function timeLimitMs(minutes: number): number {
  return Math.round(minutes * 60_000);
}

/** The default time: 90 seconds per item, as in the real exams' pace, rounded up to whole minutes. */
export function defaultMinutes(items: number): number {
  return Math.ceil(items * 1.5);
}

/** `12:05` (minutes and seconds left; never negative). */
export function formatRemaining(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/**
 * Present the items one by one until they are done or the time is up. An answer that arrives
 * after the deadline does not count; items not reached are unanswered.
 */
export async function runSession(items: readonly ExamItem[], opts: SessionOptions): Promise<SessionResult> {
  const now = opts.now ?? Date.now;
  const startedAt = now();
  const deadline = startedAt + opts.timeLimitMs;
  const results: ItemResult[] = [];
  let endedBy: EndedBy = 'completed';
  for (const [index, item] of items.entries()) {
    const remainingMs = deadline - now();
    if (endedBy !== 'completed' || remainingMs <= 0) {
      if (endedBy === 'completed') endedBy = 'time';
      results.push({ item, outcome: 'unanswered' });
      continue;
    }
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), remainingMs);
    timer.unref?.();
    const ctx: ItemContext = { index, total: items.length, remainingMs, signal: abort.signal };
    try {
      if (item.kind === 'question') {
        const chosen = await opts.driver.answerQuestion(item, ctx);
        if (now() > deadline) {
          endedBy = 'time';
          results.push({ item, outcome: 'unanswered' });
        } else {
          results.push({ item, outcome: gradeChoice(item.question, chosen), ...(chosen && chosen.length > 0 ? { chosen: [...chosen].sort((a, b) => a - b) } : {}) });
        }
      } else {
        const passed = opts.driver.runDrill ? await opts.driver.runDrill(item, ctx) : undefined;
        if (now() > deadline) endedBy = 'time';
        results.push({ item, outcome: passed === undefined || now() > deadline ? 'unanswered' : passed ? 'correct' : 'wrong' });
      }
    } catch (error) {
      if (!(error instanceof EndExam)) throw error;
      endedBy = 'quit';
      results.push({ item, outcome: 'unanswered' });
    } finally {
      clearTimeout(timer);
    }
  }
  return { startedAt, endedAt: now(), timeLimitMs: opts.timeLimitMs, endedBy, results };
}
