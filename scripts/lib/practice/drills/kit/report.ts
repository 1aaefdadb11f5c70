/** What the drill command prints: the list, a check report, progress. Pure functions. */
import type { DrillProgress } from './practice-log.ts';
import { describeNeeds } from './shape.ts';
import type { Criterion, Drill } from './types.ts';

export interface CheckReport {
  readonly ok: boolean;
  readonly drill: string;
  readonly criteria: readonly Criterion[];
}

export function checkReport(drill: string, criteria: readonly Criterion[]): CheckReport {
  return { ok: criteria.length > 0 && criteria.every((c) => c.ok), drill, criteria };
}

/** `3m07s`, `45s`, `1h02m`. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/** One line per criterion, then the verdict; `elapsed` (seconds since start) against the budget. */
export function renderCheck(r: CheckReport, cluster: string, minutes: number, elapsed?: number): string {
  const lines = r.criteria.map((c) => `${c.ok ? '✔' : '✖'} ${c.name}: ${c.saw}`);
  const held = r.criteria.filter((c) => c.ok).length;
  const time = elapsed === undefined ? '' : ` after ${formatDuration(elapsed)} (budget ${minutes} min${elapsed > minutes * 60 ? ', over' : ''})`;
  lines.push(
    r.ok
      ? `PASSED drill '${r.drill}' on cluster '${cluster}': ${held} of ${r.criteria.length} criteria hold${time}`
      : `NOT YET: drill '${r.drill}' on cluster '${cluster}': ${held} of ${r.criteria.length} criteria hold${time}`,
  );
  return `${lines.join('\n')}\n`;
}

const pad = (s: string, n: number): string => (s.length >= n ? `${s} ` : s.padEnd(n));

export function renderList(drills: readonly Drill[]): string {
  const head = `${pad('id', 28)}${pad('track', 6)}${pad('domain', 31)}${pad('level', 7)}${pad('min', 4)}title`;
  const rows = drills.map((d) => `${pad(d.id, 28)}${pad(d.track, 6)}${pad(d.domain, 31)}${pad(d.difficulty, 7)}${pad(String(d.minutes), 4)}${d.title} [${describeNeeds(d.needs)}]`);
  return `${[head, ...rows].join('\n')}\n\nnpm run drill -- start <id> [--cluster C]; then check, hint, solution, reset\n`;
}

export function listJson(drills: readonly Drill[]): object[] {
  return drills.map((d) => ({ id: d.id, track: d.track, domain: d.domain, title: d.title, difficulty: d.difficulty, minutes: d.minutes, needs: d.needs }));
}

export interface ProgressRow {
  readonly id: string;
  readonly track: string;
  readonly domain: string;
  readonly passed: boolean;
  readonly firstPassAt?: string;
  readonly lastPassAt?: string;
  readonly bestSeconds?: number;
  readonly attempts: number;
  readonly hints: number;
}

export function progressRows(drills: readonly Drill[], progress: readonly DrillProgress[]): ProgressRow[] {
  const by = new Map(progress.map((p) => [p.drill, p]));
  return drills.map((d) => {
    const p = by.get(d.id);
    return {
      id: d.id,
      track: d.track,
      domain: d.domain,
      passed: (p?.passes ?? 0) > 0,
      ...(p?.firstPassAt ? { firstPassAt: p.firstPassAt } : {}),
      ...(p?.lastPassAt ? { lastPassAt: p.lastPassAt } : {}),
      ...(p?.bestSeconds !== undefined ? { bestSeconds: p.bestSeconds } : {}),
      attempts: p?.attempts ?? 0,
      hints: p?.hints ?? 0,
    };
  });
}

const when = (iso: string): string => iso.replace('T', ' ').replace(/:\d\d\.\d+Z$/, ' UTC');

export function renderProgress(rows: readonly ProgressRow[]): string {
  const lines = rows.map((r) => {
    const status = r.passed ? `✔ passed ${when(r.firstPassAt!)}${r.bestSeconds !== undefined ? `, best ${formatDuration(r.bestSeconds)}` : ''}` : r.attempts > 0 ? '… started, not passed yet' : '· not started';
    return `${pad(r.id, 28)}${pad(r.track, 6)}${status}${r.attempts > 0 ? ` (${r.attempts} attempt${r.attempts === 1 ? '' : 's'}, ${r.hints} hint${r.hints === 1 ? '' : 's'})` : ''}`;
  });
  const passed = rows.filter((r) => r.passed).length;
  const byTrack = ['ops', 'dev', 'chaos'].map((t) => `${t} ${rows.filter((r) => r.track === t && r.passed).length}/${rows.filter((r) => r.track === t).length}`).join(', ');
  lines.push(`${passed} of ${rows.length} drills passed (${byTrack})`);
  return `${lines.join('\n')}\n`;
}
