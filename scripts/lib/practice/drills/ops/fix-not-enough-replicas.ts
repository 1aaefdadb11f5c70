import { alterTopicConfig, deleteTopicsIfPresent, describeTopicConfig, describeTopicOverrides, parseQuorumStatus, type PartitionState, produce, shortMessage } from '../../../kafka/index.ts';
import { $ } from 'zx';
import { brokersOf, type ResolvedNode } from '../../../../../stacks/model/spec.ts';
import { grade, indent, notTried, partitionsOf, seedTopic, seededRecordsCriterion, showPartitions, waitFor } from '../kit/kit.ts';
import { nodeHealth, pickVictim } from '../kit/nodes.ts';
import type { DrillContext, Drill } from '../kit/types.ts';

const TOPIC = 'ops-acks';
const RECORDS = 20;
/** Kafka caps min.insync.replicas at the replication factor, so the bad value only bites once a replica is out: the setup stops one broker. */
const BAD = '3';

/**
 * Whether a min.insync.replicas value keeps acks=all writes durable and available for a
 * replication factor: at least 2 copies acknowledged, and one replica may be lost.
 */
export function minIsrVerdict(minIsr: number, rf: number): { ok: boolean; why: string } {
  if (!Number.isInteger(minIsr) || minIsr < 1) return { ok: false, why: `min.insync.replicas=${minIsr} is not a valid value` };
  if (minIsr > rf) return { ok: false, why: `min.insync.replicas=${minIsr} > replication factor ${rf}: acks=all can never be satisfied` };
  if (minIsr === rf) return { ok: false, why: `min.insync.replicas=${minIsr} = replication factor ${rf}: losing any one replica stops acks=all writes` };
  if (minIsr < 2) return { ok: false, why: `min.insync.replicas=${minIsr}: an acknowledged write may exist on one broker only` };
  return { ok: true, why: `min.insync.replicas=${minIsr} with replication factor ${rf}: 2+ copies per write, one replica may be lost` };
}

/**
 * Replica lists of 3 with `victim` last in every one and the leadership rotating over the others: the
 * stopped broker leads nothing, so stopping it only shrinks ISRs and moves no partition leader.
 * (A leader moved while the ISR is under min.insync.replicas keeps its high watermark frozen, with
 * Eligible Leader Replicas on: offsets and reads of that partition then fail until a new write.)
 */
export function followerOnlyAssignment(brokers: readonly number[], victim: number, partitions: number): number[][] {
  const others = brokers.filter((b) => b !== victim);
  if (others.length === brokers.length) throw new Error(`victim broker ${victim} is not one of the brokers [${brokers.join(', ')}]`);
  if (others.length < 2) throw new Error(`followerOnlyAssignment needs 3+ brokers, got [${brokers.join(', ')}]`);
  return Array.from({ length: partitions }, (_, p) => [others[p % others.length]!, others[(p + 1) % others.length]!, victim]);
}

/** Why the scenario is not in place yet (undefined when it is): every partition led by a live broker, the victim out of every ISR. */
export function scenarioGap(parts: readonly PartitionState[], victim: number): string | undefined {
  if (parts.length === 0) return 'the topic has no partitions yet';
  const bad = parts.filter((p) => p.leader < 0 || p.leader === victim || p.isr.includes(victim));
  return bad.length === 0 ? undefined : showPartitions(bad, (p) => `leader ${p.leader} isr [${p.isr.join(',')}]`);
}

/** The broker to stop: not the KRaft quorum leader (a controller election on top would slow every step down). */
async function chooseVictim(ctx: DrillContext): Promise<ResolvedNode> {
  if (ctx.cluster.mode === 'zookeeper') return pickVictim(ctx.cluster);
  const status = parseQuorumStatus((await ctx.tool('kafka-metadata-quorum.sh', ['describe', '--status'])).stdout);
  return pickVictim(ctx.cluster, [status.leaderId]);
}

