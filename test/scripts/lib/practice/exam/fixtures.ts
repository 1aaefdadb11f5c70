import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Question } from '../../../../../scripts/lib/practice/exam/question.ts';

/** A valid single-answer question; override what a test needs. */
export function question(over: Partial<Question> = {}): Question {
  return {
    id: 'dev-sample',
    track: 'dev',
    domain: 'producers',
    prompt: 'Which producer setting bounds the total time a send may take, retries included?',
    answers: ['request.timeout.ms', 'delivery.timeout.ms', 'linger.ms', 'max.block.ms'],
    correct: [1],
    explanation: 'delivery.timeout.ms caps the time from send() returning to the final outcome, retries included.',
    ...over,
  };
}

/** A temp folder holding the given files. */
export function tempDir(files: Readonly<Record<string, string>> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'kafkalab-exam-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** A question file's text, pretty-printed as the shipped files are. */
export function questionFile(track: string, questions: readonly unknown[]): string {
  return `${JSON.stringify({ track, questions }, null, 2)}\n`;
}
