/**
 * Verify checks of the data path: a topic with one partition and replica per broker, then records
 * produced through every broker's external address (acks=all) and read back.
 */
import { brokersOf, type ResolvedCluster } from '../../../../stacks/model/spec.ts';
import { canReadWithKcat, consumeUntil, ensureTopic, produce, readWholeTopic } from '../../kafka/index.ts';
import type { SingleCheck } from '../check.ts';

export const VERIFY_TOPIC = 'kafkalab-verify';

const replicationFactorOf = (cluster: ResolvedCluster): number => brokersOf(cluster).length;
const distinctSorted = (ids: readonly number[]): number[] => [...new Set(ids)].sort((a, b) => a - b);

export const verifyTopic: SingleCheck = {
  id: 'verify-topic',
  name: (cluster) => `topic '${VERIFY_TOPIC}' with replication factor ${replicationFactorOf(cluster)}`,
  applies: () => true,
  async run({ cluster, d, timeoutMs }) {
    const rf = replicationFactorOf(cluster);
    const parts = await ensureTopic(d, { name: VERIFY_TOPIC, partitions: rf, replicationFactor: rf }, timeoutMs);
    const leaders = distinctSorted(parts.map((p) => p.leader));
    return `${parts.length} partitions, replicas on [${distinctSorted(parts.flatMap((p) => p.replicas)).join(', ')}], leaders [${leaders.join(', ')}]`;
  },
};

/** One record per partition through each address, all read back; runs only when the topic is there. */
export const recordsRoundTrip: SingleCheck = {
  id: 'records-round-trip',
  name: () => 'records through every broker come back',
  applies: () => true,
  requires: [verifyTopic.id],
  async run({ cluster, d, timeoutMs, waitFor }) {
    const rf = replicationFactorOf(cluster);
    const run = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
    // Through every address at once: each is its own producer and connection.
    const sent = await Promise.all(
      d.bootstrapServers.map(async (address) => {
        const records = Array.from({ length: rf }, (_, p) => ({ key: `${address}`, value: `verify ${run} via ${address} p${p}`, partition: p }));
        await waitFor(async () => {
          await produce(d, VERIFY_TOPIC, records, { bootstrap: [address] });
          return true;
        }, `a produce through ${address}`);
        return records.map((r) => r.value);
      }),
    );
    const want = new Set(sent.flat());
    // Distinct values: a record read twice (at-least-once, across a rebalance) must not stand in for one never read.
    const distinctBack = (rs: readonly { value: string | null }[]): number => new Set(rs.map((r) => r.value).filter((v): v is string => v !== null && want.has(v))).size;
    const got = canReadWithKcat()
      ? await waitFor(async () => {
          const rs = await readWholeTopic(d, VERIFY_TOPIC);
          if (distinctBack(rs) < want.size) throw new Error(`${distinctBack(rs)} of ${want.size} records read back so far`);
          return rs;
        }, `the ${want.size} records read back`)
      : await consumeUntil(d, VERIFY_TOPIC, (rs) => distinctBack(rs) >= want.size, { timeoutMs });
    const back = new Set(got.map((r) => r.value).filter((v): v is string => v !== null && want.has(v)));
    if (back.size !== want.size) throw new Error(`${back.size} of ${want.size} records read back`);
    return `${want.size} records produced through ${d.bootstrapServers.length} addresses (acks=all), all ${back.size} read back`;
  },
};
