import { describe, expect, it } from 'vitest';
import { rollWorkers } from '../../../../scripts/lib/connect/index.ts';
import { StepError } from '../../../../stacks/model/errors.ts';
import { DESCRIPTOR, expanded, FakeClock, FakeConnect, ok, refused, W1, W2 } from './fake-connect.ts';

const EXPANDED = '/connectors?expand=status&expand=info';
const healthy = (fake: FakeConnect, url: string): FakeConnect => fake.on('GET', `${url}/`, ok({ version: '3.9.1' })).on('GET', `${url}/connectors`, ok(['file-sink', 'file-source']));

describe('rollWorkers', () => {
  it('restarts the workers in order, each once it answers again and every connector has run for 10 s', async () => {
    const clock = new FakeClock();
    const fake = healthy(healthy(new FakeConnect(), W1), W2).on('GET', `${W1}${EXPANDED}`, ok(expanded('RUNNING')));
    const restarted: string[] = [];
    const lines: string[] = [];
    const report = await rollWorkers(DESCRIPTOR, {
      fetch: fake.fetch,
      clock,
      say: (l) => lines.push(l),
      restart: async (c) => {
        restarted.push(c);
        clock.t += 4000;
      },
    });
    expect(restarted).toEqual(['kafkalab-kraft-3-connect-1', 'kafkalab-kraft-3-connect-2']);
    expect(report.connectors).toEqual(['file-sink', 'file-source']);
    expect(report.workers.map((w) => [w.worker, w.answeringMs, w.runningMs])).toEqual([
      ['connect-1', 4000, 14000],
      ['connect-2', 4000, 14000],
    ]);
    expect(lines[0]).toBe('2 worker(s) answering, 2 connector(s) running: restarting the workers one at a time');
  });

  it('waits for a restarted worker to answer before the next restart', async () => {
    const clock = new FakeClock();
    const fake = healthy(new FakeConnect(), W2)
      .on('GET', `${W1}/`, ok({}), ok({}), refused(W1), refused(W1), ok({}))
      .on('GET', `${W1}/connectors`, ok([]))
      .on('GET', `${W1}${EXPANDED}`, ok(expanded('RUNNING')));
    const restarted: string[] = [];
    const report = await rollWorkers(DESCRIPTOR, { fetch: fake.fetch, clock, restart: async (c) => void restarted.push(c) });
    expect(restarted).toHaveLength(2);
    expect(report.workers[0]!.answeringMs).toBe(2000);
  });

  it('starts the settle time again when a rebalance unassigns a connector after it ran', async () => {
    const clock = new FakeClock();
    const running = ok(expanded('RUNNING'));
    const fake = healthy(healthy(new FakeConnect(), W1), W2).on('GET', `${W1}${EXPANDED}`, running, running, running, ok(expanded('UNASSIGNED')), running);
    const report = await rollWorkers(DESCRIPTOR, { fetch: fake.fetch, clock, restart: async () => undefined, stableForMs: 5000 });
    // Before the roll: two reads. Worker 1 back: running at 0 s, unassigned at 1 s, running from 2 s, so settled at 7 s.
    expect(report.workers.map((w) => w.runningMs)).toEqual([7000, 5000]);
  });

  it('restarts a connector whose task is still not running 45 s after the worker came back, once, and goes on', async () => {
    const clock = new FakeClock();
    const running = ok(expanded('RUNNING'));
    const stuck = Array.from({ length: 60 }, () => ok(expanded('UNASSIGNED')));
    const fake = healthy(healthy(new FakeConnect(), W1), W2)
      .on('GET', `${W1}${EXPANDED}`, running, running, ...stuck, running)
      .on('POST', `${W1}/connectors/file-sink/restart?includeTasks=true&onlyFailed=false`, ok({}));
    const lines: string[] = [];
    const report = await rollWorkers(DESCRIPTOR, { fetch: fake.fetch, clock, restart: async () => undefined, say: (l) => lines.push(l), stableForMs: 0 });
    expect(fake.calls.filter((c) => c.includes('/restart'))).toHaveLength(1);
    expect(lines).toContain('file-sink: RUNNING, task 0 RUNNING, task 1 UNASSIGNED 45 s after the worker came back: restarting it with its tasks');
    expect(report.workers).toHaveLength(2);
  });

  it('never starts on a group whose connector already FAILED', async () => {
    const clock = new FakeClock();
    const fake = healthy(healthy(new FakeConnect(), W1), W2).on('GET', `${W1}${EXPANDED}`, ok(expanded('FAILED')));
    const restarted: string[] = [];
    const error = await rollWorkers(DESCRIPTOR, { fetch: fake.fetch, clock, restart: async (c) => void restarted.push(c) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StepError);
    expect((error as Error).message).toContain('task 1 FAILED');
    expect(restarted).toEqual([]);
  });
});