/** Write one acks=all record; the error's short message when refused. */
async function probe(ctx: DrillContext): Promise<string | undefined> {
  try {
    await produce(await ctx.live(), TOPIC, [{ key: 'grader', value: 'acks=all probe' }], { retries: 1 });
    return undefined;
  } catch (error) {
    return shortMessage(error);
  }
}

export const fixNotEnoughReplicas: Drill = {
  id: 'fix-not-enough-replicas',
  title: 'Producers fail with NOT_ENOUGH_REPLICAS: find and fix the config',
  track: 'ops',
  domain: 'monitoring-and-troubleshooting',
  difficulty: 'easy',
  minutes: 10,
  needs: { minBrokers: 3, mode: 'any', security: 'any' },
  task: (facts, cluster) => {
    const down = String(facts.victim ?? pickVictim(cluster).containerName);
    return [
      `Broker container ${down} is down for a disk replacement and stays down until tomorrow: do not start it.`,
      `Since it went down, every producer with acks=all fails on topic '${TOPIC}' (RF 3) with NOT_ENOUGH_REPLICAS,`,
      'while the other topics take writes. Find the cause and fix it so that acks=all writes to it succeed',
      'with that broker down, without weakening durability: each acknowledged write must still be on at least',
      `2 brokers. Do not recreate the topic: its ${RECORDS} records must stay.`,
    ].join('\n');
  },
  async setup(ctx) {
    const victim = await chooseVictim(ctx);
    const ids = brokersOf(ctx.cluster).map((b) => b.id);
    const seeded = await seedTopic(ctx, TOPIC, { partitions: 3, replicaAssignment: followerOnlyAssignment(ids, victim.id, 3), count: RECORDS });
    // Every leader on its first replica (never the victim) before the stop, so the stop moves none.
    await waitFor(
      async () => {
        const parts = (await partitionsOf(ctx, TOPIC)) ?? [];
        const off = parts.filter((p) => p.leader !== p.replicas[0] || p.isr.length < p.replicas.length);
        if (parts.length === 0 || off.length > 0) throw new Error(showPartitions(off, (p) => `leader ${p.leader} replicas [${p.replicas.join(',')}] isr [${p.isr.join(',')}]`));
        return true;
      },
      { what: `every partition of '${TOPIC}' led by its first replica with a full ISR`, timeoutMs: 60_000, intervalMs: 1000 },
    );
    await alterTopicConfig(ctx.d, TOPIC, { 'min.insync.replicas': BAD });
    await $({ quiet: true })`docker stop ${victim.containerName}`;
    await waitFor(
      async () => {
        const gap = scenarioGap((await partitionsOf(ctx, TOPIC)) ?? [], victim.id);
        if (gap) throw new Error(gap);
        return true;
      },
      { what: `broker ${victim.id} to leave the ISRs of '${TOPIC}'`, timeoutMs: 90_000, intervalMs: 1000 },
    );
    return { marker: seeded.marker, victim: victim.containerName, victimId: victim.id };
  },
  async check(ctx) {
    const parts = await partitionsOf(ctx, TOPIC);
    if (!parts) return [notTried(`topic '${TOPIC}' exists`, `topic '${TOPIC}' is gone (was it deleted?)`)];
    const rf = Math.min(...parts.map((p) => p.replicas.length));
    return [
      await grade(`a producer with acks=all writes to '${TOPIC}'`, async () => {
        const refused = await probe(ctx);
        return refused === undefined ? { ok: true, saw: 'acknowledged by the in-sync replicas' } : { ok: false, saw: `failed: ${refused}` };
      }),
      await grade(`min.insync.replicas on '${TOPIC}' is at least 2 and below its replication factor`, async () => {
        const d = await ctx.live();
        const effective = Number((await describeTopicConfig(d, [TOPIC], 'min.insync.replicas'))[TOPIC]);
        const own = (await describeTopicOverrides(d, [TOPIC]))[TOPIC]?.['min.insync.replicas'];
        const v = minIsrVerdict(effective, rf);
        return { ok: v.ok, saw: `${v.why} (${own === undefined ? 'the broker default' : 'set on the topic'})` };
      }),
      await seededRecordsCriterion(ctx, TOPIC, String(ctx.facts.marker), RECORDS, { untilMs: 60_000 }),
      await grade(`${String(ctx.facts.victim)} is still down for its maintenance`, async () => {
        const n = (await nodeHealth(ctx.cluster)).find((x) => x.container === ctx.facts.victim);
        return { ok: n !== undefined && !n.up, saw: n ? `${n.container}: ${n.status}` : 'no such container' };
      }),
    ];
  },
  hints: [
    'NOT_ENOUGH_REPLICAS means the partition\'s ISR is smaller than min.insync.replicas. kafka-topics.sh --describe --topic ops-acks shows the replication factor and the ISR: 2 of 3 with one broker down, which RF 3 is meant to survive.',
    'min.insync.replicas can be set per topic: kafka-configs.sh --describe --entity-type topics --entity-name ops-acks shows the topic\'s overrides. Compare it with the replication factor.',
    'kafka-configs.sh --alter --entity-type topics --entity-name ops-acks --delete-config min.insync.replicas (back to the broker default) or --add-config min.insync.replicas=2.',
  ],
  solution: {
    steps: [
      'kafka-topics.sh --describe --topic ops-acks                                   # RF 3, ISR of 2 (one broker down)',
      'kafka-configs.sh --describe --entity-type topics --entity-name ops-acks        # min.insync.replicas=3',
      'kafka-configs.sh --alter --entity-type topics --entity-name ops-acks --delete-config min.insync.replicas',
    ],
    async run(ctx) {
      ctx.say(`$ kafka-configs.sh --describe --entity-type topics --entity-name ${TOPIC}`);
      ctx.say(indent((await ctx.tool('kafka-configs.sh', ['--describe', '--entity-type', 'topics', '--entity-name', TOPIC])).stdout));
      const args = ['--alter', '--entity-type', 'topics', '--entity-name', TOPIC, '--delete-config', 'min.insync.replicas'];
      ctx.say(`$ kafka-configs.sh ${args.join(' ')}`);
      ctx.say(indent((await ctx.tool('kafka-configs.sh', args)).stdout));
      const effective = (await describeTopicConfig(await ctx.live(), [TOPIC], 'min.insync.replicas'))[TOPIC];
      ctx.say(`min.insync.replicas of '${TOPIC}' is now the broker default: ${effective}`);
      // The leaders apply the change from the metadata log a moment later: done once a write is acknowledged.
      await waitFor(
        async () => {
          const refused = await probe(ctx);
          if (refused !== undefined) throw new Error(refused);
          return true;
        },
        { what: `an acks=all write to '${TOPIC}' to be acknowledged`, timeoutMs: 60_000, intervalMs: 1000 },
      );
      ctx.say(`an acks=all write to '${TOPIC}' is acknowledged with ${String(ctx.facts.victim)} still down`);
    },
  },
  explain: [
    'With acks=all the leader answers once every replica in the ISR has the record, and refuses the write',
    '(NOT_ENOUGH_REPLICAS) while the ISR is smaller than min.insync.replicas. The pair sets the trade-off:',
    'RF 3 with min.insync.replicas=2 survives one broker down with no loss of acknowledged writes. A value',
    'equal to the RF stops writes at the first broker down or restarting (Kafka caps a larger value at the RF,',
    'so it behaves the same). It is a topic config overriding the broker default: check the overrides first.',
    'Since Kafka 4.1 (Eligible Leader Replicas on by default) the high watermark also stops while the ISR is',
    'below min.insync.replicas: even acks=1 writes stay invisible to consumers until the ISR is big enough.',
  ].join('\n'),
  async reset(ctx) {
    await deleteTopicsIfPresent(ctx.d, [TOPIC]);
  },
};
