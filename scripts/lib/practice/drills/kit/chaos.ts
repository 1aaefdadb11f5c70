/**
 * The chaos track's common shape: seed a replicated topic, disrupt one node with Docker, wait
 * until the cluster shows it; the learner restores service; the grade is "service restored and
 * nothing lost".
 */
import { $ } from 'zx';
import { brokersOf, type ResolvedNode } from '../../../../../stacks/model/spec.ts';
import { deleteTopicsIfPresent, describeBrokers } from '../../../kafka/index.ts';
import { notTried, seedTopic, seededRecordsCriterion, serviceCriteria, waitFor } from './kit.ts';
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
  readonly topic: string;
  /** The statement after the common first line. */
  readonly story: readonly string[];
  /** Which node to hit (or nodes: each gets the same disruption, in order). */
  pickVictim(ctx: DrillContext): Promise<ResolvedNode | readonly ResolvedNode[]>;
  /** The docker command that does the damage, e.g. ['kill', '-s', 'KILL', container]. */
  disrupt(victim: ResolvedNode, ctx: DrillContext): string[];
  /**
   * Resolves when the scenario is visible. @default - the cluster has noticed: fewer brokers
   * registered (a cluster that lost its quorum cannot notice: such a drill says what to wait for)
   */
  noticed?(victims: readonly ResolvedNode[], ctx: DrillContext): Promise<void>;
  /** Looked at before the nodes are brought back, in the reference solution (e.g. the quorum). */
  diagnose?(ctx: DrillContext): Promise<void>;
  /** Extra criteria after service and records (e.g. the quorum); `whole`: the service criteria passed. */
  extraCriteria?(ctx: DrillContext, whole: boolean): Promise<Criterion[]>;
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
    needs: { minBrokers: 3, mode: spec.mode ?? 'any', security: 'any' },
    task: () =>
      [
        ...spec.story,
        `Restore the service: every node up, every broker registered, 0 under-replicated partitions, and the`,
        `${CHAOS_RECORDS} records written to '${spec.topic}' before the incident all still readable.`,
      ].join('\n'),
    async setup(ctx): Promise<Facts> {
      const seeded = await seedTopic(ctx, spec.topic, { partitions: 3, count: CHAOS_RECORDS });
      const picked = await spec.pickVictim(ctx);
      const victims: readonly ResolvedNode[] = Array.isArray(picked) ? picked : [picked as ResolvedNode];
      for (const victim of victims) await $({ quiet: true })`docker ${spec.disrupt(victim, ctx)}`;
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
      return { marker: seeded.marker, victim: victims.map((v) => v.containerName).join(', ') };
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
    async reset(ctx) {
      await deleteTopicsIfPresent(ctx.d, [spec.topic]);
    },
  };
}

/** The last broker (kafka-1 stays up for tools), as a victim. */
export async function lastBroker(ctx: DrillContext): Promise<ResolvedNode> {
  return pickVictim(ctx.cluster);
}
