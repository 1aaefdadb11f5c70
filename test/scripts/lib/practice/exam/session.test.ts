import { describe, expect, it } from 'vitest';
import { drillItem, questionItem, type ExamItem } from '../../../../../scripts/lib/practice/exam/exam-item.ts';
import { gradeChoice, percent } from '../../../../../scripts/lib/practice/exam/grade.ts';
import { defaultMinutes, formatRemaining, runSession, timeLimitMs, type ExamDriver } from '../../../../../scripts/lib/practice/exam/session.ts';
import { question } from './fixtures.ts';
import { EndExam } from '../../../../../stacks/model/errors.ts';

const single = question();
const multi = question({ id: 'dev-multi', kind: 'multiple', prompt: 'Which two settings bound the send time? Choose 2.', correct: [1, 3] });
const items: ExamItem[] = [
  questionItem(single),
  questionItem(multi),
  drillItem({ id: 'dev-drill', track: 'dev', domain: 'producers', title: 'Produce' }),
  questionItem(question({ id: 'dev-third', prompt: 'A third question about producers, long enough?' })),
];

/** A clock that advances by `step` ms each time an answer is given. */
function fakeClock(step: number): { now: () => number; tick: () => void } {
  let t = 1_000_000;
  return { now: () => t, tick: () => void (t += step) };
}

describe('grading', () => {
  it('is right only for exactly the correct answers', () => {
    expect(gradeChoice(single, [1])).toBe('correct');
    expect(gradeChoice(single, [0])).toBe('wrong');
    expect(gradeChoice(single, [])).toBe('unanswered');
    expect(gradeChoice(single, undefined)).toBe('unanswered');
    expect(gradeChoice(multi, [3, 1])).toBe('correct');
    expect(gradeChoice(multi, [1])).toBe('wrong');
    expect(gradeChoice(multi, [1, 2, 3])).toBe('wrong');
    expect(percent(2, 3)).toBe(67);
    expect(percent(0, 0)).toBe(0);
  });
});

describe('timing', () => {
  it('converts and formats', () => {
    expect(timeLimitMs(1.5)).toBe(90_000);
    expect(defaultMinutes(20)).toBe(30);
    expect(defaultMinutes(3)).toBe(5);
    expect(formatRemaining(65_400)).toBe('1:05');
    expect(formatRemaining(-5)).toBe('0:00');
  });
});

describe('exam session', () => {
  it('grades every item the driver answers, drills by their outcome', async () => {
    const clock = fakeClock(1000);
    const seen: string[] = [];
    const driver: ExamDriver = {
      async answerQuestion(item, ctx) {
        seen.push(`${ctx.index + 1}/${ctx.total} ${item.id} ${ctx.remainingMs}`);
        clock.tick();
        return item.id === 'dev-multi' ? [3, 1] : item.id === 'dev-third' ? [0] : [1];
      },
      async runDrill() {
        clock.tick();
        return true;
      },
    };
    const r = await runSession(items, { driver, timeLimitMs: 60_000, now: clock.now });
    expect(seen).toEqual(['1/4 dev-sample 60000', '2/4 dev-multi 59000', '4/4 dev-third 57000']);
    expect(r.endedBy).toBe('completed');
    expect(r.results.map((x) => [x.item.id, x.outcome, x.chosen])).toEqual([
      ['dev-sample', 'correct', [1]],
      ['dev-multi', 'correct', [1, 3]],
      ['dev-drill', 'correct', undefined],
      ['dev-third', 'wrong', [0]],
    ]);
    expect(r.endedAt - r.startedAt).toBe(4000);
  });

  it('leaves drills unanswered when the driver cannot run them, and skipped questions unanswered', async () => {
    const driver: ExamDriver = { answerQuestion: async () => undefined };
    const r = await runSession(items, { driver, timeLimitMs: 60_000 });
    expect(r.results.map((x) => x.outcome)).toEqual(['unanswered', 'unanswered', 'unanswered', 'unanswered']);
    expect(r.endedBy).toBe('completed');
  });

  it('when time runs out, a late answer does not count and the rest are unanswered', async () => {
    const clock = fakeClock(25_000);
    let asked = 0;
    const driver: ExamDriver = {
      async answerQuestion() {
        asked++;
        clock.tick();
        return [1];
      },
    };
    const r = await runSession([items[0]!, items[3]!, items[1]!], { driver, timeLimitMs: 40_000, now: clock.now });
    expect(asked).toBe(2);
    expect(r.endedBy).toBe('time');
    expect(r.results.map((x) => x.outcome)).toEqual(['correct', 'unanswered', 'unanswered']);
  });

  it('aborts the signal of the item on screen when time runs out', async () => {
    const driver: ExamDriver = {
      answerQuestion: (_item, ctx) =>
        new Promise((resolve) => {
          ctx.signal.addEventListener('abort', () => resolve(undefined));
        }),
    };
    const r = await runSession([items[0]!, items[1]!], { driver, timeLimitMs: 30 });
    expect(r.endedBy).toBe('time');
    expect(r.results.map((x) => x.outcome)).toEqual(['unanswered', 'unanswered']);
  });

  it('ends early when the driver throws EndExam, still grading what was answered', async () => {
    let n = 0;
    const driver: ExamDriver = {
      async answerQuestion() {
        if (++n === 2) throw new EndExam();
        return [1];
      },
    };
    const r = await runSession([items[0]!, items[1]!, items[3]!], { driver, timeLimitMs: 60_000 });
    expect(r.endedBy).toBe('quit');
    expect(r.results.map((x) => x.outcome)).toEqual(['correct', 'unanswered', 'unanswered']);
    expect(n).toBe(2);
  });
});
