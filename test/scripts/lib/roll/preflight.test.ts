import { describe, expect, it } from 'vitest';
import { rollOptionsFrom, type RollClusterOptions } from '../../../../scripts/lib/roll/options.ts';
import { healthExpectation, leadershipOf, preflight } from '../../../../scripts/lib/roll/preflight.ts';
import type { RollContext } from '../../../../scripts/lib/roll/roll-context.ts';
import type { RollDeps } from '../../../../scripts/lib/roll/roll-deps.ts';
import { resolveCluster } from '../../../../stacks/model/resolve.ts';
import type { ResolvedCluster } from '../../../../stacks/model/spec.ts';
import { FakeWorld } from './fake-roll.ts';

const combined = resolveCluster({ name: 'roll-t' });

function contextOf(w: FakeWorld, flags: Parameters<typeof rollOptionsFrom>[0] = {}, deps: Partial<RollDeps> = {}, cluster: ResolvedCluster = combined): RollContext {
  const o: RollClusterOptions = { ...rollOptionsFrom(flags), clusterArg: 'roll-t' };
  const d = { ...w.deps(), ...deps };
  return { cluster, o, deps: d, started: d.clock.now(), warnings: [] };
}

describe('healthExpectation and leadershipOf', () => {
  it('expects every container, every broker and the voters of a KRaft cluster; the ZooKeeper servers of a ZooKeeper one', () => {
    expect(healthExpectation(combined)).toEqual({ containers: [1, 2, 3].map((i) => `kafkalab-roll-t-kafka-${i}`), brokers: [1, 2, 3], voters: [1, 2, 3] });
    const zk = resolveCluster({ name: 'roll-t', mode: 'zookeeper', zookeepers: 3, brokers: 3 });
    expect(healthExpectation(zk)).toMatchObject({ brokers: [1, 2, 3], zookeepers: ['zookeeper-1', 'zookeeper-2', 'zookeeper-3'] });
    expect(healthExpectation(zk).voters).toBeUndefined();
  });

  it('reads the leaders that are known, and leaves out a -1', () => {
    expect(leadershipOf({ running: {}, errors: [], quorum: { leaderId: 2, voters: [1, 2, 3], replication: [] } })).toEqual({ quorumLeader: 2 });
    expect(leadershipOf({ running: {}, errors: [], quorum: { leaderId: -1, voters: [], replication: [] }, activeController: -1 })).toEqual({});
    expect(leadershipOf({ running: {}, errors: [], zookeeper: [{ hostname: 'zookeeper-2', mode: 'leader' }], activeController: 3 })).toEqual({ zookeeperLeader: 'zookeeper-2', activeController: 3 });
  });
});

describe('preflight', () => {
  it('a healthy cluster: the order, leaders last, and one progress line', async () => {
    const w = new FakeWorld(combined, { leader: 2 });
    const ctx = contextOf(w);
    expect(await preflight(ctx)).toEqual({ order: [1, 3, 2].map((id) => expect.objectContaining({ id })) });
    expect(w.lines).toEqual(["✔ roll of 'roll-t': checking the cluster: healthy; order 1, 3, 2"]);
    expect(ctx.warnings).toEqual([]);
  });

  it('waits for a cluster that heals by itself (every container running)', async () => {
    const w = new FakeWorld(combined, { leader: 1, outOfIsr: [3] });
    const healAt = w.clock.now() + 3000;
    const ctx = contextOf(w, {}, {
      readState: async (parts) => {
        if (w.clock.now() >= healAt) w.heal();
        return w.readState(parts);
      },
    });
    const plan = await preflight(ctx);
    expect('order' in plan).toBe(true);
    expect(w.clock.now() - ctx.started).toBe(3000);
    expect(w.updates[0]).toMatch(/^roll of 'roll-t': checking the cluster: 1 partition\(s\) under-replicated: orders-0/);
  });

  it('gives one that does not heal 30 s at most, then refuses', async () => {
    const w = new FakeWorld(combined, { leader: 1, outOfIsr: [3] });
    const ctx = contextOf(w);
    const plan = await preflight(ctx);
    expect(w.clock.now() - ctx.started).toBe(30_000);
    expect('refused' in plan && plan.refused.refusal!.reason).toMatch(/^refusing to roll: cluster 'roll-t' is not healthy: 1 partition\(s\) under-replicated: orders-0 \(ISR \[1,2\] of \[1,2,3\]\)$/);
    expect(w.lines).toEqual(["✖ roll of 'roll-t': checking the cluster: not healthy"]);
  });

  it('a dry run does not wait, and warns that a roll would refuse', async () => {
    const w = new FakeWorld(combined, { leader: 1, outOfIsr: [3] });
    const ctx = contextOf(w, { 'dry-run': true });
    expect('order' in (await preflight(ctx))).toBe(true);
    expect(w.clock.now()).toBe(ctx.started);
    expect(ctx.warnings).toEqual([expect.stringMatching(/is not healthy: .* \(a roll would refuse without --force\)$/)]);
    expect(w.lines).toEqual(["✔ roll of 'roll-t': checking the cluster: not healthy; order 2, 3, 1"]);
  });

  it('warns about a node alone in its role, once, and about an unknown quorum leader', async () => {
    const one = resolveCluster({ name: 'roll-t', brokers: 1 });
    const w = new FakeWorld(one);
    const ctx = contextOf(w, { force: true }, { readState: async (parts) => ({ ...w.readState(parts), quorum: undefined }) }, one);
    await preflight(ctx);
    expect(ctx.warnings).toEqual([
      "cluster 'roll-t' is not healthy: the metadata quorum could not be described; rolling anyway (--force)",
      'node 1 is the whole cluster: the cluster is unavailable while it restarts',
      'the quorum leader is unknown: the active controller may not go last',
    ]);
  });
});
