import type { DrillRef } from './drills.ts';
import { drillItem, questionItem, type ExamItem } from './exam-item.ts';
import { createRng, shuffled } from './prng.ts';
import type { Question } from './question.ts';
import { DOMAINS, type Track } from './tracks.ts';

export interface SelectOptions {
  readonly track: Track;
  /** How many items in all (questions and drills). */
  readonly count: number;
  readonly seed: string;
  /** The drills the exam may include. @default - none (questions only) */
  readonly drills?: readonly DrillRef[];
  /** The share of items that are drills, when there are enough drills. @default 0.25 */
  readonly drillShare?: number;
}

/** How many items a track can offer: its questions and its drills. */
export function availableItems(questions: readonly Question[], drills: readonly DrillRef[], track: Track): number {
  return questions.filter((q) => q.track === track).length + drills.filter((d) => d.track === track).length;
}

/**
 * The items of one exam, the same for the same bank, track, count and seed. Questions are drawn
 * round-robin over the track's domains (in a seeded order), so a short exam still spreads over
 * the domains; drills take their share; then the whole list is shuffled.
 */
export function selectItems(questions: readonly Question[], opts: SelectOptions): ExamItem[] {
  const rng = createRng(`${opts.track}:${opts.seed}`);
  const pool = questions.filter((q) => q.track === opts.track);
  const drills = (opts.drills ?? []).filter((d) => d.track === opts.track);
  const available = pool.length + drills.length;
  if (!Number.isInteger(opts.count) || opts.count < 1 || opts.count > available) {
    throw new RangeError(`cannot select ${opts.count} items from track '${opts.track}': it has ${available}`);
  }
  const wantedDrills = Math.min(drills.length, Math.round(opts.count * (opts.drillShare ?? 0.25)));
  const questionCount = Math.min(pool.length, opts.count - wantedDrills);
  const drillCount = opts.count - questionCount;

  const domains = [...new Set([...(DOMAINS[opts.track] as readonly string[]), ...pool.map((q) => q.domain)])];
  const byDomain = shuffled(domains, rng).map((d) =>
    shuffled(
      pool.filter((q) => q.domain === d),
      rng,
    ),
  );
  const picked: Question[] = [];
  const rounds = Math.max(0, ...byDomain.map((l) => l.length));
  for (let round = 0; round < rounds && picked.length < questionCount; round++) {
    for (const list of byDomain) {
      const q = list[round];
      if (q && picked.length < questionCount) picked.push(q);
    }
  }
  const items: ExamItem[] = [...picked.map(questionItem), ...shuffled(drills, rng).slice(0, drillCount).map(drillItem)];
  return shuffled(items, rng);
}
