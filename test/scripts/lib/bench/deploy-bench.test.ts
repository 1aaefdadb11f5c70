import { describe, expect, it } from 'vitest';
import { median, summarizePreset } from '../../../../scripts/lib/bench/deploy-bench.ts';
import { resolveCluster } from '../../../../stacks/model/resolve.ts';
import { PRESETS } from '../../../../stacks/model/presets.ts';

describe('bench summary', () => {
  it('takes medians', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(median([])).toBeNaN();
  });

  it('reports deploy, floor and their ratio per preset, measured in the same run', () => {
    const c = resolveCluster({ ...PRESETS['zk-3']!, name: 'bench-zk-3' });
    const r = summarizePreset('zk-3', c, [
      { name: 'cdktf deploy to verified', seconds: 60, ok: true },
      { name: 'docker run to verified (floor)', seconds: 40, ok: true },
    ]);
    expect(r).toMatchObject({
      preset: 'zk-3',
      cluster: { name: 'bench-zk-3', mode: 'zookeeper', containers: 6, kafkaVersion: '3.9.1' },
      deployToVerifiedSeconds: 60,
      floorSeconds: 40,
      ratio: 1.5,
      ok: true,
    });
  });

  it('is not ok when a sample failed', () => {
    const c = resolveCluster({ name: 'bb' });
    const r = summarizePreset('kraft-3', c, [
      { name: 'cdktf deploy to verified', seconds: 1, ok: false },
      { name: 'docker run to verified (floor)', seconds: 1, ok: true },
    ]);
    expect(r.ok).toBe(false);
  });
});
