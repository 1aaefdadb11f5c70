import { kindOf, type Question } from './question.ts';
import { DOMAINS, isDomainOf } from './tracks.ts';

/** Lowercase, single spaces, no trailing punctuation: how prompts and answers are compared. */
export function normalizeText(s: string): string {
  return s
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/[\s.!?:;,]+$/, '')
    .trim();
}

/** "Choose 2." in a prompt: the number of answers a multiple-answer question asks for. */
export function chooseCount(prompt: string): number | undefined {
  const m = /\bChoose (\d+)\b/.exec(prompt);
  return m ? Number(m[1]) : undefined;
}

/**
 * "default", "out of the box", "stock settings": the ways a question can state a config default.
 * A "default" inside a name (default.replication.factor, --entity-default) is not a statement.
 */
const MENTIONS_DEFAULT = /(?<![-.\w])defaults?(?!\w|[-.]\w)|\bout[- ]of[- ]the[- ]box\b|\bstock\b/i;

/** All the words of a question a reader sees: prompt, answers, explanation. */
export function questionText(q: Question): string {
  return [q.prompt, ...q.answers, q.explanation].join('\n');
}

/** Whether the question talks about a default (and so must name the key and value it claims). */
export function mentionsDefault(q: Question): boolean {
  return MENTIONS_DEFAULT.test(questionText(q));
}

/**
 * What is wrong with one question beyond its shape: the domain of its track, the correct
 * indexes, the number of correct answers its kind promises, repeated answers, and the config
 * defaults it states. Each message names the field and the fix.
 */
export function questionProblems(q: Question): string[] {
  const problems: string[] = [];
  if (!isDomainOf(q.track, q.domain)) {
    problems.push(`'domain' (${JSON.stringify(q.domain)}) is not a domain of track '${q.track}': use one of ${DOMAINS[q.track].join(', ')}`);
  }
  if (!q.id.startsWith(`${q.track}-`)) {
    problems.push(`'id' (${JSON.stringify(q.id)}) should start with its track: '${q.track}-'`);
  }
  const outOfRange = q.correct.filter((i) => i >= q.answers.length);
  if (outOfRange.length > 0) {
    problems.push(`'correct' has ${outOfRange.join(', ')}, out of range: 'answers' has ${q.answers.length} entries, so use indexes 0 to ${q.answers.length - 1}`);
  }
  if (new Set(q.correct).size !== q.correct.length) {
    problems.push(`'correct' (${JSON.stringify(q.correct)}) repeats an index: list each correct answer once`);
  }
  const kind = kindOf(q);
  const asked = chooseCount(q.prompt);
  if (kind === 'single') {
    if (q.correct.length !== 1) problems.push(`'correct' has ${q.correct.length} indexes but the question is single-answer: give exactly 1, or set "kind": "multiple" and say "Choose ${q.correct.length}." in the prompt`);
    if (asked !== undefined) problems.push(`the prompt says "Choose ${asked}" but the question is single-answer: drop it, or set "kind": "multiple"`);
  } else {
    if (asked === undefined) problems.push(`a multiple-answer question must say how many to pick: end the prompt with "Choose ${q.correct.length}."`);
    else if (asked !== q.correct.length) problems.push(`the prompt says "Choose ${asked}" but 'correct' has ${q.correct.length} indexes: make them agree`);
    if (q.correct.length < 2) problems.push(`'correct' has ${q.correct.length} index but the question is multiple-answer: give at least 2, or make it single-answer`);
    if (q.correct.length >= q.answers.length) problems.push(`every answer is correct: add wrong answers so there is something to choose`);
  }
  const seen = new Map<string, number>();
  q.answers.forEach((a, i) => {
    const key = normalizeText(a);
    const first = seen.get(key);
    if (first !== undefined) problems.push(`'answers[${i}]' repeats 'answers[${first}]' (${JSON.stringify(a)}): make every answer different`);
    else seen.set(key, i);
  });
  const text = questionText(q);
  if (mentionsDefault(q) && !q.defaults && !q.defaultsExempt) {
    problems.push(`the question talks about a default but has no 'defaults': add [{ "key", "value", "version", "scope" }] for each default it states, so the e2e test can check it`);
  }
  if (q.defaults && q.defaultsExempt) {
    problems.push(`'defaultsExempt' says the question states no config default, but it has 'defaults': keep one of them`);
  }
  for (const [i, d] of (q.defaults ?? []).entries()) {
    if (!text.includes(d.key)) problems.push(`'defaults[${i}].key' (${d.key}) is not named in the question: name the key in the prompt, an answer or the explanation`);
  }
  return problems;
}
