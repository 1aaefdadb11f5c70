/**
 * A whole host lost: the lab host of the active controller cut off the network at the router (its
 * node runs on, unreachable), on a cluster whose nodes are placed on lab hosts (docs/lab-hosts.md).
 * The learner finds the lost host, shows that acks=all writes still succeed on the two others, and
 * brings it back.
 */
import { brokersOf, type ResolvedNode } from '../../../../../stacks/model/spec.ts';
import { describeBrokers, describePartitions, parseQuorumStatus, readTopic } from '../../../kafka/index.ts';
import { cutLabHostLink, labHostLinkUp, restoreLabHostLink } from '../../../lab-hosts/index.ts';
import { chaosDrill, quorumCriteria } from '../kit/chaos.ts';
import { grade, indent, notTried, waitFor } from '../kit/kit.ts';
import { labHostOfNode, waitUntilWhole } from '../kit/nodes.ts';
import { LAB_HOST_DRILL_MIN_ISR } from '../kit/shape.ts';
import type { Criterion, DrillContext, Facts } from '../kit/types.ts';

const TOPIC = 'chaos-host';
/** The key of the record the learner writes with acks=all while the host is cut; its value names the host. */
export const LOST_HOST_KEY = 'lost-host';
/** How much earlier than the cut a record's CreateTime may be and still count (clocks of one machine). */
const CLOCK_SLACK_MS = 1000;

const labHostOf = (n: ResolvedNode, cluster: string): string => {
  const h = labHostOfNode(n);
  if (!h) throw new Error(`node ${n.id} of cluster '${cluster}' is not placed on a lab host: this drill needs every node on one (npm run lab-hosts -- up, docs/lab-hosts.md)`);
  return h;
};

/** The lab hosts the cluster's nodes run on. */
const labHostsOf = (ctx: DrillContext): string[] => [...new Set(ctx.cluster.nodes.map(labHostOfNode).filter((h): h is string => h !== undefined))];

/** The quorum status, read in a node that still answers. */
async function quorumStatus(ctx: DrillContext): Promise<{ text: string; leaderId: number; leaderEpoch: number }> {
  const text = (await ctx.tool('kafka-metadata-quorum.sh', ['describe', '--status'])).stdout;
  const s = parseQuorumStatus(text);
  return { text, leaderId: s.leaderId, leaderEpoch: s.leaderEpoch };
}

/** Which record names the lost host: the key, a value of the host's name, a CreateTime after the cut. Pure. */
export function lostHostAnswer(
  records: readonly { readonly key: string | null; readonly value: string | null; readonly timestamp: number }[],
  facts: Facts,
): { ok: boolean; saw: string } {
  const names = [String(facts.lostHost ?? ''), String(facts.lostHostName ?? '')].filter((n) => n !== '');
  const cutAt = Number(facts.cutAt ?? 0);
  const keyed = records.filter((r) => r.key === LOST_HOST_KEY);
  if (keyed.length === 0) return { ok: false, saw: `no record keyed '${LOST_HOST_KEY}' in '${TOPIC}'` };
  const named = keyed.filter((r) => names.includes((r.value ?? '').trim()));
  const inTime = named.filter((r) => r.timestamp >= cutAt - CLOCK_SLACK_MS);
  if (inTime.length > 0) {
    const r = inTime[0]!;
    return { ok: true, saw: `'${r.value!.trim()}', written ${Math.max(0, Math.round((r.timestamp - cutAt) / 1000))}s after the cut` };
  }
  if (named.length > 0) return { ok: false, saw: `'${named[0]!.value!.trim()}' was written before the cut (CreateTime ${new Date(named[0]!.timestamp).toISOString()}): write it again` };
  return { ok: false, saw: `${keyed.map((r) => `'${(r.value ?? '').trim().slice(0, 40)}'`).join(', ')}: not the lost host` };
}

const ANSWER_CRITERION = `a record keyed '${LOST_HOST_KEY}' in '${TOPIC}', written with acks=all after the cut, names the lost host`;

async function answerCriterion(ctx: DrillContext, whole: boolean): Promise<Criterion> {
  if (!whole) return notTried(ANSWER_CRITERION, 'the cluster is not whole yet');
  return grade(ANSWER_CRITERION, async () => lostHostAnswer(await readTopic(await ctx.live(), TOPIC, { timeoutMs: 30_000 }), ctx.facts));
}

