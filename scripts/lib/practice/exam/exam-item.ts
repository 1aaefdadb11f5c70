import type { DrillRef } from './drills.ts';
import type { Question } from './question.ts';

/** A multiple-choice question of the bank, as an exam item. */
export interface QuestionItem {
  readonly kind: 'question';
  readonly id: string;
  readonly domain: string;
  readonly question: Question;
}

/** A hands-on drill, as an exam item. */
export interface DrillItem {
  readonly kind: 'drill';
  readonly id: string;
  readonly domain: string;
  readonly drill: DrillRef;
}

/** One item of an exam: the exam mixes questions and drills. */
export type ExamItem = QuestionItem | DrillItem;

export function questionItem(question: Question): QuestionItem {
  return { kind: 'question', id: question.id, domain: question.domain, question };
}

export function drillItem(drill: DrillRef): DrillItem {
  return { kind: 'drill', id: drill.id, domain: drill.domain, drill };
}
