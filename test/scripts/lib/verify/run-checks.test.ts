import { describe, expect, it } from 'vitest';
import { resolveCluster } from '../../../../stacks/model/resolve.ts';
import type { ConnectionDescriptor } from '../../../../scripts/lib/cluster/index.ts';
import type { Progress } from '../../../../scripts/lib/core/index.ts';
import type { CheckGroup, SingleCheck, VerifyCheck, VerifyEnv } from '../../../../scripts/lib/verify/check.ts';
import { runChecks, type Waiter } from '../../../../scripts/lib/verify/run-checks.ts';
import { renderReport } from '../../../../scripts/lib/verify/report.ts';

const cluster = resolveCluster({ name: 'verify-t' });
const d = { bootstrapServers: ['127.0.0.1:19092'] } as unknown as ConnectionDescriptor;

function recordingProgress(): { progress: Progress; shown: string[] } {
  const shown: string[] = [];
  const progress = { update: (t: string) => void shown.push(t), done: () => undefined, fail: () => undefined } as unknown as Progress;
  return { progress, shown };
}

const env = (progress?: Progress): VerifyEnv => ({ cluster, d, timeoutMs: 5_000, ...(progress ? { progress } : {}) });

function passing(id: string, detail = `${id} fine`, more: Partial<SingleCheck> = {}): SingleCheck {
  return { id, name: () => id, applies: () => true, run: async () => detail, ...more };
}

function failing(id: string, reason: string, more: Partial<SingleCheck> = {}): SingleCheck {
  return { id, name: () => id, applies: () => true, run: async () => Promise.reject(new Error(reason)), ...more };
}

describe('runChecks', () => {
  it('runs the applying checks in list order, showing each name, and passes when every line passed', async () => {
    const { progress, shown } = recordingProgress();
    const checks: VerifyCheck[] = [passing('a'), passing('skipped', 'x', { applies: () => false }), passing('b')];
    const r = await runChecks(checks, env(progress));
    expect(r).toEqual({
      ok: true,
      cluster: 'verify-t',
      securityMode: 'sasl_ssl',
      checks: [
        { name: 'a', ok: true, detail: 'a fine' },
        { name: 'b', ok: true, detail: 'b fine' },
      ],
    });
    expect(shown).toEqual(['a', 'b']);
    expect(renderReport(r)).toBe("✔ a: a fine\n✔ b: b fine\ncluster 'verify-t' verified (security sasl_ssl): 2 checks passed\n");
  });

  it('a failed check is a failed line with the message; later checks still run', async () => {
    const r = await runChecks([failing('a', 'broken'), passing('b')], env());
    expect(r.ok).toBe(false);
    expect(r.checks).toEqual([
      { name: 'a', ok: false, detail: 'broken' },
      { name: 'b', ok: true, detail: 'b fine' },
    ]);
    expect(renderReport(r)).toBe("✖ a: broken\n✔ b: b fine\ncluster 'verify-t' FAILED 1 of 2 checks (security sasl_ssl)\n");
  });

  it('a failed check that stops on failure ends the run, with no warnings field', async () => {
    const r = await runChecks([failing('up', 'down', { stopsOnFailure: true }), passing('b')], env());
    expect(r).toEqual({ ok: false, cluster: 'verify-t', securityMode: 'sasl_ssl', checks: [{ name: 'up', ok: false, detail: 'down' }] });
    expect(Object.keys(r)).not.toContain('warnings');
  });

  it('a check whose requirement failed, or did not run, is skipped', async () => {
    const r = await runChecks(
      [failing('topic', 'no topic'), passing('records', 'ok', { requires: ['topic'] }), passing('racks', 'ok', { requires: ['absent'] }), passing('after')],
      env(),
    );
    expect(r.checks.map((c) => c.name)).toEqual(['topic', 'after']);
    const ok = await runChecks([passing('topic'), passing('records', 'ok', { requires: ['topic'] })], env());
    expect(ok.checks.map((c) => c.name)).toEqual(['topic', 'records']);
  });

  it('a group adds its lines, shows its label, and is one failed line under its name when it throws', async () => {
    const { progress, shown } = recordingProgress();
    const group = (runAll: CheckGroup['runAll']): CheckGroup => ({ id: 'g', name: () => 'group: all', progressLabel: 'the group', applies: () => true, runAll });
    const lines = [
      { name: 'group: one', ok: true, detail: '1' },
      { name: 'group: two', ok: false, detail: '2' },
    ];
    const r = await runChecks([group(async () => lines), passing('z')], env(progress));
    expect(r.checks).toEqual([...lines, { name: 'z', ok: true, detail: 'z fine' }]);
    expect(shown).toEqual(['the group', 'z']);
    const thrown = await runChecks([group(async () => Promise.reject(new Error('never applied')))], env());
    expect(thrown.checks).toEqual([{ name: 'group: all', ok: false, detail: 'never applied' }]);
  });

  it('warnings noted by checks come after the lines, and a finding is passed to a later check', async () => {
    const noter: SingleCheck = passing('certs', 'valid', {
      run: async (ctx) => {
        ctx.warn('expires in 10 days');
        ctx.found.quorum = { leaderId: 2, leaderEpoch: 1, voters: [1, 2, 3], observers: [] } as never;
        return 'valid';
      },
    });
    const reader: SingleCheck = passing('controller', '', { run: async (ctx) => `leader ${ctx.found.quorum?.leaderId}` });
    const r = await runChecks([noter, reader], env());
    expect(r.warnings).toEqual(['expires in 10 days']);
    expect(r.checks[1]).toEqual({ name: 'controller', ok: true, detail: 'leader 2' });
    expect(renderReport(r)).toBe("✔ certs: valid\n✔ controller: leader 2\n⚠ expires in 10 days\ncluster 'verify-t' verified (security sasl_ssl): 2 checks passed\n");
  });

  it("a check's waitFor waits to the verify deadline, naming what it awaits, looking 4 times a second", async () => {
    const seen: unknown[] = [];
    const wait: Waiter = async (probe, opts) => {
      seen.push(opts);
      return (await probe())!;
    };
    const waiting: SingleCheck = passing('w', '', { run: async (ctx) => String(await ctx.waitFor(async () => 7, 'seven')) });
    const r = await runChecks([waiting], env(), wait);
    expect(r.checks[0]?.detail).toBe('7');
    expect(seen).toEqual([{ what: 'seven', timeoutMs: 5_000, intervalMs: 250 }]);
  });
});

describe('runChecks side by side', () => {
  it('runs independent checks at the same time, and reports them in list order', async () => {
    let release: () => void = () => undefined;
    const released = new Promise<void>((r) => (release = r));
    const waiting = passing('waits', 'released', { run: async () => (await released, 'released') });
    const releasing = passing('releases', 'done', { run: async () => (release(), 'done') });
    const r = await runChecks([waiting, releasing], env());
    expect(r.checks).toEqual([
      { name: 'waits', ok: true, detail: 'released' },
      { name: 'releases', ok: true, detail: 'done' },
    ]);
  });

  it('starts a check only after the barriers before it and the checks it comes after', async () => {
    const order: string[] = [];
    const step = (id: string, more: Partial<SingleCheck> = {}): SingleCheck =>
      passing(id, id, { run: async () => (order.push(`start ${id}`), await new Promise((r) => setTimeout(r, 5)), order.push(`end ${id}`), id), ...more });
    await runChecks([step('gate', { barrier: true }), step('x'), step('y', { after: ['x'] })], env());
    expect(order).toEqual(['start gate', 'end gate', 'start x', 'end x', 'start y', 'end y']);
  });
});