export const loseAHost = chaosDrill({
  id: 'lose-a-host',
  title: 'A whole host is lost',
  domain: 'replication-and-durability',
  difficulty: 'hard',
  minutes: 20,
  mode: 'kraft',
  labHosts: true,
  topic: TOPIC,
  topicConfig: { 'min.insync.replicas': String(LAB_HOST_DRILL_MIN_ISR) },
  story: [
    'The host of the active controller (the KRaft quorum leader) lost its network: its node still runs, but',
    'nothing reaches it and it reaches nothing (a pulled cable, a dead switch port). Each broker\'s rack is',
    'its host\'s name.',
    '1. Find which host is lost: the broker that is fenced (no longer registered), its rack, and which node',
    '   is the active controller now.',
    `2. While that host is still cut off, show that acks=all writes still succeed: write one record to`,
    `   '${TOPIC}' with acks=all, key '${LOST_HOST_KEY}' and the lost host's name as its value (e.g. lab-2).`,
    '3. Bring the host back (npm run lab-hosts -- restore <host>, as root) and confirm the cluster is whole,',
    '   its quorum caught up.',
  ],
  async pickVictim(ctx) {
    const { leaderId } = await quorumStatus(ctx);
    const node = ctx.cluster.nodes.find((n) => n.id === leaderId);
    if (!node) throw new Error(`quorum leader ${leaderId} is not a node of '${ctx.cluster.name}'`);
    labHostOf(node, ctx.cluster.name);
    return node;
  },
  disrupt: (victim, ctx) => async () => {
    const lostHost = labHostOf(victim, ctx.cluster.name);
    const cutAt = Date.now();
    await cutLabHostLink(lostHost);
    return { lostHost, lostHostName: victim.placed!.host.name, lostNode: victim.id, cutAt };
  },
  async noticed(victims, ctx) {
    // The lost host held the quorum leader, so its brokers can only be fenced by a new leader on
    // another host: once the survivors no longer list them, a new quorum leader is in office. The
    // quorum is not asked here: the first request a survivor forwards to the controller after the
    // cut waits out request.timeout.ms (30 s) on its silent connection to the old leader.
    const lost = labHostOf(victims[0]!, ctx.cluster.name);
    const goneBrokers = ctx.cluster.nodes.filter((n) => labHostOfNode(n) === lost && n.roles.includes('broker')).map((n) => n.id);
    await waitFor(
      async () => {
        const ids = (await describeBrokers(await ctx.live())).map((b) => b.nodeId);
        const still = goneBrokers.filter((id) => ids.includes(id));
        if (still.length > 0) throw new Error(`broker ${still.join(', ')} still registered`);
        return true;
      },
      { what: `the cluster to notice that host ${lost} is lost (its brokers fenced by a new quorum leader)`, timeoutMs: 120_000, intervalMs: 2000 },
    );
  },
  async diagnose(ctx) {
    const lostNode = Number(ctx.facts.lostNode);
    ctx.say('$ kafka-metadata-quorum.sh describe --status   # in a node that still answers');
    const status = await quorumStatus(ctx);
    ctx.say(indent(status.text.split('\n').filter((l) => /^(LeaderId|LeaderEpoch)/.test(l)).join('\n')));
    const registered = (await describeBrokers(await ctx.live())).map((b) => b.nodeId);
    const fenced = brokersOf(ctx.cluster).filter((b) => !registered.includes(b.id));
    ctx.say(`registered brokers [${registered.join(', ')}]; not registered (fenced): ${fenced.map((b) => `broker ${b.id} (rack ${b.rack ?? '-'}, host ${b.placed?.host.name ?? '-'})`).join(', ') || 'none'}`);
    ctx.say(`the lost host is ${String(ctx.facts.lostHost)}: node ${lostNode} led the quorum; node ${status.leaderId} leads it now (epoch ${status.leaderEpoch})`);
    ctx.say(`$ kafka-topics.sh --describe --topic ${TOPIC}`);
    const parts = (await describePartitions(await ctx.live(), [TOPIC])).sort((a, b) => a.partition - b.partition);
    ctx.say(indent(parts.map((p) => `p${p.partition} leader ${p.leader} replicas [${p.replicas.join(',')}] isr [${p.isr.join(',')}]`).join('\n')));
    const line = `${LOST_HOST_KEY}:${String(ctx.facts.lostHost)}`;
    const produce = ['--topic', TOPIC, '--command-property', 'acks=all', '--reader-property', 'parse.key=true', '--reader-property', 'key.separator=:'];
    ctx.say(`$ echo ${line} | kafka-console-producer.sh ${produce.join(' ')}`);
    const r = await ctx.tool('kafka-console-producer.sh', produce, { input: `${line}\n`, timeoutMs: 90_000 });
    if (/ERROR|Exception/.test(r.stderr)) throw new Error(`the acks=all write failed in ${r.container}: ${r.stderr.trim().split('\n').slice(-1)[0]}`);
    const back = (await readTopic(await ctx.live(), TOPIC, { timeoutMs: 30_000 })).filter((x) => x.key === LOST_HOST_KEY);
    const mine = back.find((x) => x.value === String(ctx.facts.lostHost));
    if (!mine) throw new Error(`the acks=all write of ${line} is not in '${TOPIC}' (records keyed ${LOST_HOST_KEY}: ${back.map((x) => x.value).join(', ') || 'none'})`);
    const isr = parts.find((p) => p.partition === mine.partition)?.isr ?? [];
    ctx.say(`  acknowledged and read back: partition ${mine.partition}, offset ${mine.offset}, written with ${isr.length} replicas in sync [${isr.join(',')}] (min.insync.replicas=${LAB_HOST_DRILL_MIN_ISR})`);
  },
  extraCriteria: async (ctx, whole) => [...(await quorumCriteria(ctx, whole)), await answerCriterion(ctx, whole)],
  async beforeHeal(ctx) {
    // Every lab host of the cluster back on the network (those already up are left alone), then whole.
    const restored: string[] = [];
    for (const host of labHostsOf(ctx)) {
      if (await labHostLinkUp(host)) continue;
      await restoreLabHostLink(host);
      restored.push(host);
    }
    if (restored.length > 0) await waitUntilWhole(ctx.cluster, ctx.d);
  },
  hints: [
    'Ask Kafka, from a node that still answers: which broker ids are registered (kafka-broker-api-versions.sh lists them with their racks), and kafka-metadata-quorum.sh describe --status for the leader. npm run info -- --cluster <cluster> shows each node\'s host and rack, and docker -H <a host\'s engine> exec runs tools in its node. Tools in the lost node only hang, and the first call a survivor makes to the old controller can take 30 s (request.timeout.ms): a cut cable gives no error, only silence.',
    `kafka-topics.sh --describe --topic ${TOPIC} shows each partition with 2 of its 3 replicas in sync: the one missing is the lost host's broker (its rack is its host). min.insync.replicas is ${LAB_HOST_DRILL_MIN_ISR}, so acks=all still works: echo ${LOST_HOST_KEY}:lab-K | kafka-console-producer.sh --topic ${TOPIC} --command-property acks=all --reader-property parse.key=true --reader-property key.separator=: in a surviving node, or kcat -F <kcat.conf> -P -t ${TOPIC} -K: -X acks=all.`,
    'npm run lab-hosts -- restore lab-K (as root) brings its link back: the node learns the new leader epochs, catches up on __cluster_metadata and its partitions, and is unfenced. Then kafka-topics.sh --describe --under-replicated-partitions is empty and kafka-metadata-quorum.sh describe --replication shows every voter caught up.',
  ],
  steps: [
    'docker -H unix:///run/kafkalab-lab-J.sock exec <a node that answers> kafka-metadata-quorum.sh --bootstrap-server <its internal address> --command-config /opt/kafka/config/admin-client.properties describe --status   # a new LeaderId',
    `kafka-topics.sh --describe --topic ${TOPIC}   # one broker missing from every Isr, and not registered: its rack is the lost host, lab-K`,
    `echo ${LOST_HOST_KEY}:lab-K | kafka-console-producer.sh --topic ${TOPIC} --command-property acks=all --reader-property parse.key=true --reader-property key.separator=:   # acknowledged by 2 of 3`,
    'npm run lab-hosts -- restore lab-K   # as root: the link is back',
    'kafka-topics.sh --describe --under-replicated-partitions   # empty once it caught up; kafka-metadata-quorum.sh describe --replication: every voter caught up',
  ],
  explain: [
    'A host is a failure domain. With each broker\'s rack set to its host (broker.rack), rack-aware assignment puts',
    'the replicas of a partition on different hosts, so losing a host loses one replica of each partition, never',
    'two. Cut off, its broker stops heartbeating and is fenced after broker.session.timeout.ms (9 s), and the',
    'remaining voters elect a new quorum leader once controller.quorum.fetch.timeout.ms (2 s) passes without the',
    'old one. Leaders move to the surviving hosts and the ISRs shrink to them; with RF 3 and',
    `min.insync.replicas=${LAB_HOST_DRILL_MIN_ISR}, acks=all writes go on with the two survivors (a second host lost would refuse them`,
    'with NOT_ENOUGH_REPLICAS). When the link is back the node truncates to the new leader epochs, refetches what it',
    'missed and rejoins the ISRs. A real host loss adds what a cut link cannot show: its disk may come back',
    'corrupt or empty (the broker then refetches everything, or is replaced), it has a kernel, clock and',
    'page cache of its own (unflushed writes die with it), and it may not come back at all: then reassign its',
    'replicas to a new host and remove the old controller from the quorum.',
  ].join('\n'),
});
