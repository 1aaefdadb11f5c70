import type { Track } from './tracks.ts';

/** A hands-on drill offered as an exam item (drills themselves are built elsewhere). */
export interface DrillRef {
  readonly id: string;
  readonly track: Track;
  /** One of the track's domains: the drill's result counts there in the report. */
  readonly domain: string;
  readonly title: string;
}

/** Where the exam finds the drills of a track. */
export type DrillSource = (track: Track) => readonly DrillRef[];

/** The source until the drills land: none. */
export const NO_DRILLS: DrillSource = () => [];
