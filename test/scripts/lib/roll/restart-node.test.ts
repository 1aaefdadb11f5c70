import { describe, expect, it } from 'vitest';
import { RollInterrupts } from '../../../../scripts/lib/roll/interrupts.ts';
import { rollOptionsFrom, type RollClusterOptions } from '../../../../scripts/lib/roll/options.ts';
import { rollOrder } from '../../../../scripts/lib/roll/order.ts';
import type { RollReport } from '../../../../scripts/lib/roll/report.ts';
import { restartNode } from '../../../../scripts/lib/roll/restart-node.ts';
import type { RollContext } from '../../../../scripts/lib/roll/roll-context.ts';
import type { RollDeps } from '../../../../scripts/lib/roll/roll-deps.ts';
import { resolveCluster } from '../../../../stacks/model/resolve.ts';
import type { ResolvedCluster } from '../../../../stacks/model/spec.ts';
import { FakeWorld } from './fake-roll.ts';

const combined = resolveCluster({ name: 'roll-t' });

function restart(w: FakeWorld, opts: { o?: Partial<RollClusterOptions>; deps?: Partial<RollDeps>; cluster?: ResolvedCluster; id?: number } = {}) {
  const cluster = opts.cluster ?? combined;
  const deps = { ...w.deps(), ...opts.deps };
  const ctx: RollContext = { cluster, o: { ...rollOptionsFrom({ 'timeout-seconds': '10' }), ...opts.o }, deps, started: deps.clock.now(), warnings: [] };
  const interrupts = new RollInterrupts(deps, 60, async () => ({ ok: false }) as RollReport);
  const node = rollOrder(cluster, {}).find((n) => n.id === (opts.id ?? 2))!;
  return { ctx, run: restartNode(ctx, node, interrupts) };
}

describe('restartNode', () => {
  it('safe → stop → start → back → elect, with the time of each and the window it was away', async () => {
    const w = new FakeWorld(combined, { backAfterMs: { 2: 6500 } });
    const t0 = w.clock.now();
    const { run } = restart(w);
    const r = await run;
    expect(r.report).toEqual({
      id: 2,
      role: 'combined',
      hostname: 'kafka-2',
      container: 'kafkalab-roll-t-kafka-2',
      outcome: 'restarted',
      restartMs: 6500,
      safeWaitMs: 0,
      stopMs: 0,
      backMs: 6500,
      electionMs: 0,
      leadersElected: 1,
      exitCode: 143,
    });
    expect(r.window).toEqual({ from: t0, to: t0 + 6500 });
    const updates = [...new Set(w.updates.map((u) => u.replace(/^node 2 \(kafka-2, combined\): /, '')))];
    expect(updates).toEqual([
      'waiting until it is safe to stop',
      'controlled shutdown (docker stop -t 120)',
      'docker start',
      'waiting until it is back',
      expect.stringMatching(/^broker 2 is not registered and unfenced yet/),
      'preferred leader election',
    ]);
    expect(w.lines).toEqual(['✔ node 2 (kafka-2, combined): back; away 6.5s']);
  });

  it('a node alone in its role is stopped without a safety wait', async () => {
    const one = resolveCluster({ name: 'roll-t', brokers: 1 });
    const w = new FakeWorld(one);
    const r = await restart(w, { cluster: one, id: 1 }).run;
    expect(r.report.outcome).toBe('restarted');
    expect(w.updates).not.toContain('node 1 (kafka-1, combined): waiting until it is safe to stop');
    // One broker: no election.
    expect(r.report.electionMs).toBeUndefined();
  });

  it('tries the election 3 times, 3 s apart, and warns about the partitions left on another leader', async () => {
    const w = new FakeWorld(combined);
    let tries = 0;
    const { ctx, run } = restart(w, {
      deps: {
        electLeaders: async () => {
          tries++;
          return { elected: [], failed: ['orders-1: not available'] };
        },
      },
    });
    const r = await run;
    expect(tries).toBe(3);
    expect(r.report).toMatchObject({ outcome: 'restarted', electionMs: 9000, leadersElected: 0 });
    expect(ctx.warnings).toEqual(['node 2 (kafka-2, combined): preferred leader election left 1 partition(s) on another leader, e.g. orders-1: not available']);
  });

  it('no election with --no-elect-leaders', async () => {
    const w = new FakeWorld(combined);
    const r = await restart(w, { o: { electLeaders: false } }).run;
    expect(r.report.electionMs).toBeUndefined();
    expect(w.events.some((e) => e.startsWith('elect'))).toBe(false);
  });

  it("a caller's startNode replaces the container instead of docker start", async () => {
    const w = new FakeWorld(combined);
    const started: (number | string)[] = [];
    const docker = w.deps();
    const r = await restart(w, {
      o: {
        startNode: async (n) => {
          started.push(n.id);
          await docker.startNode(n.container);
        },
      },
    }).run;
    expect(r.report.outcome).toBe('restarted');
    expect(started).toEqual([2]);
    expect(w.updates).toContain('node 2 (kafka-2, combined): replacing the container');
  });

  it('a start that fails leaves the node stopped and says how to start it', async () => {
    const w = new FakeWorld(combined);
    const r = await restart(w, {
      deps: {
        startNode: async () => {
          throw new Error('docker start kafkalab-roll-t-kafka-2 failed: oops');
        },
      },
    }).run;
    expect(r.report).toMatchObject({ outcome: 'failed', restartMs: null, stopMs: 0, detail: 'docker start kafkalab-roll-t-kafka-2 failed: oops; it is stopped: docker start kafkalab-roll-t-kafka-2' });
    expect(w.lines).toEqual(['✖ node 2 (kafka-2, combined): did not start']);
  });
});
