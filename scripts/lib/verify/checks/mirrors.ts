/**
 * Verify check of a cluster that MirrorMaker 2 replicates into: for each mirror, every remote topic
 * exists here and how far it is behind its source topic (records at the source not yet here), and
 * each group's committed offsets at the source next to the ones MirrorMaker 2 checkpointed and
 * synced here.
 */
import { resolvedAccessOf } from '../../access/index.ts';
import { readDescriptor, type ConnectionDescriptor } from '../../cluster/index.ts';
import { committedOffsets, topicOffsets } from '../../kafka/index.ts';
import type { ResolvedMirror } from '../../../../stacks/model/connectors.ts';
import type { SingleCheck } from '../check.ts';

const total = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);
const ends = async (d: ConnectionDescriptor, topic: string): Promise<number> => total((await topicOffsets(d, topic)).map((o) => o.high));
const committed = async (d: ConnectionDescriptor, group: string, topic: string): Promise<number> => total([...(await committedOffsets(d, group, topic)).values()].filter((o) => o >= 0));

/** One mirror's lines: `orders → dc-a.orders: 1000 of 1000 (lag 0)` and `group orders-app: 600 at dc-a, 600 here`. */
async function mirrorLines(here: ConnectionDescriptor, m: ResolvedMirror, waitFor: <T>(probe: () => Promise<T>, what: string) => Promise<T>): Promise<string[]> {
  const source = readDescriptor(m.source);
  if (!source) throw new Error(`the source cluster '${m.source}' is not running: npm run up -- --cluster ${m.source}`);
  const lines: string[] = [];
  for (const [i, topic] of m.topics.entries()) {
    const remote = m.remoteTopics[i]!;
    // Caught up: everything the source holds now is here (a source still written to shows its lag at the deadline).
    const { want, have } = await waitFor(async () => {
      const [w, h] = [await ends(source, topic), await ends(here, remote)];
      if (h < w) throw new Error(`'${remote}' holds ${h} of the ${w} records of '${m.source}' '${topic}' (lag ${w - h})`);
      return { want: w, have: h };
    }, `MirrorMaker 2 to copy '${topic}' from '${m.source}'`);
    lines.push(`${topic} → ${remote}: ${have} of ${want} records (lag ${Math.max(0, want - have)})`);
  }
  for (const group of m.groups) {
    // A group's coordinator may still be loading (NOT_COORDINATOR): asked again until the deadline.
    const at = await waitFor(async () => total(await Promise.all(m.topics.map((t) => committed(source, group, t)))), `the offsets of group '${group}' at '${m.source}'`);
    const synced = await waitFor(async () => total(await Promise.all(m.remoteTopics.map((t) => committed(here, group, t)))), `the offsets of group '${group}' here`);
    lines.push(`group ${group}: ${at} committed at '${m.source}', ${synced} checkpointed here`);
  }
  return lines;
}

export const mirrorsReplicating: SingleCheck = {
  id: 'mirrors-replicating',
  name: () => 'MirrorMaker 2 replicating',
  applies: (cluster) => Boolean(cluster.connect) && (resolvedAccessOf(cluster)?.mirrors.length ?? 0) > 0,
  after: ['connectors-running'],
  async run({ cluster, d, waitFor }) {
    const mirrors = resolvedAccessOf(cluster)!.mirrors;
    const lines = (await Promise.all(mirrors.map((m) => mirrorLines(d, m, waitFor)))).flat();
    return lines.join('; ');
  },
};
