import { describe, expect, it } from 'vitest';
import { RollInterrupts } from '../../../../scripts/lib/roll/interrupts.ts';
import { rollOrder } from '../../../../scripts/lib/roll/order.ts';
import type { RollReport } from '../../../../scripts/lib/roll/report.ts';
import { RollInterrupted } from '../../../../stacks/model/errors.ts';
import { resolveCluster } from '../../../../stacks/model/resolve.ts';
import { FakeWorld } from './fake-roll.ts';

const cluster = resolveCluster({ name: 'roll-t' });
const node = rollOrder(cluster, {})[1]!;

function setUp(deps: Partial<ReturnType<FakeWorld['deps']>> = {}) {
  const w = new FakeWorld(cluster);
  const finished: { what: string; at: number | string | undefined }[] = [];
  const interrupts: RollInterrupts = new RollInterrupts({ ...w.deps(), ...deps }, 60, async (what) => {
    finished.push({ what, at: interrupts.nodeInFlight?.id });
    return { ok: false } as RollReport;
  });
  return { w, interrupts, finished };
}

describe('RollInterrupts', () => {
  it('guard() passes until the first interrupt, then throws RollInterrupted', async () => {
    const { w, interrupts } = setUp();
    expect(() => interrupts.guard()).not.toThrow();
    expect(interrupts.interrupted).toBe(false);
    w.interrupt();
    expect(interrupts.interrupted).toBe(true);
    expect(() => interrupts.guard()).toThrow(RollInterrupted);
    expect(w.said).toEqual(['\ninterrupted: putting the node in flight back before exiting…\n']);
  });

  it('resolves its report once, from what was done about the node in flight', async () => {
    const { w, interrupts, finished } = setUp();
    interrupts.track(node, 'back-wait');
    w.interrupt();
    w.interrupt();
    await expect(interrupts.report).resolves.toEqual({ ok: false });
    expect(finished).toEqual([{ what: 'node 2 (kafka-2, combined) was not stopped (back-wait)', at: 2 }]);
    expect(w.said).toHaveLength(1);
  });

  it('restore(): nothing in flight, a node in a wait, a node stopped (stopped again, then started), a node starting', async () => {
    const { w, interrupts } = setUp();
    expect(await interrupts.restore()).toBe('no node was stopped');
    interrupts.track(node, 'safe-wait');
    expect(await interrupts.restore()).toBe('node 2 (kafka-2, combined) was not stopped (safe-wait)');
    expect(w.events).toEqual([]);
    interrupts.track(node, 'stopped');
    expect(await interrupts.restore()).toBe('node 2 (kafka-2, combined) was stopped: started it again');
    interrupts.track(node, 'starting');
    expect(await interrupts.restore()).toBe('node 2 (kafka-2, combined) was starting: started it again');
    interrupts.track(undefined);
    expect(await interrupts.restore()).toBe('no node was stopped');
    expect(w.events).toEqual(['stop kafkalab-roll-t-kafka-2', 'start kafkalab-roll-t-kafka-2', 'stop kafkalab-roll-t-kafka-2', 'start kafkalab-roll-t-kafka-2']);
  });

  it('says how to start a node it could not start again', async () => {
    const { w, interrupts, finished } = setUp({
      startNode: async () => {
        throw new Error('docker start kafkalab-roll-t-kafka-2 failed: no such container');
      },
    });
    interrupts.track(node, 'stopping');
    w.interrupt();
    await interrupts.report;
    expect(finished[0]!.what).toBe(
      'could not start kafkalab-roll-t-kafka-2 again: docker start kafkalab-roll-t-kafka-2 failed: no such container; start it with docker start kafkalab-roll-t-kafka-2',
    );
  });

  it('dispose() stops listening', () => {
    const { w, interrupts } = setUp();
    expect(w.listening).toBe(true);
    interrupts.dispose();
    expect(w.listening).toBe(false);
  });
});
