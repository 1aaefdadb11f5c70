import { describe, expect, it } from 'vitest';
import { resolveCluster } from '../../../../../stacks/model/resolve.ts';
import { racksOf } from '../../../../../scripts/lib/verify/checks/replication.ts';
import { hasDynamicConfig } from '../../../../../scripts/lib/verify/checks/dynamic-config.ts';

describe('replication and config check shapes', () => {
  it('racksOf maps each broker with a rack to it', () => {
    expect([...racksOf(resolveCluster({ name: 'verify-t', brokers: 3, racks: ['a', 'b', 'a'] }))]).toEqual([
      [1, 'a'],
      [2, 'b'],
      [3, 'a'],
    ]);
    expect(racksOf(resolveCluster({ name: 'verify-t' })).size).toBe(0);
  });

  it('hasDynamicConfig: only when dynamic keys are declared', () => {
    expect(hasDynamicConfig(resolveCluster({ name: 'verify-t', config: { 'background.threads': 12 } }))).toBe(true);
    expect(hasDynamicConfig(resolveCluster({ name: 'verify-t' }))).toBe(false);
  });
});
