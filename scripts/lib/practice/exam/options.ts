import { defaultMinutes } from './session.ts';
import { TRACKS, isTrack, type Track } from './tracks.ts';
import { UsageError } from '../../../../stacks/model/errors.ts';

/** The exam flags as parsed strings. */
export interface ExamFlags {
  readonly track?: string;
  readonly minutes?: string;
  readonly seed?: string;
  readonly questions?: string;
  readonly json?: boolean;
}

export interface ExamOptions {
  readonly track: Track;
  readonly count: number;
  readonly minutes: number;
  readonly seed: string;
  readonly json: boolean;
}

export const DEFAULT_ITEMS = 20;
export const MAX_MINUTES = 600;

/**
 * Check the exam flags against what the bank offers. `available` is how many items each track
 * has; `newSeed` makes a seed when none is given (printed, so the exam can be replayed).
 */
export function examOptions(flags: ExamFlags, available: Readonly<Record<Track, number>>, newSeed: () => string): ExamOptions {
  if (flags.track === undefined) throw new UsageError(`'--track' is required: use --track ${TRACKS.join(' or --track ')}`);
  if (!isTrack(flags.track)) throw new UsageError(`'--track' (${flags.track}) is not a track: use one of ${TRACKS.join(', ')}`);
  const track = flags.track;
  const max = available[track];
  let count = Math.min(DEFAULT_ITEMS, max);
  if (flags.questions !== undefined) {
    const n = Number(flags.questions);
    if (!/^\d+$/.test(flags.questions) || n < 1) throw new UsageError(`'--questions' (${flags.questions}) is not a whole number of at least 1: use 1 to ${max}`);
    if (n > max) throw new UsageError(`'--questions' (${flags.questions}) is more than the ${max} items of track '${track}': use 1 to ${max}`);
    count = n;
  }
  let minutes = defaultMinutes(count);
  if (flags.minutes !== undefined) {
    const m = Number(flags.minutes);
    if (flags.minutes.trim() === '' || !Number.isFinite(m) || m <= 0 || m > MAX_MINUTES) {
      throw new UsageError(`'--minutes' (${flags.minutes}) is out of range: use a number above 0 and at most ${MAX_MINUTES} (such as 30 or 0.5)`);
    }
    minutes = m;
  }
  if (flags.seed !== undefined && flags.seed.trim() === '') throw new UsageError(`'--seed' is empty: use any word or number, such as --seed 42`);
  return { track, count, minutes, seed: flags.seed ?? newSeed(), json: flags.json ?? false };
}
