import { describe, expect, it } from 'vitest';
import { rollOptionsFrom } from '../../../../scripts/lib/roll/options.ts';
import { rollOrder } from '../../../../scripts/lib/roll/order.ts';
import { interruptedReport, rollCmd, stoppedAt, verifyCmd } from '../../../../scripts/lib/roll/resume.ts';
import { resolveCluster } from '../../../../stacks/model/resolve.ts';
import { FakeWorld } from './fake-roll.ts';

const o = rollOptionsFrom({});
const cluster = resolveCluster({ name: 'roll-t' });
const [n1, n2, n3] = rollOrder(cluster, {});

describe('rollCmd and verifyCmd', () => {
  it('repeat the roll with the same cluster, --nodes and --validate', () => {
    expect(rollCmd(o, '--from 2')).toBe('npm run roll -- --from 2');
    expect(rollCmd({ ...o, clusterArg: 'my.json', nodes: ['1', '2'], validate: true }, '--from 2')).toBe('npm run roll -- --cluster my.json --nodes 1,2 --from 2 --validate');
    expect(rollCmd({ ...o, clusterArg: 'c' }, '')).toBe('npm run roll -- --cluster c');
    expect(verifyCmd(o)).toBe('npm run verify --');
    expect(verifyCmd({ ...o, clusterArg: 'c' })).toBe('npm run verify -- --cluster c');
  });
});

describe('stoppedAt', () => {
  it('a node that did not come back: the rest untouched, resume at it or exactly the nodes not yet rolled', () => {
    const r = stoppedAt(o, n2!, [n3!], { report: { id: 2, role: 'combined', hostname: 'kafka-2', container: 'c2', outcome: 'failed', restartMs: null, stopMs: 10 } });
    expect(r).toEqual({
      node: 2,
      reason: 'roll stopped at node 2 (kafka-2, combined): it did not come back (it is started; see the line above for what was seen); left untouched: 3',
      hint: 'look at docker logs kafkalab-roll-t-kafka-2; once it is back, resume with npm run roll -- --from 2 (or exactly the nodes not yet rolled: --nodes 2,3)',
    });
  });

  it('a refused last node: its own hint, no untouched nodes', () => {
    const r = stoppedAt(o, n3!, [], { report: { id: 3, role: 'combined', hostname: 'kafka-3', container: 'c3', outcome: 'refused', restartMs: null }, hint: 'fix it' });
    expect(r.reason).toBe('roll stopped at node 3 (kafka-3, combined): it was never safe to stop, so it was not stopped');
    expect(r.hint).toBe('fix it, then npm run roll -- --from 3');
  });
});

describe('interruptedReport', () => {
  const w = new FakeWorld(cluster);
  const ctx = { cluster, o: { ...o, clusterArg: 'roll-t' }, deps: w.deps(), started: w.clock.now(), warnings: [] };
  const done = [{ id: 1, role: 'combined' as const, hostname: 'kafka-1', container: 'c1', outcome: 'restarted' as const, restartMs: 5 }];

  it('names the node in flight and resumes at it', () => {
    const r = interruptedReport(ctx, [n1!, n2!, n3!], done, 'node 2 (kafka-2, combined) was stopped: started it again', n2);
    expect(r.nodes.map((n) => n.outcome)).toEqual(['restarted', 'interrupted', 'pending']);
    expect(r.refusal).toEqual({ node: 2, reason: 'roll interrupted (SIGINT): node 2 (kafka-2, combined) was stopped: started it again', hint: 'resume with npm run roll -- --cluster roll-t --from 2' });
  });

  it('without a node in flight, says to run the roll again', () => {
    const r = interruptedReport(ctx, [n1!, n2!, n3!], done, 'no node was stopped', undefined);
    expect(r.nodes.map((n) => n.outcome)).toEqual(['restarted', 'pending', 'pending']);
    expect(r.refusal).toEqual({ reason: 'roll interrupted (SIGINT): no node was stopped', hint: 'run npm run roll -- --cluster roll-t again' });
  });
});
