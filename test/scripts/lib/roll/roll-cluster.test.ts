import { describe, expect, it } from 'vitest';
import { type RollClusterOptions, rollOptionsFrom } from '../../../../scripts/lib/roll/options.ts';
import { runRoll } from '../../../../scripts/lib/roll/roll-cluster.ts';
import { UsageError } from '../../../../stacks/model/errors.ts';
import { resolveCluster } from '../../../../stacks/model/resolve.ts';
import { FakeWorld, type FakeWorldOptions } from './fake-roll.ts';

const combined = resolveCluster({ name: 'roll-t' });
const c = (id: number): string => `kafkalab-roll-t-kafka-${id}`;
const options = (flags: Parameters<typeof rollOptionsFrom>[0] = {}, extra: Partial<RollClusterOptions> = {}): RollClusterOptions => ({
  ...rollOptionsFrom({ 'timeout-seconds': '10', ...flags }),
  clusterArg: 'roll-t',
  progress: false,
  ...extra,
});

function world(opts: FakeWorldOptions = {}, cluster = combined): FakeWorld {
  return new FakeWorld(cluster, opts);
}

describe('runRoll: the order', () => {
  it('restarts 3 combined nodes one at a time, the quorum leader last, each stopped, started, back and elected', async () => {
    const w = world({ leader: 1 });
    const report = await runRoll(combined, options(), w.deps());
    expect(report.ok).toBe(true);
    expect(report.order).toEqual([2, 3, 1]);
    expect(w.events).toEqual([2, 3, 1].flatMap((id) => [`stop ${c(id)}`, `start ${c(id)}`, `elect avoid ${c(id)}`]));
    expect(report.nodes.map((n) => [n.id, n.outcome, n.restartMs, n.backMs, n.leadersElected, n.exitCode])).toEqual([
      [2, 'restarted', 4000, 4000, 1, 143],
      [3, 'restarted', 4000, 4000, 1, 143],
      [1, 'restarted', 4000, 4000, 1, 143],
    ]);
    // The report's fields, in the order its JSON has them.
    expect(Object.keys(report)).toEqual(['ok', 'cluster', 'mode', 'kafkaVersion', 'dryRun', 'totalMs', 'acked', 'consumed', 'lost', 'maxStallMs', 'warnings', 'order', 'nodes']);
    expect(Object.keys(report.nodes[0]!)).toEqual(['id', 'role', 'hostname', 'container', 'outcome', 'restartMs', 'safeWaitMs', 'stopMs', 'backMs', 'electionMs', 'leadersElected', 'exitCode']);
    expect(report.totalMs).toBe(12_000);
    expect(report.warnings).toEqual([]);
    expect(w.lines).toEqual([
      "✔ roll of 'roll-t': checking the cluster: healthy; order 2, 3, 1",
      '✔ node 2 (kafka-2, combined): back; away 4.0s',
      '✔ node 3 (kafka-3, combined): back; away 4.0s',
      '✔ node 1 (kafka-1, combined): back; away 4.0s',
    ]);
    expect(w.listening).toBe(false);
  });

  it('kraft-dedicated: the controllers first with the active controller last, then the brokers; no election for a controller', async () => {
    const dedicated = resolveCluster({ name: 'roll-t', mode: 'kraft-dedicated', controllers: 3, brokers: 3 });
    const w = world({ leader: 101 }, dedicated);
    const report = await runRoll(dedicated, options(), w.deps());
    expect(report.ok).toBe(true);
    expect(report.order).toEqual([102, 103, 101, 1, 2, 3]);
    expect(w.events.filter((e) => e.startsWith('stop'))).toEqual(['stop kafkalab-roll-t-controller-2', 'stop kafkalab-roll-t-controller-3', 'stop kafkalab-roll-t-controller-1', `stop ${c(1)}`, `stop ${c(2)}`, `stop ${c(3)}`]);
    expect(w.events.filter((e) => e.startsWith('elect'))).toHaveLength(3);
  });

  it('--nodes restricts the computed order and --from resumes it', async () => {
    const w = world({ leader: 1 });
    const report = await runRoll(combined, options({ nodes: '1,3', from: '1' }), w.deps());
    expect(report.order).toEqual([1]);
    expect(w.events).toEqual([`stop ${c(1)}`, `start ${c(1)}`, `elect avoid ${c(1)}`]);
  });

  it('a --nodes that names no node is a usage error, before anything is touched', async () => {
    const w = world({ leader: 1 });
    const rolled = runRoll(combined, options({ nodes: '9' }), w.deps());
    await expect(rolled).rejects.toThrow(UsageError);
    await expect(rolled).rejects.toThrow("'--nodes' names '9', which is no node of this cluster: use ids among 2, 3, 1");
    expect(w.lines).toEqual(["✖ roll of 'roll-t': checking the cluster: bad node selection"]);
    expect(w.events).toEqual([]);
  });

  it('a dry run plans and touches nothing', async () => {
    const w = world({ leader: 3 });
    const report = await runRoll(combined, options({ 'dry-run': true }), w.deps());
    expect(report).toMatchObject({ ok: true, dryRun: true, order: [1, 2, 3] });
    expect(report.nodes.every((n) => n.outcome === 'planned' && n.checks!.before.length === 2 && n.checks!.after.length === 3)).toBe(true);
    expect(w.events).toEqual([]);
  });
});

