import { describe, expect, it } from 'vitest';
import { rollOptionsFrom } from '../../../../scripts/lib/roll/options.ts';
import { rollOrder } from '../../../../scripts/lib/roll/order.ts';
import { startRollValidation, validatedFields, validationOk } from '../../../../scripts/lib/roll/roll-validation.ts';
import { resolveCluster } from '../../../../stacks/model/resolve.ts';
import { FakeWorld } from './fake-roll.ts';

const cluster = resolveCluster({ name: 'roll-t' });

describe('roll validation', () => {
  it('refuses the roll when the clients do not start, every node pending', async () => {
    const w = new FakeWorld(cluster);
    const deps = w.deps();
    const failing = { ...deps, validation: { ...deps.validation, start: async () => Promise.reject(new Error('no topic')) } };
    const ctx = { cluster, o: { ...rollOptionsFrom({ validate: true }), clusterArg: 'roll-t' }, deps: failing, started: deps.clock.now(), warnings: [] };
    const r = await startRollValidation(ctx, rollOrder(cluster, {}));
    expect('refused' in r && r.refused.refusal).toEqual({ reason: 'the validation clients did not start: no topic', hint: 'check npm run verify -- --cluster roll-t, or roll without --validate' });
    expect('refused' in r && r.refused.nodes.map((n) => n.outcome)).toEqual(['pending', 'pending', 'pending']);
    expect(w.lines).toEqual(["✖ validation: Kafka's verifiable producer and consumer on 'kafkalab-roll-validate': could not start"]);
  });

  it('without --validate: the nodes as they are, and ok', () => {
    const w = new FakeWorld(cluster);
    const ctx = { cluster, o: rollOptionsFrom({}), deps: w.deps(), started: 0, warnings: [] };
    const nodes = [{ id: 1, role: 'combined' as const, hostname: 'kafka-1', container: 'c1', outcome: 'restarted' as const, restartMs: 1 }];
    expect(validatedFields(ctx, nodes, new Map([[1, { from: 0, to: 1 }]]), undefined)).toEqual({ nodes });
    expect(validationOk(undefined)).toBe(true);
  });

  it('no acknowledged record, or a client problem, is not ok', () => {
    const v = { acked: 0, consumed: 0, lost: 0, lostSample: [], duplicates: 0, sendErrors: 0, maxStall: { ms: 0, from: 0, to: 0 }, ackTimes: [], drained: true, problems: [], producedForMs: 1 };
    expect(validationOk(v)).toBe(false);
    expect(validationOk({ ...v, acked: 5, consumed: 5 })).toBe(true);
    expect(validationOk({ ...v, acked: 5, consumed: 5, problems: ['the consumer stopped early'] })).toBe(false);
  });
});
