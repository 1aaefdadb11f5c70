import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { stateDir } from '../../core/index.ts';
import { parseJsonSource } from './json-source.ts';
import type { ExamReport, Score } from './report.ts';
import { TRACKS } from './tracks.ts';
import { describeIssue } from './zod-issues.ts';
import { ExamDataError } from '../../../../stacks/model/errors.ts';

/** `.kafkalab/practice/exam-history.jsonl`: one finished exam per line. */
export function historyPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(stateDir(env), 'practice', 'exam-history.jsonl');
}

const ScoreSchema = z.object({ correct: z.number().int().min(0), total: z.number().int().min(0), percent: z.number().min(0).max(100) }).strict();

export const HistoryEntrySchema = z
  .object({
    at: z.iso.datetime(),
    track: z.enum(TRACKS),
    seed: z.string(),
    minutes: z.number().positive(),
    durationSeconds: z.number().min(0),
    endedBy: z.enum(['completed', 'time', 'quit']),
    score: ScoreSchema,
    domains: z.record(z.string(), ScoreSchema),
    items: z.array(z.object({ id: z.string(), outcome: z.enum(['correct', 'wrong', 'unanswered']) }).strict()),
  })
  .strict();
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;

/** The line saved for a report: scores and outcomes, not the review. */
export function historyEntry(r: ExamReport): HistoryEntry {
  return {
    at: r.at,
    track: r.track,
    seed: r.seed,
    minutes: r.minutes,
    durationSeconds: r.durationSeconds,
    endedBy: r.endedBy,
    score: r.score,
    domains: Object.fromEntries(r.domains.map((d) => [d.domain, { correct: d.correct, total: d.total, percent: d.percent }])),
    items: r.items.map((i) => ({ id: i.id, outcome: i.outcome })),
  };
}

export function appendHistory(file: string, entry: HistoryEntry): void {
  mkdirSync(dirname(file), { recursive: true });
  appendFileSync(file, `${JSON.stringify(entry)}\n`);
}

/**
 * Every entry of a history file (none when it does not exist yet). A bad line is an
 * ExamDataError naming the file and the line number, and what is wrong in it.
 */
export function readHistory(file: string): HistoryEntry[] {
  if (!existsSync(file)) return [];
  const lines = readFileSync(file, 'utf8').split('\n');
  const entries: HistoryEntry[] = [];
  const problems: string[] = [];
  lines.forEach((line, i) => {
    const n = i + 1;
    if (line.trim() === '') return;
    const parsed = parseJsonSource(line);
    if (!parsed.ok) {
      problems.push(`${file}:${n}: not valid JSON at column ${parsed.position.column}: ${parsed.problem}: fix or delete line ${n}`);
      return;
    }
    const result = HistoryEntrySchema.safeParse(parsed.source.value, { reportInput: true });
    if (!result.success) {
      problems.push(`${file}:${n}: ${result.error.issues.map((issue) => describeIssue(issue)).join('; ')}: fix or delete line ${n}`);
      return;
    }
    entries.push(result.data);
  });
  if (problems.length > 0) throw new ExamDataError(problems);
  return entries;
}

/** The last scores of a track, oldest first. */
export function previousScores(entries: readonly HistoryEntry[], track: string, limit = 5): Score[] {
  return entries
    .filter((e) => e.track === track)
    .slice(-limit)
    .map((e) => e.score);
}