describe('runRoll: failures', () => {
  it('a node that never comes back: the deadline fails it, the rest stays untouched, the report names the resume', async () => {
    const w = world({ leader: 1, backAfterMs: { 3: Infinity } });
    const report = await runRoll(combined, options(), w.deps());
    expect(report.ok).toBe(false);
    expect(report.nodes.map((n) => [n.id, n.outcome])).toEqual([
      [2, 'restarted'],
      [3, 'failed'],
      [1, 'pending'],
    ]);
    expect(report.nodes[1]).toMatchObject({ restartMs: null, stopMs: 0, exitCode: 143 });
    expect(report.nodes[1]!.detail).toMatch(/^not back: timed out after 10s waiting for node 3 \(kafka-3, combined\) to be back: /);
    expect(report.refusal).toEqual({
      node: 3,
      reason: 'roll stopped at node 3 (kafka-3, combined): it did not come back (it is started; see the line above for what was seen); left untouched: 1',
      hint: `look at docker logs ${c(3)}; once it is back, resume with npm run roll -- --cluster roll-t --from 3 (or exactly the nodes not yet rolled: --nodes 3,1)`,
    });
    expect(w.events).not.toContain(`stop ${c(1)}`);
    expect(w.lines).toContain('✖ node 3 (kafka-3, combined): not back');
  });

  it('a stop that is never safe within its deadline: refused, not stopped, resume with --from', async () => {
    // --force past the unhealthy preflight; broker 3 stays out of the ISR of orders-0.
    const w = world({ leader: 1, outOfIsr: [3] });
    const report = await runRoll(combined, options({ force: true }), w.deps());
    expect(report.ok).toBe(false);
    expect(report.warnings[0]).toMatch(/^cluster 'roll-t' is not healthy: 1 partition\(s\) under-replicated: orders-0 .*; rolling anyway \(--force\)$/);
    expect(report.nodes[0]).toMatchObject({ id: 2, outcome: 'refused', restartMs: null });
    expect(report.nodes[0]!.detail).toBe(
      'timed out after 10s waiting for node 2 (kafka-2, combined) to be safe to stop: stopping broker 2 would drop 1 partition(s) below min.insync.replicas: orders-0 (ISR [1,2], min.insync.replicas 2); their other replicas must be back in sync first',
    );
    expect(report.refusal).toEqual({
      node: 2,
      reason: 'roll stopped at node 2 (kafka-2, combined): it was never safe to stop, so it was not stopped; left untouched: 3, 1',
      hint: 'wait until the cluster is healthy (npm run verify -- --cluster roll-t), then npm run roll -- --cluster roll-t --from 2',
    });
    expect(w.events).toEqual([]);
    expect(w.lines).toContain('✖ node 2 (kafka-2, combined): never safe');
  });

  it('a partition that can never stay writable refuses at once without --force, and is accepted with a warning with it', async () => {
    const refused = await runRoll(combined, options({ nodes: '2' }), world({ leader: 1, rf2Topic: true }).deps());
    expect(refused.nodes[0]).toMatchObject({ outcome: 'refused', detail: expect.stringMatching(/^1 partition\(s\) on broker 2 have no more replicas than min.insync.replicas/) });
    expect(refused.refusal!.hint).toBe('fix the partitions named above (or pass --force to accept it), then npm run roll -- --cluster roll-t --nodes 2 --from 2');
    expect(refused.totalMs).toBe(0);

    const forced = await runRoll(combined, options({ nodes: '2', force: true }), world({ leader: 1, rf2Topic: true }).deps());
    expect(forced.ok).toBe(true);
    expect(forced.warnings).toEqual([expect.stringMatching(/^node 2 \(kafka-2, combined\): 1 partition\(s\) on broker 2 .* \(accepted: --force\)$/)]);
  });

  it('a node that does not stop fails the roll and is left running', async () => {
    const w = world({ leader: 1, stopFails: [c(2)] });
    const report = await runRoll(combined, options(), w.deps());
    expect(report.nodes[0]).toMatchObject({ id: 2, outcome: 'failed', detail: `docker stop -t 120 ${c(2)} left it running (exit 1)` });
    expect(report.refusal!.reason).toBe('roll stopped at node 2 (kafka-2, combined): it could not be stopped (it is started; see the line above for what was seen); left untouched: 3, 1');
  });

  it('refuses an unhealthy cluster without --force, at once when a node is down', async () => {
    const w = world({ leader: 1, down: [c(3)] });
    const report = await runRoll(combined, options({ validate: true }), w.deps());
    expect(report.ok).toBe(false);
    expect(report.refusal!.reason).toMatch(/^refusing to roll: cluster 'roll-t' is not healthy: not running: kafkalab-roll-t-kafka-3/);
    expect(report.refusal!.hint).toBe('bring the cluster back (npm run verify -- --cluster roll-t shows what is wrong), or pass --force to roll it anyway');
    expect(report.nodes.every((n) => n.outcome === 'pending')).toBe(true);
    expect(report.totalMs).toBe(0);
    expect(w.events).toEqual([]);
  });

  it('warns when Docker had to kill a node (exit 137)', async () => {
    const report = await runRoll(combined, options({ nodes: '2' }), world({ leader: 1, exitCode: 137 }).deps());
    expect(report.warnings).toEqual([
      'node 2 (kafka-2, combined) did not finish its controlled shutdown within 120s and was killed (exit 137): raise --stop-timeout-seconds',
    ]);
  });
});

