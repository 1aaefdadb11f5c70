import { VALIDATE_TOPIC } from '../kafka/index.ts';
import type { RollNode } from './order.ts';
import type { NodeReport, RollReport } from './report.ts';
import { verifyCmd } from './resume.ts';
import { pendingNode, reportOf, type RollContext } from './roll-context.ts';
import type { Validation, ValidationResult } from './validation.ts';
import { longestStallWithin } from './verifiable-events.ts';

/** Each restarted node's window, from its stop until back (or given up on), by node id, in the order of the roll. */
export type StopWindows = ReadonlyMap<RollNode['id'], { readonly from: number; readonly to: number }>;

/** With --validate, before the first node: start the verifiable clients, or refuse the roll when they do not start. */
export async function startRollValidation(ctx: RollContext, order: readonly RollNode[]): Promise<{ readonly validation: Validation } | { readonly refused: RollReport }> {
  const { o, deps } = ctx;
  const p = deps.progress(`validation: Kafka's verifiable producer and consumer on '${VALIDATE_TOPIC}'`);
  try {
    const validation = await deps.validation.start({ progress: p, throughput: o.recordsPerSecond ?? 100 });
    p.done('producing (acks=all, idempotent) and consuming');
    return { validation };
  } catch (error) {
    p.fail('could not start');
    return {
      refused: reportOf(ctx, {
        ok: false,
        order: order.map((n) => n.id),
        nodes: order.map(pendingNode),
        refusal: { reason: `the validation clients did not start: ${(error as Error).message}`, hint: `check ${verifyCmd(o)}, or roll without --validate` },
      }),
    };
  }
}

/** After the last node: stop the producer, drain the consumer, count. */
export async function stopRollValidation(ctx: RollContext, validation: Validation): Promise<ValidationResult> {
  const p = ctx.deps.progress('validation: stopping the producer, draining the consumer');
  const v = await ctx.deps.validation.stop(validation, { progress: p });
  p[v.lost === 0 && v.problems.length === 0 ? 'done' : 'fail'](`${v.acked} acked, ${v.consumed} consumed, ${v.lost} lost`);
  return v;
}

/** Whether the validation proves the roll lost nothing (true without --validate). */
export const validationOk = (v: ValidationResult | undefined): boolean => !v || (v.lost === 0 && v.acked > 0 && v.problems.length === 0);

/** Each node's longest stall (while it was away), and the report's validation fields. */
export function validatedFields(
  ctx: RollContext,
  results: readonly NodeReport[],
  windows: StopWindows,
  v: ValidationResult | undefined,
): { readonly nodes: NodeReport[] } & Partial<Pick<RollReport, 'acked' | 'consumed' | 'lost' | 'maxStallMs' | 'validation' | 'refusal'>> {
  const nodes = results.map((r) => {
    const w = windows.get(r.id);
    return v && w ? { ...r, maxStallMs: longestStallWithin(v.ackTimes, w.from, w.to) } : r;
  });
  if (!v) return { nodes };
  const stallNode = [...windows.entries()].find(([, w]) => v.maxStall.to >= w.from && v.maxStall.from <= w.to)?.[0] ?? null;
  return {
    nodes,
    acked: v.acked,
    consumed: v.consumed,
    lost: v.lost,
    maxStallMs: v.maxStall.ms,
    validation: {
      topic: VALIDATE_TOPIC,
      recordsPerSecond: ctx.o.recordsPerSecond ?? 100,
      duplicates: v.duplicates,
      sendErrors: v.sendErrors,
      lostSample: v.lostSample,
      maxStallAt: v.maxStall.ms > 0 ? new Date(v.maxStall.from).toISOString() : null,
      maxStallNode: stallNode,
      problems: v.problems,
    },
    ...(validationOk(v)
      ? {}
      : {
          refusal: {
            reason: `validation failed: ${v.lost} acknowledged record(s) lost${v.problems.length > 0 ? `; ${v.problems.join('; ')}` : ''}`,
            hint: 'see the validation lines above; docker logs of the nodes show what each did',
          },
        }),
  };
}
