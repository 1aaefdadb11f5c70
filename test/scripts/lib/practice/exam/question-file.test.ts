import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadQuestionFile } from '../../../../../scripts/lib/practice/exam/question-file.ts';
import { loadBank } from '../../../../../scripts/lib/practice/exam/bank.ts';
import { question, questionFile, tempDir } from './fixtures.ts';
import { ExamDataError } from '../../../../../stacks/model/errors.ts';

/** The message of the ExamDataError that `fn` throws. */
function failure(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ExamDataError);
    return (error as Error).message;
  }
  throw new Error('expected an ExamDataError');
}

describe('question files', () => {
  it('loads a valid file with the line of each question id', () => {
    const dir = tempDir({ 'dev.json': questionFile('dev', [question(), question({ id: 'dev-other', prompt: 'Another prompt about producers that is long enough?' })]) });
    const entries = loadQuestionFile(join(dir, 'dev.json'));
    expect(entries.map((e) => [e.question.id, e.line, e.index])).toEqual([
      ['dev-sample', 5, 0],
      ['dev-other', 21, 1],
    ]);
  });

  it('names the file, line and column of a JSON syntax error', () => {
    const text = questionFile('dev', [question()]).replace('"linger.ms",', '"linger.ms"');
    const dir = tempDir({ 'dev.json': text });
    expect(failure(() => loadQuestionFile(join(dir, 'dev.json')))).toBe(`${dir}/dev.json:13:9: not valid JSON: ',' is expected between two entries`);
  });

  it('names the file of a missing file', () => {
    const dir = tempDir();
    expect(failure(() => loadQuestionFile(join(dir, 'ops.json')))).toBe(`${dir}/ops.json: cannot read the question file (ENOENT)`);
  });

  it('names the file, line, question and field of schema errors', () => {
    const bad = { ...question(), correct: ['1'], kind: 'several' };
    const { explanation: _dropped, ...noExplanation } = question({ id: 'dev-second', prompt: 'A second prompt about producers, long enough?' });
    const dir = tempDir({ 'dev.json': questionFile('dev', [bad, { ...noExplanation, hint: 'x' }]) });
    expect(failure(() => loadQuestionFile(join(dir, 'dev.json')))).toBe(
      [
        `${dir}/dev.json:19: questions[0] ('dev-sample'): 'kind' ("several") is not allowed: use one of "single", "multiple"`,
        `${dir}/dev.json:16: questions[0] ('dev-sample'): 'correct[0]' should be a number, found string "1"`,
        `${dir}/dev.json:21: questions[1] ('dev-second'): 'explanation' is missing: add it (a string)`,
        `${dir}/dev.json:21: questions[1] ('dev-second'): the value has unknown field 'hint': remove it or check the spelling`,
      ].join('\n'),
    );
  });

  it('names the file, line and question of rule errors', () => {
    const dir = tempDir({
      'dev.json': questionFile('dev', [question({ correct: [7] }), question({ id: 'dev-ops', track: 'ops', domain: 'security', prompt: 'A misplaced question about ACLs, long enough?' })]),
    });
    expect(failure(() => loadQuestionFile(join(dir, 'dev.json')))).toBe(
      [
        `${dir}/dev.json:5: questions[0] ('dev-sample'): 'correct' has 7, out of range: 'answers' has 4 entries, so use indexes 0 to 3`,
        `${dir}/dev.json:21: questions[1] ('dev-ops'): 'track' (ops) differs from the file's 'track' (dev): move the question to the ops file or fix its track`,
        `${dir}/dev.json:21: questions[1] ('dev-ops'): 'id' ("dev-ops") should start with its track: 'ops-'`,
      ].join('\n'),
    );
  });

  it('rejects duplicate ids and prompts across the files of a bank, naming both places', () => {
    const dir = tempDir({
      'a.json': questionFile('dev', [question()]),
      'b.json': questionFile('dev', [question({ prompt: 'A different prompt about producers, long enough?' }), question({ id: 'dev-copy', prompt: question().prompt.toUpperCase() })]),
    });
    expect(failure(() => loadBank(dir))).toBe(
      [
        `${dir}/b.json:5: questions[0] ('dev-sample'): 'id' is also used at ${dir}/a.json:5: ids must be unique, give this question a new one`,
        `${dir}/b.json:21: questions[1] ('dev-copy'): 'prompt' repeats the prompt of 'dev-sample' at ${dir}/a.json:5: reword one of them or remove the duplicate`,
      ].join('\n'),
    );
  });
});
