/**
 * The exam's drills come from the drill registry: those that fit the cluster the exam runs them
 * on. Chaos drills count for the operator track; each drill counts in its own exam domain.
 */
import type { ResolvedCluster } from '../../../../stacks/model/spec.ts';
import { DRILLS } from '../drills/index.ts';
import { shapeProblems } from '../drills/kit/shape.ts';
import type { Drill } from '../drills/kit/types.ts';
import type { DrillRef, DrillSource } from './drills.ts';
import { DOMAINS, type Track } from './tracks.ts';

/** The exam track a drill belongs to: chaos drills are operator work. */
export function examTrackOf(drill: Pick<Drill, 'track'>): Track {
  return drill.track === 'dev' ? 'dev' : 'ops';
}

/** A drill as an exam item; a drill whose domain is not one of its track's exam domains is a registry bug. */
export function drillRefOf(drill: Drill): DrillRef {
  const track = examTrackOf(drill);
  if (!(DOMAINS[track] as readonly string[]).includes(drill.domain)) {
    throw new Error(`drill '${drill.id}' has domain '${drill.domain}', which is not a ${track} exam domain: use one of ${DOMAINS[track].join(', ')}`);
  }
  return { id: drill.id, track, domain: drill.domain, title: drill.title };
}

/** The drills that can run on `cluster` (its shape fits what each needs), by exam track. */
export function registryDrillSource(cluster: ResolvedCluster, drills: readonly Drill[] = DRILLS): DrillSource {
  const fit = drills.filter((d) => shapeProblems(d.needs, cluster).length === 0).map(drillRefOf);
  return (track) => fit.filter((r) => r.track === track);
}
