/**
 * Verify checks of replication: an RF-3 topic's replicas spread over the declared racks, and no
 * under-replicated partition.
 */
import { brokersOf, type ResolvedCluster } from '../../../../stacks/model/spec.ts';
import { describePartitions, ensureTopic } from '../../kafka/index.ts';
import type { SingleCheck } from '../check.ts';
import { VERIFY_TOPIC } from './round-trip.ts';

/** broker id → rack, for the brokers that declare one. */
export function racksOf(cluster: ResolvedCluster): Map<number, string> {
  return new Map(brokersOf(cluster).flatMap((b) => (b.rack !== undefined ? [[b.id, b.rack] as const] : [])));
}

export const replicasOnDistinctRacks: SingleCheck = {
  id: 'replicas-on-racks',
  // After the round trip, as before checks ran side by side: its topic is made while no consumer group is joining.
  after: ['records-round-trip'],
  name: () => 'replicas of an RF-3 topic on distinct racks',
  applies: (cluster) => racksOf(cluster).size > 0 && brokersOf(cluster).length >= 3,
  async run({ cluster, d, timeoutMs }) {
    const racks = racksOf(cluster);
    const parts = await ensureTopic(d, { name: `${VERIFY_TOPIC}-racks`, partitions: brokersOf(cluster).length, replicationFactor: 3 }, timeoutMs);
    const want = Math.min(3, new Set(racks.values()).size);
    const bad = parts.filter((p) => new Set(p.replicas.map((r) => racks.get(r))).size < want);
    if (bad.length > 0) {
      throw new Error(`${bad.length} partitions have replicas on fewer than ${want} racks: ${bad.map((p) => `p${p.partition} [${p.replicas.map((r) => `${r}@${racks.get(r)}`).join(',')}]`).join(' ')}`);
    }
    return parts.map((p) => `p${p.partition} on ${p.replicas.map((r) => racks.get(r)).join('/')}`).join(', ');
  },
};

export const noUnderReplicated: SingleCheck = {
  id: 'no-under-replicated',
  // After the topics verify makes, so that they are counted, and replicated, when it looks.
  after: ['records-round-trip', 'replicas-on-racks'],
  name: () => 'no under-replicated partitions',
  applies: () => true,
  async run({ d, waitFor }) {
    const parts = await waitFor(async () => {
      const all = await describePartitions(d);
      const urp = all.filter((p) => p.isr.length < p.replicas.length);
      if (urp.length > 0) throw new Error(`${urp.length} under-replicated: ${urp.slice(0, 5).map((p) => `${p.topic}-${p.partition}`).join(', ')}`);
      return all;
    }, '0 under-replicated partitions');
    return `0 of ${parts.length} partitions under-replicated`;
  },
};
