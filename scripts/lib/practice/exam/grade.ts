import type { Question } from './question.ts';

export type Outcome = 'correct' | 'wrong' | 'unanswered';

/**
 * Right only when the chosen answers are exactly the correct ones (no partial credit, as in the
 * real exams). Nothing chosen is unanswered.
 */
export function gradeChoice(q: Question, chosen: readonly number[] | undefined): Outcome {
  if (!chosen || chosen.length === 0) return 'unanswered';
  const picked = new Set(chosen);
  const right = picked.size === q.correct.length && q.correct.every((i) => picked.has(i));
  return right ? 'correct' : 'wrong';
}

/** Rounded percentage; 0 of 0 is 0. */
export function percent(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part / whole) * 100);
}
