/**
 * The chaos track's common shape: seed a replicated topic, disrupt one node with Docker (or with
 * a function, e.g. cutting its lab host's link), wait until the cluster shows it; the learner
 * restores service; the grade is "service restored and nothing lost".
 */
import { $ } from 'zx';
import { brokersOf, type ResolvedNode } from '../../../../../stacks/model/spec.ts';
import { engineOf } from '../../../core/index.ts';
import { deleteTopicsIfPresent, describeBrokers, parseQuorumReplication } from '../../../kafka/index.ts';
import { grade, notTried, seedTopic, seededRecordsCriterion, serviceCriteria, waitFor } from './kit.ts';
import { healNodes, nodeHealth, pickVictim } from './nodes.ts';
import type { Criterion, Drill, DrillContext, Facts } from './types.ts';

export const CHAOS_RECORDS = 60;

export interface ChaosSpec {
  readonly id: string;
  readonly title: string;
  readonly domain: string;
  readonly difficulty: Drill['difficulty'];
  readonly minutes: number;
  readonly mode?: Drill['needs']['mode'];
  /** Nodes placed on lab hosts (DrillNeeds.labHosts). @default false */
  readonly labHosts?: boolean;
  readonly topic: string;
  /** Configs of the seeded topic, e.g. { 'min.insync.replicas': '2' }. @default - the cluster's */
  readonly topicConfig?: Readonly<Record<string, string>>;
  /** The statement after the common first line. */
  readonly story: readonly string[];
  /** Which node to hit (or nodes: each gets the same disruption, in order). */
  pickVictim(ctx: DrillContext): Promise<ResolvedNode | readonly ResolvedNode[]>;
  /**
   * The damage: a docker command, e.g. ['kill', '-s', 'KILL', container] (run on the victim's
   * engine), or a function that does it and returns the facts it wants kept (e.g. which lab host's
   * link it cut).
   */
  disrupt(victim: ResolvedNode, ctx: DrillContext): string[] | (() => Promise<Facts>);
  /**
   * Resolves when the scenario is visible. @default - the cluster has noticed: fewer brokers
   * registered (a cluster that lost its quorum cannot notice: such a drill says what to wait for)
   */
  noticed?(victims: readonly ResolvedNode[], ctx: DrillContext): Promise<void>;
  /** Looked at before the nodes are brought back, in the reference solution (e.g. the quorum). */
  diagnose?(ctx: DrillContext): Promise<void>;
  /** Extra criteria after service and records (e.g. the quorum); `whole`: the service criteria passed. */
  extraCriteria?(ctx: DrillContext, whole: boolean): Promise<Criterion[]>;
  /** Undoes what healing the containers cannot (Drill.beforeHeal). */
  beforeHeal?(ctx: DrillContext): Promise<void>;
  readonly hints: readonly string[];
  readonly steps: readonly string[];
  readonly explain: string;
}

