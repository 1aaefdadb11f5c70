import type { Question } from './question.ts';
import { DOMAINS, TRACKS, TRACK_TITLES, type Track } from './tracks.ts';

export interface TrackStats {
  readonly total: number;
  /** Every domain of the track, in its fixed order, zeros included. */
  readonly domains: Readonly<Record<string, number>>;
}

export interface BankStats {
  readonly total: number;
  readonly tracks: Readonly<Record<Track, TrackStats>>;
}

/** Questions per track and per domain. */
export function bankStats(questions: readonly Question[]): BankStats {
  const tracks = {} as Record<Track, TrackStats>;
  for (const track of TRACKS) {
    const domains: Record<string, number> = {};
    for (const d of DOMAINS[track]) domains[d] = questions.filter((q) => q.track === track && q.domain === d).length;
    tracks[track] = { total: questions.filter((q) => q.track === track).length, domains };
  }
  return { total: questions.length, tracks };
}

/** The readable table of `npm run exam -- stats`. */
export function renderStats(stats: BankStats): string {
  const width = Math.max(...TRACKS.flatMap((t) => DOMAINS[t].map((d) => d.length)), 'total'.length) + 2;
  const lines: string[] = [];
  for (const track of TRACKS) {
    const s = stats.tracks[track];
    lines.push(`${track}: ${TRACK_TITLES[track]}, ${s.total} questions`);
    for (const [d, n] of Object.entries(s.domains)) lines.push(`  ${d.padEnd(width)}${String(n).padStart(4)}`);
    lines.push('');
  }
  lines.push(`total: ${stats.total} questions`);
  return `${lines.join('\n')}\n`;
}
