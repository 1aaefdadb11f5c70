import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendHistory, historyPath, previousScores, readHistory, type HistoryEntry } from '../../../../../scripts/lib/practice/exam/history.ts';
import { tempDir } from './fixtures.ts';
import { ExamDataError } from '../../../../../stacks/model/errors.ts';

const entry = (percent: number, track: 'dev' | 'ops' = 'ops'): HistoryEntry => ({
  at: '2025-01-02T03:04:05.000Z',
  track,
  seed: 'abc',
  minutes: 5,
  durationSeconds: 125,
  endedBy: 'completed',
  score: { correct: percent / 10, total: 10, percent },
  domains: { security: { correct: 1, total: 2, percent: 50 } },
  items: [{ id: 'ops-acl', outcome: 'wrong' }],
});

function failure(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ExamDataError);
    return (error as Error).message;
  }
  throw new Error('expected an ExamDataError');
}

describe('exam history', () => {
  it('lives in the state folder', () => {
    expect(historyPath({ KAFKALAB_STATE_DIR: '/state' })).toBe('/state/practice/exam-history.jsonl');
  });

  it('appends one JSON object per line (creating the folder) and reads them back', () => {
    const file = join(tempDir(), 'practice', 'exam-history.jsonl');
    expect(readHistory(file)).toEqual([]);
    appendHistory(file, entry(60));
    appendHistory(file, entry(80, 'dev'));
    appendHistory(file, entry(90));
    expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(3);
    const read = readHistory(file);
    expect(read.map((e) => e.score.percent)).toEqual([60, 80, 90]);
    expect(previousScores(read, 'ops').map((s) => s.percent)).toEqual([60, 90]);
    expect(previousScores(read, 'ops', 1).map((s) => s.percent)).toEqual([90]);
  });

  it('names the file and line of a line that is not JSON', () => {
    const file = join(tempDir(), 'exam-history.jsonl');
    writeFileSync(file, `${JSON.stringify(entry(60))}\n\n{"at": "2025-01-02T03:04:05.000Z", "track": "ops"\n`);
    expect(failure(() => readHistory(file))).toBe(`${file}:3: not valid JSON at column 50: '}' is expected to close the object: fix or delete line 3`);
  });

  it('names the file, line and field of a line that does not fit the schema', () => {
    const file = join(tempDir(), 'exam-history.jsonl');
    const { seed: _seed, ...noSeed } = entry(60);
    writeFileSync(file, [JSON.stringify(entry(60)), JSON.stringify({ ...entry(70), track: 'qa' }), JSON.stringify({ ...noSeed, score: { correct: 'x', total: 10, percent: 70 } })].join('\n'));
    expect(failure(() => readHistory(file))).toBe(
      [
        `${file}:2: 'track' ("qa") is not allowed: use one of "dev", "ops": fix or delete line 2`,
        `${file}:3: 'seed' is missing: add it (a string); 'score.correct' should be a number, found string "x": fix or delete line 3`,
      ].join('\n'),
    );
  });
});
