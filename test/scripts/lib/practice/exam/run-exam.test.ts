import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DrillSource } from '../../../../../scripts/lib/practice/exam/drills.ts';
import { runExam } from '../../../../../scripts/lib/practice/exam/run-exam.ts';
import type { ExamDriver } from '../../../../../scripts/lib/practice/exam/session.ts';
import { DOMAINS } from '../../../../../scripts/lib/practice/exam/tracks.ts';
import { question, tempDir } from './fixtures.ts';
import { ExamDataError } from '../../../../../stacks/model/errors.ts';

const bank = DOMAINS.ops.flatMap((domain, d) =>
  [0, 1].map((n) => question({ id: `ops-${domain}-${n}`, track: 'ops', domain, prompt: `Question ${n} of ${domain}, long enough?`, correct: [(d + n) % 4] })),
);

/** Answers right for even-numbered questions, wrong for odd ones; one second per answer. */
function scripted(): { driver: ExamDriver; now: () => number } {
  let t = 0;
  return {
    now: () => t,
    driver: {
      async answerQuestion(item) {
        t += 1000;
        const right = item.question.correct[0]!;
        return [item.id.endsWith('-0') ? right : (right + 1) % 4];
      },
    },
  };
}

describe('a whole exam, driven by a script', () => {
  it('selects, runs, grades per domain and appends the history', async () => {
    const historyFile = join(tempDir(), 'practice', 'exam-history.jsonl');
    const s = scripted();
    let started = 0;
    const first = await runExam({ questions: bank, options: { track: 'ops', count: 8, minutes: 10, seed: 'run' }, driver: s.driver, now: s.now, historyFile, onStart: (n) => (started = n) });
    expect(started).toBe(8);
    const r = first.report;
    expect(r.items).toHaveLength(8);
    const right = r.items.filter((i) => i.id.endsWith('-0')).length;
    expect(r.score).toEqual({ correct: right, total: 8, percent: Math.round((right / 8) * 100) });
    expect(r.domains.reduce((n, d) => n + d.total, 0)).toBe(8);
    expect(r.durationSeconds).toBe(8);
    expect(r.endedBy).toBe('completed');
    expect(first.previous).toEqual([]);

    const again = await runExam({ questions: bank, options: { track: 'ops', count: 8, minutes: 10, seed: 'run' }, driver: scripted().driver, now: scripted().now, historyFile });
    expect(again.report.items.map((i) => i.id)).toEqual(r.items.map((i) => i.id));
    expect(again.previous).toEqual([r.score]);
    const lines = readFileSync(historyFile, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[0]!)).toMatchObject({ track: 'ops', seed: 'run', score: r.score, items: r.items.map((i) => ({ id: i.id, outcome: i.outcome })) });
  });

  it('counts items not reached in time as unanswered', async () => {
    const historyFile = join(tempDir(), 'h.jsonl');
    const s = scripted();
    const { report } = await runExam({ questions: bank, options: { track: 'ops', count: 6, minutes: 0.05, seed: 'late' }, driver: s.driver, now: s.now, historyFile });
    expect(report.endedBy).toBe('time');
    expect(report.items.filter((i) => i.outcome === 'unanswered')).toHaveLength(3);
  });

  it('offers the drills of a pluggable source, unanswered by a driver that cannot run them', async () => {
    const drills: DrillSource = (track) => [{ id: `${track}-drill-1`, track, domain: 'security', title: 'ACLs' }];
    const s = scripted();
    const { report } = await runExam({ questions: bank, options: { track: 'ops', count: 4, minutes: 10, seed: 'd' }, driver: s.driver, now: s.now, historyFile: join(tempDir(), 'h.jsonl'), drills });
    expect(report.items.find((i) => i.kind === 'drill')).toEqual({ id: 'ops-drill-1', kind: 'drill', domain: 'security', outcome: 'unanswered' });
  });

  it('fails before the first question when the history is corrupt', async () => {
    const historyFile = join(tempDir(), 'h.jsonl');
    writeFileSync(historyFile, 'not json\n');
    let asked = 0;
    const driver: ExamDriver = { answerQuestion: async () => (asked++, [0]) };
    await expect(runExam({ questions: bank, options: { track: 'ops', count: 2, minutes: 1, seed: 'x' }, driver, historyFile })).rejects.toThrow(ExamDataError);
    expect(asked).toBe(0);
  });
});
