import { $ } from 'zx';
import { brokersOf } from '../../../../../stacks/model/spec.ts';
import { deleteTopicsIfPresent, describeBrokers } from '../../../kafka/index.ts';
import { indent, notTried, seedTopic, seededRecordsCriterion, serviceCriteria, waitFor } from '../kit/kit.ts';
import { healNodes, nodeHealth, pickVictim } from '../kit/nodes.ts';
import type { Drill } from '../kit/types.ts';

const TOPIC = 'ops-urp';
const RECORDS = 30;

export const fixUnderReplicated: Drill = {
  id: 'fix-under-replicated',
  title: 'Find and fix under-replicated partitions',
  track: 'ops',
  domain: 'monitoring-and-troubleshooting',
  difficulty: 'easy',
  minutes: 10,
  needs: { minBrokers: 3, mode: 'any', security: 'any' },
  task: () =>
    [
      'Monitoring reports under-replicated partitions. Find out which partitions and why, fix the cause,',
      `and confirm the cluster is whole again: every broker registered, 0 under-replicated partitions, and`,
      `the ${RECORDS} records of '${TOPIC}' all still there.`,
    ].join('\n'),
  async setup(ctx) {
    const seeded = await seedTopic(ctx, TOPIC, { partitions: 3, count: RECORDS });
    const victim = pickVictim(ctx.cluster);
    await $({ quiet: true })`docker stop ${victim.containerName}`;
    const want = brokersOf(ctx.cluster).length;
    await waitFor(
      async () => {
        const ids = await describeBrokers(await ctx.live());
        if (ids.length >= want) throw new Error(`${ids.length} brokers still registered`);
        return true;
      },
      { what: `broker ${victim.id} to leave the cluster`, timeoutMs: 90_000 },
    );
    return { marker: seeded.marker, victim: victim.containerName };
  },
  async check(ctx) {
    const service = await serviceCriteria(ctx);
    const records = service.every((c) => c.ok)
      ? await seededRecordsCriterion(ctx, TOPIC, String(ctx.facts.marker), RECORDS)
      : notTried(`the ${RECORDS} records written to '${TOPIC}' before are all readable`, 'the cluster is not whole yet');
    return [...service, records];
  },
  hints: [
    'kafka-topics.sh --describe --under-replicated-partitions lists them; which broker id is in Replicas but never in Isr?',
    'A broker missing from every ISR is usually not running, or cannot reach the others. kafka-broker-api-versions.sh (or kafka-metadata-quorum.sh describe --status) shows who is registered; docker ps -a shows the containers.',
    'The stopped container comes back with docker start <container>; its replicas catch up from the leaders and rejoin the ISR by themselves.',
  ],
  solution: {
    steps: [
      'kafka-topics.sh --describe --under-replicated-partitions     # one broker id is missing from every Isr',
      'docker ps -a --filter label=dev.kafkalab.cluster=<cluster>   # its container is stopped',
      'docker start <container>                                    # then wait for the ISRs to fill',
    ],
    async run(ctx) {
      ctx.say('$ kafka-topics.sh --describe --under-replicated-partitions');
      const urp = (await ctx.tool('kafka-topics.sh', ['--describe', '--under-replicated-partitions'])).stdout;
      ctx.say(indent(urp.split('\n').slice(0, 6).join('\n')));
      const down = (await nodeHealth(ctx.cluster)).filter((n) => !n.up);
      ctx.say(`containers not up: ${down.map((n) => `${n.container} (${n.status})`).join(', ') || 'none'}`);
      const healed = await healNodes(ctx.cluster, ctx.d);
      for (const a of healed.actions) ctx.say(`$ ${a}`);
      ctx.say('every broker is registered again and 0 partitions are under-replicated');
    },
  },
  explain: [
    'A partition is under-replicated when its ISR is smaller than its replica list: a follower stopped',
    'fetching (its broker is down, paused, cut off, or too slow for replica.lag.time.max.ms). Producers with',
    'acks=all keep working while the ISR has at least min.insync.replicas members. When the broker returns it',
    'truncates to the leader\'s log where needed, fetches what it missed and rejoins the ISR: no manual copy.',
  ].join('\n'),
  async reset(ctx) {
    await deleteTopicsIfPresent(ctx.d, [TOPIC]);
  },
};
