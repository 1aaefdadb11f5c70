import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../core/index.ts';
import { loadQuestionFile, questionLabel, type BankEntry } from './question-file.ts';
import type { Question } from './question.ts';
import { normalizeText } from './question-rules.ts';
import { DOMAINS, TRACKS, type Track } from './tracks.ts';
import { ExamDataError } from '../../../../stacks/model/errors.ts';

/** Where the question files live: one JSON file per track. */
export const QUESTIONS_DIR = join(projectRoot, 'scripts', 'lib', 'practice', 'exam', 'questions');

export interface QuestionBank {
  readonly entries: readonly BankEntry[];
  readonly questions: readonly Question[];
}

const at = (e: BankEntry): string => `${e.file}:${e.line}`;

/** Ids and prompts must be unique across the whole bank. */
export function duplicateProblems(entries: readonly BankEntry[]): string[] {
  const problems: string[] = [];
  const ids = new Map<string, BankEntry>();
  const prompts = new Map<string, BankEntry>();
  for (const e of entries) {
    const label = `${at(e)}: ${questionLabel(e.index, e.question.id)}`;
    const sameId = ids.get(e.question.id);
    if (sameId) problems.push(`${label}: 'id' is also used at ${at(sameId)}: ids must be unique, give this question a new one`);
    else ids.set(e.question.id, e);
    const key = normalizeText(e.question.prompt);
    const samePrompt = prompts.get(key);
    if (samePrompt) problems.push(`${label}: 'prompt' repeats the prompt of '${samePrompt.question.id}' at ${at(samePrompt)}: reword one of them or remove the duplicate`);
    else prompts.set(key, e);
  }
  return problems;
}

/** Every question file of a folder, checked one by one and then together. */
export function loadBank(dir: string = QUESTIONS_DIR): QuestionBank {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  } catch (error) {
    throw new ExamDataError([`${dir}: cannot read the question folder (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`]);
  }
  const entries: BankEntry[] = [];
  const problems: string[] = [];
  for (const f of files) {
    try {
      entries.push(...loadQuestionFile(join(dir, f)));
    } catch (error) {
      if (!(error instanceof ExamDataError)) throw error;
      problems.push(...error.problems);
    }
  }
  problems.push(...duplicateProblems(entries));
  if (problems.length > 0) throw new ExamDataError(problems);
  return { entries, questions: entries.map((e) => e.question) };
}

export interface CoverageRules {
  readonly minTotal: number;
  readonly minPerDomain: number;
}

/** What the shipped bank must cover: enough questions, and every domain of every track. */
export function coverageProblems(questions: readonly Question[], rules: CoverageRules): string[] {
  const problems: string[] = [];
  if (questions.length < rules.minTotal) {
    problems.push(`the bank has ${questions.length} questions: write at least ${rules.minTotal}`);
  }
  for (const track of TRACKS as readonly Track[]) {
    for (const domain of DOMAINS[track]) {
      const n = questions.filter((q) => q.track === track && q.domain === domain).length;
      if (n < rules.minPerDomain) problems.push(`track '${track}', domain '${domain}' has ${n} questions: write at least ${rules.minPerDomain}`);
    }
  }
  return problems;
}
