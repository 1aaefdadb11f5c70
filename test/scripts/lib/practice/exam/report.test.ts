import { describe, expect, it } from 'vitest';
import { drillItem, questionItem } from '../../../../../scripts/lib/practice/exam/exam-item.ts';
import { buildReport, renderReport } from '../../../../../scripts/lib/practice/exam/report.ts';
import type { SessionResult } from '../../../../../scripts/lib/practice/exam/session.ts';
import { question } from './fixtures.ts';

const acks = question({ id: 'ops-acks', track: 'ops', domain: 'replication-and-durability', prompt: 'Which acks value waits for the in-sync replicas?', answers: ['0', '1', 'all'], correct: [2], explanation: 'acks=all waits for every in-sync replica, and min.insync.replicas sets the floor.' });
const isr = question({ id: 'ops-isr', track: 'ops', domain: 'replication-and-durability', prompt: 'What removes a follower from the ISR?', answers: ['Lagging past replica.lag.time.max.ms', 'A consumer lag', 'A full disk on the client'], correct: [0], explanation: 'A follower that has not caught up within replica.lag.time.max.ms leaves the ISR.' });
const acl = question({ id: 'ops-acl', track: 'ops', domain: 'security', prompt: 'Which ACL does a consumer need on its group?', answers: ['Read', 'Write', 'Alter'], correct: [0], explanation: 'Consumers need Read on the group (and Read on the topic) to join and commit.' });

const session: SessionResult = {
  startedAt: Date.UTC(2025, 0, 2, 3, 4, 5),
  endedAt: Date.UTC(2025, 0, 2, 3, 6, 10),
  timeLimitMs: 300_000,
  endedBy: 'time',
  results: [
    { item: questionItem(acks), outcome: 'correct', chosen: [2] },
    { item: questionItem(acl), outcome: 'wrong', chosen: [1] },
    { item: questionItem(isr), outcome: 'unanswered' },
    { item: drillItem({ id: 'ops-drill', track: 'ops', domain: 'security', title: 'ACLs' }), outcome: 'correct' },
  ],
};

describe('score report', () => {
  const r = buildReport(session, { track: 'ops', seed: 'abc' });

  it('scores overall and per domain, in the track order', () => {
    expect(r).toMatchObject({
      track: 'ops',
      seed: 'abc',
      at: '2025-01-02T03:04:05.000Z',
      minutes: 5,
      durationSeconds: 125,
      endedBy: 'time',
      passMark: 70,
      passed: false,
      score: { correct: 2, total: 4, percent: 50 },
    });
    expect(r.domains).toEqual([
      { domain: 'security', correct: 1, wrong: 1, unanswered: 0, total: 2, percent: 50 },
      { domain: 'replication-and-durability', correct: 1, wrong: 0, unanswered: 1, total: 2, percent: 50 },
    ]);
    expect(r.items).toEqual([
      { id: 'ops-acks', kind: 'question', domain: 'replication-and-durability', outcome: 'correct', chosen: [2] },
      { id: 'ops-acl', kind: 'question', domain: 'security', outcome: 'wrong', chosen: [1] },
      { id: 'ops-isr', kind: 'question', domain: 'replication-and-durability', outcome: 'unanswered' },
      { id: 'ops-drill', kind: 'drill', domain: 'security', outcome: 'correct' },
    ]);
  });

  it('reviews the missed questions with the right answer and the explanation', () => {
    expect(r.review).toEqual([
      { id: 'ops-acl', prompt: acl.prompt, outcome: 'wrong', chosen: ['B. Write'], correct: ['A. Read'], explanation: acl.explanation },
      { id: 'ops-isr', prompt: isr.prompt, outcome: 'unanswered', chosen: [], correct: ['A. Lagging past replica.lag.time.max.ms'], explanation: isr.explanation },
    ]);
  });

  it('wraps the review to the given width', () => {
    const text = renderReport(r, [], 40);
    expect(text).toContain('  [ops-acl] Which ACL does a consumer\n    need on its group?\n');
    expect(text).toContain('    why: Consumers need Read on the\n         group (and Read on the topic)\n         to join and commit.\n');
    expect(text).toContain('    correct:     A. Lagging past\n                 replica.lag.time.max.ms\n');
  });

  it('passes at the pass mark', () => {
    expect(buildReport(session, { track: 'ops', seed: 'abc', passMark: 50 }).passed).toBe(true);
  });

  it('renders a readable report', () => {
    expect(renderReport(r, [{ correct: 3, total: 5, percent: 60 }])).toBe(
      [
        'Score report: administrator (CCAAK-style), seed abc',
        '  2 of 4 correct (50%): FAIL against the practice pass mark of 70%',
        '  time: 2m 05s of 5 min; time ran out: the items not reached are unanswered',
        '',
        '  domain                       correct  wrong  unanswered  score',
        '  security                         1/2      1           0    50%',
        '  replication-and-durability       1/2      0           1    50%',
        '',
        '  earlier attempts on this track (newest last): 60%',
        '',
        'Review of the missed questions:',
        '',
        `  [ops-acl] ${acl.prompt}`,
        '    your answer: B. Write',
        '    correct:     A. Read',
        `    why: ${acl.explanation}`,
        '',
        `  [ops-isr] ${isr.prompt}`,
        '    your answer: (none)',
        '    correct:     A. Lagging past replica.lag.time.max.ms',
        `    why: ${isr.explanation}`,
        '',
      ].join('\n'),
    );
  });
});
