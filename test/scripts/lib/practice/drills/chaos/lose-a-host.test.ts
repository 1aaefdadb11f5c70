import { describe, expect, it } from 'vitest';
import { resolveCluster } from '../../../../../../stacks/model/resolve.ts';
import { loseAHost, lostHostAnswer, LOST_HOST_KEY } from '../../../../../../scripts/lib/practice/drills/chaos/lose-a-host.ts';
import { drillById } from '../../../../../../scripts/lib/practice/drills/index.ts';
import { startRefusal } from '../../../../../../scripts/lib/practice/drills/kit/shape.ts';

const CUT_AT = Date.parse('2026-12-05T16:00:00Z');
const facts = { lostHost: 'lab-2', lostHostName: 'lab-2', lostNode: 2, cutAt: CUT_AT };
const rec = (key: string | null, value: string | null, secondsAfterCut: number) => ({ key, value, timestamp: CUT_AT + secondsAfterCut * 1000 });

describe('lose-a-host', () => {
  it('is a chaos drill that needs a KRaft cluster on lab hosts, and refuses another with the fix', () => {
    expect(drillById('lose-a-host')).toBe(loseAHost);
    expect(loseAHost.track).toBe('chaos');
    expect(loseAHost.needs).toEqual({ minBrokers: 3, mode: 'kraft', security: 'any', labHosts: true });
    expect(loseAHost.hints).toHaveLength(3);
    expect(typeof loseAHost.beforeHeal).toBe('function');
    expect(startRefusal(loseAHost.id, loseAHost.needs, resolveCluster({ name: 'kraft-3' }))).toContain("drill 'lose-a-host' needs nodes placed on lab hosts");
    const labHosts = Object.fromEntries([1, 2, 3].map((k) => [`lab-${k}`, { docker: `unix:///run/kafkalab-lab-${k}.sock`, address: `10.250.${k}.2` }]));
    expect(startRefusal(loseAHost.id, loseAHost.needs, resolveCluster({ name: 'mh-lab', basePort: 27092, hosts: labHosts }))).toBeUndefined();
  });

  it('asks for the acks=all write that names the lost host, and for the host back', () => {
    const task = loseAHost.task({}, resolveCluster({ name: 'kraft-3' }));
    expect(task).toContain(`key '${LOST_HOST_KEY}'`);
    expect(task).toContain('acks=all');
    expect(task).toContain('npm run lab-hosts -- restore <host>');
    expect(loseAHost.solution.steps.join('\n')).toContain('npm run lab-hosts -- restore lab-K');
  });

  it('grades the answer record: the key, the lost host, written after the cut', () => {
    expect(lostHostAnswer([rec('lost-host', 'lab-2', 12)], facts)).toEqual({ ok: true, saw: "'lab-2', written 12s after the cut" });
    expect(lostHostAnswer([rec('lost-host', 'lab-2\n', 0.5)], facts).ok).toBe(true);
    // Clocks of one machine: half a second early still counts, a record from before the cut does not.
    expect(lostHostAnswer([rec('lost-host', 'lab-2', -0.5)], facts).ok).toBe(true);
    expect(lostHostAnswer([rec('lost-host', 'lab-2', -30)], facts)).toMatchObject({ ok: false, saw: expect.stringContaining('was written before the cut') });
    expect(lostHostAnswer([rec('lost-host', 'lab-1', 5)], facts)).toEqual({ ok: false, saw: "'lab-1': not the lost host" });
    expect(lostHostAnswer([rec('k0', 'chaos-host #0 abcd', -60)], facts)).toEqual({ ok: false, saw: "no record keyed 'lost-host' in 'chaos-host'" });
    // A spec that names its hosts otherwise: either name counts.
    expect(lostHostAnswer([rec('lost-host', 'b', 3)], { ...facts, lostHostName: 'b' }).ok).toBe(true);
    // Without the facts of a start, nothing names the lost host.
    expect(lostHostAnswer([rec('lost-host', '', 3)], {}).ok).toBe(false);
  });
});
