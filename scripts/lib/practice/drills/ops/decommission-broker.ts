import { brokersOf, type ResolvedCluster } from '../../../../../stacks/model/spec.ts';
import { deleteTopicsIfPresent, withAdmin } from '../../../kafka/index.ts';
import { brokerIds, grade, indent, notTried, partitionsOf, seedTopic, seededRecordsCriterion, showPartitions, waitFor } from '../kit/kit.ts';
import { nodeHealth } from '../kit/nodes.ts';
import { reassignmentJson } from './raise-replication-factor.ts';
import { criterion, type Criterion, type Drill, type DrillContext } from '../kit/types.ts';

const TOPICS = ['ops-decom-orders', 'ops-decom-events'] as const;
const PARTITIONS = 3;
const RECORDS = 24;
const PLAN_PATH = '/tmp/ops-decom-plan.json';

/** The broker being retired: the highest id (kafka-1 stays for tools). */
export const retiredBroker = (cluster: ResolvedCluster): number => brokersOf(cluster).slice(0, 3).map((b) => b.id).sort((a, b) => b - a)[0]!;

/** RF 2 replica lists over three brokers in which every broker, the retired one too, holds replicas and leads some. */
export function decomAssignment(ids: readonly number[]): number[][] {
  const [a, b, c] = ids as [number, number, number];
  return [
    [c, a],
    [a, c],
    [b, c],
  ];
}

/**
 * The same replica lists with `retired` replaced by a remaining broker not already in the list
 * (the replica count stays; the first replica stays first when it is not the retired one).
 */
export function withoutBroker(replicas: readonly (readonly number[])[], retired: number, remaining: readonly number[]): number[][] {
  return replicas.map((r, i) => {
    if (!r.includes(retired)) return [...r];
    const spare = remaining.filter((b) => !r.includes(b));
    if (spare.length === 0) throw new Error(`partition ${i} [${r.join(',')}] has no spare broker among [${remaining.join(',')}]`);
    // Rotate over the spares so the replacements spread.
    const pick = spare[i % spare.length]!;
    return r.map((b) => (b === retired ? pick : b));
  });
}

async function reassigningCount(ctx: DrillContext): Promise<number> {
  return withAdmin(await ctx.live(), async (admin) =>
    (await admin.listPartitionReassignments({ topics: TOPICS.map((topic) => ({ topic, partitions: Array.from({ length: PARTITIONS }, (_, p) => p) })) })).topics.flatMap((t) => t.partitions).length,
  );
}