export function chaosDrill(spec: ChaosSpec): Drill {
  const recordsName = `the ${CHAOS_RECORDS} records written to '${spec.topic}' before are all readable`;
  return {
    id: spec.id,
    title: spec.title,
    track: 'chaos',
    domain: spec.domain,
    difficulty: spec.difficulty,
    minutes: spec.minutes,
    needs: { minBrokers: 3, mode: spec.mode ?? 'any', security: 'any', ...(spec.labHosts ? { labHosts: true } : {}) },
    task: () =>
      [
        ...spec.story,
        `Restore the service: every node up, every broker registered, 0 under-replicated partitions, and the`,
        `${CHAOS_RECORDS} records written to '${spec.topic}' before the incident all still readable.`,
      ].join('\n'),
    async setup(ctx): Promise<Facts> {
      const seeded = await seedTopic(ctx, spec.topic, { partitions: 3, count: CHAOS_RECORDS, ...(spec.topicConfig ? { config: { ...spec.topicConfig } } : {}) });
      const picked = await spec.pickVictim(ctx);
      const victims: readonly ResolvedNode[] = Array.isArray(picked) ? picked : [picked as ResolvedNode];
      let disrupted: Facts = {};
      for (const victim of victims) {
        const damage = spec.disrupt(victim, ctx);
        if (typeof damage === 'function') disrupted = { ...disrupted, ...(await damage()) };
        else await $({ quiet: true })`docker ${[...engineOf(victim.containerName), ...damage]}`;
      }
      if (spec.noticed) {
        await spec.noticed(victims, ctx);
      } else {
        const want = brokersOf(ctx.cluster).length;
        // The scenario is ready when the cluster has noticed: the victims are no longer registered brokers.
        await waitFor(
          async () => {
            const n = (await describeBrokers(await ctx.live())).length;
            if (n > want - victims.length) throw new Error(`${n} brokers still registered`);
            return true;
          },
          { what: `the cluster to notice that node ${victims.map((v) => v.id).join(' and ')} ${victims.length > 1 ? 'are' : 'is'} gone`, timeoutMs: 120_000, intervalMs: 2000 },
        );
      }
      return { ...disrupted, marker: seeded.marker, victim: victims.map((v) => v.containerName).join(', ') };
    },
    async check(ctx) {
      const service = await serviceCriteria(ctx);
      const whole = service.every((c) => c.ok);
      // Read again for up to 30 s when a read comes back short: right after a node is back, the
      // reading consumer's group can rebalance under it (one partition read twice, one not at all).
      const records = whole
        ? await seededRecordsCriterion(ctx, spec.topic, String(ctx.facts.marker), CHAOS_RECORDS, { untilMs: 30_000 })
        : notTried(recordsName, 'the cluster is not whole yet');
      const extra = spec.extraCriteria ? await spec.extraCriteria(ctx, whole) : [];
      return [...service, records, ...extra];
    },
    hints: spec.hints,
    solution: {
      steps: spec.steps,
      async run(ctx) {
        if (spec.diagnose) await spec.diagnose(ctx);
        const down = (await nodeHealth(ctx.cluster)).filter((n) => !n.up);
        ctx.say(`nodes not up: ${down.map((n) => `${n.container} (${n.status === 'running' ? 'running, not on the network' : n.status})`).join(', ') || 'none'}`);
        const healed = await healNodes(ctx.cluster, ctx.d);
        for (const a of healed.actions) ctx.say(`$ ${a}`);
        ctx.say('every broker registered again, 0 under-replicated partitions');
      },
    },
    explain: spec.explain,
    ...(spec.beforeHeal ? { beforeHeal: spec.beforeHeal } : {}),
    async reset(ctx) {
      await deleteTopicsIfPresent(ctx.d, [spec.topic]);
    },
  };
}

/** The last broker (kafka-1 stays up for tools), as a victim. */
export async function lastBroker(ctx: DrillContext): Promise<ResolvedNode> {
  return pickVictim(ctx.cluster);
}

export const QUORUM_CRITERION = 'the quorum has a leader and every voter is caught up';

/** The KRaft quorum has a leader, every controller is a voter, and none is far behind. */
export async function quorumCaughtUp(ctx: DrillContext): Promise<Criterion> {
  return grade(QUORUM_CRITERION, async () => {
    const rows = parseQuorumReplication((await ctx.tool('kafka-metadata-quorum.sh', ['describe', '--replication'])).stdout);
    const voters = rows.filter((r) => r.status === 'Leader' || r.status === 'Follower');
    const leader = voters.find((r) => r.status === 'Leader');
    const behind = voters.filter((r) => r.status === 'Follower' && leader && leader.logEndOffset - r.logEndOffset > 50);
    return {
      ok: leader !== undefined && voters.length === ctx.cluster.nodes.filter((n) => n.roles.includes('controller')).length && behind.length === 0,
      saw: voters.map((r) => `${r.nodeId} ${r.status.toLowerCase()} lag ${r.lag}`).join(', ') || 'no voters reported',
    };
  });
}

/**
 * The quorum, once the service is back. Before that it is not asked: with the majority of the
 * voters down, kafka-metadata-quorum waits for its Admin timeout (60 s) before it fails.
 */
export async function quorumCriteria(ctx: DrillContext, whole: boolean): Promise<Criterion[]> {
  return [whole ? await quorumCaughtUp(ctx) : notTried(QUORUM_CRITERION, 'the cluster is not whole yet')];
}
