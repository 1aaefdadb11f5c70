import { readFileSync } from 'node:fs';
import { parseJsonSource } from './json-source.ts';
import { QuestionFileSchema, type Question } from './question.ts';
import { questionProblems } from './question-rules.ts';
import { describeIssue } from './zod-issues.ts';
import { ExamDataError } from '../../../../stacks/model/errors.ts';

/** A question and where it is written. */
export interface BankEntry {
  readonly question: Question;
  readonly file: string;
  /** The line of its `id`. */
  readonly line: number;
  /** Its index in the file's `questions`. */
  readonly index: number;
}

/** `questions[3] ('dev-acks')`: how messages point at one question. */
export function questionLabel(index: number, id: unknown): string {
  return `questions[${index}]${typeof id === 'string' ? ` ('${id}')` : ''}`;
}

/**
 * Read and check one question file: strict JSON, the schema, then each question's own rules.
 * Throws ExamDataError listing every problem as `file:line: question: what to fix`.
 */
export function loadQuestionFile(file: string): BankEntry[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ExamDataError([`${file}: cannot read the question file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`]);
  }
  const parsed = parseJsonSource(text);
  if (!parsed.ok) {
    throw new ExamDataError([`${file}:${parsed.position.line}:${parsed.position.column}: not valid JSON: ${parsed.problem}`]);
  }
  const { source } = parsed;
  const raw = source.value as { questions?: unknown };
  const rawQuestions = Array.isArray(raw?.questions) ? (raw.questions as { id?: unknown }[]) : [];
  const result = QuestionFileSchema.safeParse(source.value, { reportInput: true });
  if (!result.success) {
    throw new ExamDataError(
      result.error.issues.map((issue) => {
        const line = source.lineOf(issue.path as (string | number)[]);
        const [top, index] = issue.path;
        if (top === 'questions' && typeof index === 'number') {
          return `${file}:${line}: ${questionLabel(index, rawQuestions[index]?.id)}: ${describeIssue(issue, issue.path.slice(0, 2))}`;
        }
        return `${file}:${line}: ${describeIssue(issue)}`;
      }),
    );
  }
  const problems: string[] = [];
  const entries = result.data.questions.map((question, index) => {
    const line = source.lineOf(['questions', index, 'id']);
    const label = `${file}:${line}: ${questionLabel(index, question.id)}`;
    if (question.track !== result.data.track) {
      problems.push(`${label}: 'track' (${question.track}) differs from the file's 'track' (${result.data.track}): move the question to the ${question.track} file or fix its track`);
    }
    for (const p of questionProblems(question)) problems.push(`${label}: ${p}`);
    return { question, file, line, index };
  });
  if (problems.length > 0) throw new ExamDataError(problems);
  return entries;
}