export const decommissionBroker: Drill = {
  id: 'decommission-broker',
  title: 'Drain every replica off a broker before retiring it',
  track: 'ops',
  domain: 'scaling-and-capacity',
  difficulty: 'medium',
  minutes: 20,
  needs: { minBrokers: 3, mode: 'any', security: 'any' },
  task: (_facts, cluster) => {
    const n = retiredBroker(cluster);
    return [
      `Broker ${n} is going to be retired. Before it is switched off, move every replica of the topics`,
      `${TOPICS.map((t) => `'${t}'`).join(' and ')} (${PARTITIONS} partitions each, RF 2) off broker ${n}, onto the other brokers:`,
      `no partition of them may keep a replica (or its leadership) on ${n}, each keeps 2 replicas, all in sync,`,
      `and the ${RECORDS} records of each topic stay readable. Leave broker ${n} running (the grader does not`,
      'switch it off; on this 3-broker cluster the internal RF-3 topics could not leave it anyway).',
    ].join('\n');
  },
  async setup(ctx) {
    const assignment = decomAssignment(brokerIds(ctx));
    const markers: string[] = [];
    for (const topic of TOPICS) markers.push((await seedTopic(ctx, topic, { partitions: PARTITIONS, replicaAssignment: assignment, count: RECORDS })).marker);
    return { markers, retired: retiredBroker(ctx.cluster) };
  },
  async check(ctx) {
    const retired = Number(ctx.facts.retired ?? retiredBroker(ctx.cluster));
    const markers = (ctx.facts.markers ?? []) as readonly string[];
    const out: Criterion[] = [];
    const all = [];
    for (const topic of TOPICS) {
      const parts = await partitionsOf(ctx, topic);
      if (!parts) {
        out.push(notTried(`topic '${topic}' exists`, `topic '${topic}' is gone (was it deleted?)`));
        continue;
      }
      all.push(...parts);
      out.push(
        await grade(`no replica of '${topic}' is on broker ${retired}, and each partition keeps 2`, async () => ({
          ok: parts.every((p) => !p.replicas.includes(retired) && new Set(p.replicas).size === 2),
          saw: showPartitions(parts, (p) => `[${p.replicas.join(',')}]`),
        })),
      );
    }
    const running = await reassigningCount(ctx);
    out.push(
      criterion(
        'no reassignment is running, every replica is in sync, every partition has a leader',
        all.length === TOPICS.length * PARTITIONS && running === 0 && all.every((p) => p.isr.length === p.replicas.length && p.leader >= 0),
        `${running > 0 ? `${running} partitions still reassigning; ` : ''}${all.map((p) => `${p.topic}-${p.partition} leader ${p.leader} isr [${p.isr.join(',')}]`).join(', ')}`,
      ),
    );
    out.push(
      await grade(`broker ${retired} is still running`, async () => {
        const n = (await nodeHealth(ctx.cluster)).find((x) => x.id === retired);
        return { ok: n?.up === true, saw: n ? `${n.container}: ${n.status}` : 'no such node' };
      }),
    );
    for (const [i, topic] of TOPICS.entries()) out.push(await seededRecordsCriterion(ctx, topic, String(markers[i] ?? ''), RECORDS));
    return out;
  },
  hints: [
    'kafka-topics.sh --describe --topic ops-decom-orders (and ops-decom-events) shows which partitions have the retired broker in Replicas.',
    'kafka-reassign-partitions.sh --generate --topics-to-move-json-file topics.json --broker-list "<the other two ids>" proposes a plan without that broker; or write the plan yourself, replacing it in each list.',
    'kafka-reassign-partitions.sh --reassignment-json-file plan.json --execute, then --verify until every partition is complete. Leadership moves with the replicas: a replica that is gone cannot lead.',
  ],
  solution: {
    steps: [
      'kafka-topics.sh --describe --topic ops-decom-orders; same for ops-decom-events   # replicas on the retired broker',
      'write plan.json: each list with the retired broker replaced by another one not in it',
      'kafka-reassign-partitions.sh --reassignment-json-file plan.json --execute',
      'kafka-reassign-partitions.sh --reassignment-json-file plan.json --verify   # until every partition is completed',
    ],
    async run(ctx) {
      const retired = Number(ctx.facts.retired ?? retiredBroker(ctx.cluster));
      const remaining = brokersOf(ctx.cluster).map((b) => b.id).filter((id) => id !== retired);
      const partitions: { topic: string; partition: number; replicas: number[] }[] = [];
      for (const topic of TOPICS) {
        const parts = (await partitionsOf(ctx, topic)) ?? [];
        ctx.say(`${topic}: ${showPartitions(parts, (p) => `[${p.replicas.join(',')}]`)}`);
        const moved = withoutBroker(parts.map((p) => p.replicas), retired, remaining);
        const one = JSON.parse(reassignmentJson(topic, moved)) as { partitions: { topic: string; partition: number; replicas: number[] }[] };
        partitions.push(...one.partitions);
      }
      const plan = JSON.stringify({ version: 1, partitions });
      ctx.say(`plan (${PLAN_PATH}): ${plan}`);
      ctx.say(`$ kafka-reassign-partitions.sh --reassignment-json-file ${PLAN_PATH} --execute`);
      const r = await ctx.tool('kafka-reassign-partitions.sh', ['--reassignment-json-file', PLAN_PATH, '--execute'], { files: { [PLAN_PATH]: plan } });
      ctx.say(indent(r.stdout.split('\n').filter((l) => /Successfully/.test(l)).join('\n')));
      await waitFor(
        async () => {
          if ((await reassigningCount(ctx)) > 0) throw new Error('still reassigning');
          for (const topic of TOPICS) {
            const parts = (await partitionsOf(ctx, topic)) ?? [];
            if (parts.some((p) => p.replicas.includes(retired) || p.isr.length !== p.replicas.length)) throw new Error(`${topic}: ${showPartitions(parts, (p) => `[${p.replicas.join(',')}] isr [${p.isr.join(',')}]`)}`);
          }
          return true;
        },
        { what: `every replica of ${TOPICS.join(', ')} off broker ${retired} and in sync`, timeoutMs: 120_000 },
      );
      ctx.say(`$ kafka-reassign-partitions.sh --reassignment-json-file ${PLAN_PATH} --verify`);
      const v = await ctx.tool('kafka-reassign-partitions.sh', ['--reassignment-json-file', PLAN_PATH, '--verify'], { files: { [PLAN_PATH]: plan } });
      ctx.say(indent(v.stdout.trim()));
    },
  },
  explain: [
    'Kafka never moves replicas by itself: a broker that is switched off keeps its place in every replica',
    'list, and its partitions stay under-replicated (or offline, for RF 1) until it returns. Decommissioning',
    'is a reassignment first: every list that names the broker gets another broker instead, the new replicas',
    'copy the data and join the ISR, and leadership moves to the remaining replicas. Only then is the broker',
    'idle and safe to stop; in KRaft it is then unregistered (kafka-cluster.sh unregister, or for a',
    'controller, kafka-metadata-quorum.sh remove-controller). Throttle the move on a busy cluster.',
  ].join('\n'),
  async reset(ctx) {
    await deleteTopicsIfPresent(ctx.d, [...TOPICS]);
  },
};