describe('runRoll: interrupts', () => {
  it('between nodes: the next node is not stopped, the report resumes at it with --from', async () => {
    const w = world({ leader: 1 });
    w.onEvent = (e) => {
      if (e === 'update node 3 (kafka-3, combined): waiting until it is safe to stop') w.interrupt();
    };
    const report = await runRoll(combined, options(), w.deps());
    expect(report.ok).toBe(false);
    expect(report.nodes.map((n) => [n.id, n.outcome])).toEqual([
      [2, 'restarted'],
      [3, 'interrupted'],
      [1, 'pending'],
    ]);
    expect(report.refusal).toEqual({
      node: 3,
      reason: 'roll interrupted (SIGINT): node 3 (kafka-3, combined) was not stopped (safe-wait)',
      hint: 'resume with npm run roll -- --cluster roll-t --from 3',
    });
    expect(w.events).not.toContain(`stop ${c(3)}`);
    expect(w.said).toEqual(['\ninterrupted: putting the node in flight back before exiting…\n']);
    expect(w.listening).toBe(false);
  });

  it('while a node is stopped: it is started again, and a second interrupt changes nothing', async () => {
    const w = world({ leader: 1 });
    w.onEvent = (e) => {
      if (e === `stop ${c(2)}`) {
        w.interrupt();
        w.interrupt();
      }
    };
    const report = await runRoll(combined, options({ nodes: '2', validate: true }), w.deps());
    expect(report.refusal).toEqual({
      node: 2,
      reason: 'roll interrupted (SIGINT): node 2 (kafka-2, combined) was stopped: started it again',
      hint: 'resume with npm run roll -- --cluster roll-t --nodes 2 --from 2 --validate',
    });
    expect(w.events).toEqual(['validation start', `stop ${c(2)}`, `stop ${c(2)}`, `start ${c(2)}`, 'validation discard']);
    expect(w.said).toHaveLength(1);
  });
});

describe('runRoll: --validate', () => {
  it('counts the records, and names the node that was away during the longest stall', async () => {
    const w = world({ leader: 1 });
    const t0 = w.clock.now();
    // Node 3 is the second restarted: away from t0+4000 to t0+8000.
    w.validationResult = {
      acked: 1200,
      consumed: 1200,
      lost: 0,
      lostSample: [],
      duplicates: 0,
      sendErrors: 0,
      maxStall: { ms: 900, from: t0 + 5000, to: t0 + 5900 },
      // One acknowledgement every 100 ms, none between t0+5000 and t0+5900.
      ackTimes: Array.from({ length: 121 }, (_, i) => t0 + i * 100).filter((t) => t <= t0 + 5000 || t >= t0 + 5900),
      drained: true,
      problems: [],
      producedForMs: 12_000,
    };
    const report = await runRoll(combined, options({ validate: true }), w.deps());
    expect(report).toMatchObject({ ok: true, acked: 1200, consumed: 1200, lost: 0, maxStallMs: 900 });
    expect(Object.keys(report)).toEqual(['ok', 'cluster', 'mode', 'kafkaVersion', 'dryRun', 'totalMs', 'acked', 'consumed', 'lost', 'maxStallMs', 'warnings', 'order', 'nodes', 'validation']);
    expect(report.validation).toMatchObject({ maxStallNode: 3, recordsPerSecond: 100, maxStallAt: new Date(t0 + 5000).toISOString() });
    expect(report.nodes.map((n) => n.maxStallMs)).toEqual([100, 900, 100]);
    expect(w.events[0]).toBe('validation start');
    expect(w.events.at(-1)).toBe('validation stop');
    expect(w.lines.at(-1)).toBe('✔ validation: stopping the producer, draining the consumer: 1200 acked, 1200 consumed, 0 lost');
  });

  it('a lost record fails the roll', async () => {
    const w = world({ leader: 1 });
    w.validationResult = { acked: 10, consumed: 9, lost: 1, lostSample: ['1.9'], duplicates: 0, sendErrors: 0, maxStall: { ms: 0, from: 0, to: 0 }, ackTimes: [], drained: false, problems: [], producedForMs: 1 };
    const report = await runRoll(combined, options({ validate: true, nodes: '2' }), w.deps());
    expect(report.ok).toBe(false);
    expect(report.refusal).toEqual({ reason: 'validation failed: 1 acknowledged record(s) lost', hint: 'see the validation lines above; docker logs of the nodes show what each did' });
  });
});
