import { PracticeLogError } from '../../../../../stacks/model/errors.ts';
/**
 * The practice log: one JSON object per line, appended, never rewritten
 * (`.kafkalab/practice/drills.jsonl`). Starts, checks, hints, solutions and resets; progress
 * and "which attempt is open" are derived from it.
 */
import { appendFileSync, chmodSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Facts } from './types.ts';

export const PRACTICE_LOG = 'drills.jsonl';

export const EVENT_KINDS = ['start', 'check', 'hint', 'solution', 'reset'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export interface DrillEvent {
  /** ISO time. */
  readonly at: string;
  readonly event: EventKind;
  readonly drill: string;
  readonly cluster?: string;
  /** start: what setup returned. */
  readonly facts?: Facts;
  /** check: passed or not, and how many criteria held. */
  readonly ok?: boolean;
  readonly passed?: number;
  readonly of?: number;
  /** hint: how many hints have been shown in this attempt, this one included. */
  readonly shown?: number;
}

export function practiceLogPath(dir: string): string {
  return join(dir, PRACTICE_LOG);
}

/** Parse the log's text; a bad line throws a PracticeLogError naming `path` and the line number. */
export function parseLog(text: string, path: string): DrillEvent[] {
  const events: DrillEvent[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    const where = `${path} line ${i + 1}`;
    const fix = `fix or delete that line (each line is one JSON event of your drill attempts; deleting the file forgets your progress)`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      throw new PracticeLogError(`${where} is not valid JSON (${(error as Error).message}): ${fix}`);
    }
    const e = value as Partial<DrillEvent> | null;
    if (typeof e !== 'object' || e === null || Array.isArray(e)) throw new PracticeLogError(`${where} is not a JSON object: ${fix}`);
    const missing = (['at', 'event', 'drill'] as const).filter((k) => typeof e[k] !== 'string');
    if (missing.length > 0) throw new PracticeLogError(`${where} has no ${missing.map((m) => `'${m}'`).join(', ')} (a string): ${fix}`);
    if (!(EVENT_KINDS as readonly string[]).includes(e.event!)) {
      throw new PracticeLogError(`${where} has event '${e.event}', which is not one of ${EVENT_KINDS.join(', ')}: ${fix}`);
    }
    if (Number.isNaN(Date.parse(e.at!))) throw new PracticeLogError(`${where} has 'at' ('${e.at}'), which is not a time: ${fix}`);
    events.push(e as DrillEvent);
  }
  return events;
}

export function readLog(path: string): DrillEvent[] {
  if (!existsSync(path)) return [];
  return parseLog(readFileSync(path, 'utf8'), path);
}

export function appendEvent(path: string, event: Omit<DrillEvent, 'at'> & { at?: string }, now: Date = new Date()): DrillEvent {
  const full: DrillEvent = { at: event.at ?? now.toISOString(), ...event } as DrillEvent;
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  appendFileSync(path, `${JSON.stringify(full)}\n`, { mode: 0o600 });
  chmodSync(path, 0o600);
  return full;
}

/** The open attempt of a drill: its last start, unless a reset came after it. */
export function openAttempt(events: readonly DrillEvent[], drill: string): DrillEvent | undefined {
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i]!;
    if (e.drill !== drill) continue;
    if (e.event === 'reset') return undefined;
    if (e.event === 'start') return e;
  }
  return undefined;
}

/** How many hints were shown since the drill's last start (all time, when never started). */
export function hintsShown(events: readonly DrillEvent[], drill: string): number {
  let shown = 0;
  for (const e of events) {
    if (e.drill !== drill) continue;
    if (e.event === 'start') shown = 0;
    if (e.event === 'hint') shown = Math.max(shown, e.shown ?? shown + 1);
  }
  return shown;
}

export interface DrillProgress {
  readonly drill: string;
  readonly attempts: number;
  readonly passes: number;
  readonly firstPassAt?: string;
  readonly lastPassAt?: string;
  /** Fastest start-to-pass, in seconds. */
  readonly bestSeconds?: number;
  /** Hints shown in the attempt that passed first (or the open one). */
  readonly hints: number;
}

/** Per drill that appears in the log, in first-seen order. */
export function summarize(events: readonly DrillEvent[]): DrillProgress[] {
  const out = new Map<string, { attempts: number; passes: number; firstPassAt?: string; lastPassAt?: string; bestSeconds?: number; hints: number; startedAt?: string; passedThisAttempt: boolean }>();
  for (const e of events) {
    const p = out.get(e.drill) ?? { attempts: 0, passes: 0, hints: 0, passedThisAttempt: false };
    out.set(e.drill, p);
    if (e.event === 'start') {
      p.attempts++;
      p.startedAt = e.at;
      p.passedThisAttempt = false;
      if (p.passes === 0) p.hints = 0;
    } else if (e.event === 'hint' && p.passes === 0) {
      p.hints = Math.max(p.hints, e.shown ?? p.hints + 1);
    } else if (e.event === 'check' && e.ok) {
      p.passes++;
      p.firstPassAt ??= e.at;
      p.lastPassAt = e.at;
      if (p.startedAt && !p.passedThisAttempt) {
        const s = Math.round((Date.parse(e.at) - Date.parse(p.startedAt)) / 1000);
        p.bestSeconds = p.bestSeconds === undefined ? s : Math.min(p.bestSeconds, s);
      }
      p.passedThisAttempt = true;
    }
  }
  return [...out].map(([drill, p]) => ({
    drill,
    attempts: p.attempts,
    passes: p.passes,
    ...(p.firstPassAt ? { firstPassAt: p.firstPassAt } : {}),
    ...(p.lastPassAt ? { lastPassAt: p.lastPassAt } : {}),
    ...(p.bestSeconds !== undefined ? { bestSeconds: p.bestSeconds } : {}),
    hints: p.hints,
  }));
}
