import { NO_DRILLS, type DrillSource } from './drills.ts';
import { appendHistory, historyEntry, previousScores, readHistory } from './history.ts';
import type { ExamOptions } from './options.ts';
import type { Question } from './question.ts';
import { buildReport, type ExamReport, type Score } from './report.ts';
import { selectItems } from './select.ts';
import { runSession, timeLimitMs, type ExamDriver } from './session.ts';

export interface RunExamInput {
  readonly questions: readonly Question[];
  readonly options: Pick<ExamOptions, 'track' | 'count' | 'minutes' | 'seed'>;
  readonly driver: ExamDriver;
  /** The history file: read first (a corrupt one fails before the exam starts), appended last. */
  readonly historyFile: string;
  readonly drills?: DrillSource;
  readonly now?: () => number;
  /** Called once the items are chosen, before the first is shown. */
  readonly onStart?: (items: number) => void;
}

export interface ExamOutcome {
  readonly report: ExamReport;
  /** Earlier scores on the same track, oldest first. */
  readonly previous: readonly Score[];
}

/** A whole exam: select, run, grade, save. The driver decides who answers. */
export async function runExam(input: RunExamInput): Promise<ExamOutcome> {
  const { options: o } = input;
  const previous = previousScores(readHistory(input.historyFile), o.track);
  const drills = (input.drills ?? NO_DRILLS)(o.track);
  const items = selectItems(input.questions, { track: o.track, count: o.count, seed: o.seed, drills });
  input.onStart?.(items.length);
  const session = await runSession(items, {
    driver: input.driver,
    timeLimitMs: timeLimitMs(o.minutes),
    ...(input.now ? { now: input.now } : {}),
  });
  const report = buildReport(session, { track: o.track, seed: o.seed });
  appendHistory(input.historyFile, historyEntry(report));
  return { report, previous };
}
