import { describe, expect, it, vi } from 'vitest';
import type { ConnectionDescriptor } from '../../../../scripts/lib/cluster/index.ts';
import type { AdminSession } from '../../../../scripts/lib/kafka/index.ts';
import { rollOptionsFrom } from '../../../../scripts/lib/roll/options.ts';
import { systemClock } from '../../../../scripts/lib/core/progress.ts';
import { openRollDeps, rollDepsFor } from '../../../../scripts/lib/roll/roll-deps.ts';
import { resolveCluster } from '../../../../stacks/model/resolve.ts';

const cluster = resolveCluster({ name: 'roll-t' });
const d = {} as ConnectionDescriptor;

describe('the real roll dependencies', () => {
  it('look again every 500 ms through an admin session, every 2 s without one', () => {
    expect(rollDepsFor(cluster, d, rollOptionsFrom({}), {} as AdminSession).pollMs).toBe(500);
    expect(rollDepsFor(cluster, d, rollOptionsFrom({}), undefined).pollMs).toBe(2000);
  });

  it('show no progress lines with progress: false', () => {
    const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const p = rollDepsFor(cluster, d, { ...rollOptionsFrom({}), progress: false }, undefined).progress('roll');
      p.update('x');
      p.done('ok');
      expect(write).not.toHaveBeenCalled();
    } finally {
      write.mockRestore();
    }
  });

  it('a dry run opens no admin session', async () => {
    const opened = await openRollDeps(cluster, d, rollOptionsFrom({ 'dry-run': true }));
    expect(opened.warnings).toEqual([]);
    expect(opened.deps.clock).toBe(systemClock);
    await expect(opened.close()).resolves.toBeUndefined();
  });

  it('the system clock sleeps for real', async () => {
    const t0 = systemClock.now();
    await systemClock.sleep(20);
    expect(systemClock.now() - t0).toBeGreaterThanOrEqual(15);
  });
});
