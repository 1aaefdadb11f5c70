import { type Outcome, percent } from './grade.ts';
import type { EndedBy, SessionResult } from './session.ts';
import { DOMAINS, TRACK_TITLES, type Track } from './tracks.ts';
import { wrap } from './wrap.ts';

export interface Score {
  readonly correct: number;
  readonly total: number;
  readonly percent: number;
}

export interface DomainScore extends Score {
  readonly domain: string;
  readonly wrong: number;
  readonly unanswered: number;
}

export interface ReportItem {
  readonly id: string;
  readonly kind: 'question' | 'drill';
  readonly domain: string;
  readonly outcome: Outcome;
  /** Questions: the answers chosen (indexes), when any. */
  readonly chosen?: readonly number[];
}

/** A missed question with what was right and why. */
export interface ReviewItem {
  readonly id: string;
  readonly prompt: string;
  readonly outcome: Outcome;
  readonly chosen: readonly string[];
  readonly correct: readonly string[];
  readonly explanation: string;
}

export interface ExamReport {
  readonly track: Track;
  readonly seed: string;
  /** When the exam started (ISO 8601). */
  readonly at: string;
  readonly minutes: number;
  readonly durationSeconds: number;
  readonly endedBy: EndedBy;
  readonly passMark: number;
  readonly passed: boolean;
  readonly score: Score;
  /** The domains that had items, in the track's fixed order. */
  readonly domains: readonly DomainScore[];
  readonly items: readonly ReportItem[];
  readonly review: readonly ReviewItem[];
}

export interface ReportMeta {
  readonly track: Track;
  readonly seed: string;
  /** The practice pass mark in percent. @default 70 */
  readonly passMark?: number;
}

const letter = (i: number): string => String.fromCharCode(65 + i);

/** Grade a finished session: overall, per domain, per item, and a review of what was missed. */
export function buildReport(session: SessionResult, meta: ReportMeta): ExamReport {
  const passMark = meta.passMark ?? 70;
  const rs = session.results;
  const correct = rs.filter((r) => r.outcome === 'correct').length;
  const order = [...(DOMAINS[meta.track] as readonly string[]), ...rs.map((r) => r.item.domain)];
  const domains = [...new Set(order)]
    .map((domain) => {
      const of = rs.filter((r) => r.item.domain === domain);
      const c = of.filter((r) => r.outcome === 'correct').length;
      return {
        domain,
        correct: c,
        wrong: of.filter((r) => r.outcome === 'wrong').length,
        unanswered: of.filter((r) => r.outcome === 'unanswered').length,
        total: of.length,
        percent: percent(c, of.length),
      };
    })
    .filter((d) => d.total > 0);
  const score = { correct, total: rs.length, percent: percent(correct, rs.length) };
  const review = rs.flatMap((r): ReviewItem[] => {
    if (r.outcome === 'correct' || r.item.kind !== 'question') return [];
    const q = r.item.question;
    return [
      {
        id: q.id,
        prompt: q.prompt,
        outcome: r.outcome,
        chosen: (r.chosen ?? []).map((i) => `${letter(i)}. ${q.answers[i] ?? '?'}`),
        correct: q.correct.map((i) => `${letter(i)}. ${q.answers[i] ?? '?'}`),
        explanation: q.explanation,
      },
    ];
  });
  return {
    track: meta.track,
    seed: meta.seed,
    at: new Date(session.startedAt).toISOString(),
    minutes: Math.round((session.timeLimitMs / 60_000) * 100) / 100,
    durationSeconds: Math.round((session.endedAt - session.startedAt) / 1000),
    endedBy: session.endedBy,
    passMark,
    passed: score.percent >= passMark,
    score,
    domains,
    items: rs.map((r) => ({ id: r.item.id, kind: r.item.kind, domain: r.item.domain, outcome: r.outcome, ...(r.chosen ? { chosen: r.chosen } : {}) })),
    review,
  };
}

const ENDED: Readonly<Record<EndedBy, string>> = {
  completed: 'all items answered or skipped',
  time: 'time ran out: the items not reached are unanswered',
  quit: 'ended early: the items not reached are unanswered',
};

const formatDuration = (s: number): string => `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;

/** The score report printed at the end of an exam, the review wrapped to `width` columns. */
export function renderReport(r: ExamReport, previous: readonly Score[] = [], width = 100): string {
  const nameWidth = Math.max('domain'.length, ...r.domains.map((d) => d.domain.length)) + 2;
  const row = (name: string, c: string, w: string, u: string, p: string): string =>
    `  ${name.padEnd(nameWidth)}${c.padStart(8)}${w.padStart(7)}${u.padStart(12)}${p.padStart(7)}`;
  const lines = [
    `Score report: ${TRACK_TITLES[r.track]}, seed ${r.seed}`,
    `  ${r.score.correct} of ${r.score.total} correct (${r.score.percent}%): ${r.passed ? 'PASS' : 'FAIL'} against the practice pass mark of ${r.passMark}%`,
    `  time: ${formatDuration(r.durationSeconds)} of ${r.minutes} min; ${ENDED[r.endedBy]}`,
    '',
    row('domain', 'correct', 'wrong', 'unanswered', 'score'),
    ...r.domains.map((d) => row(d.domain, `${d.correct}/${d.total}`, String(d.wrong), String(d.unanswered), `${d.percent}%`)),
  ];
  if (previous.length > 0) {
    lines.push('', `  earlier attempts on this track (newest last): ${previous.map((s) => `${s.percent}%`).join(', ')}`);
  }
  if (r.review.length > 0) {
    lines.push('', 'Review of the missed questions:');
    for (const m of r.review) {
      lines.push('', wrap(`[${m.id}] ${m.prompt}`, width, '  ', '    '));
      lines.push(wrap(m.chosen.length > 0 ? m.chosen.join('; ') : '(none)', width, '    your answer: ', ' '.repeat(17)));
      lines.push(wrap(m.correct.join('; '), width, '    correct:     ', ' '.repeat(17)));
      lines.push(wrap(m.explanation, width, '    why: ', ' '.repeat(9)));
    }
  }
  return `${lines.join('\n')}\n`;
}
