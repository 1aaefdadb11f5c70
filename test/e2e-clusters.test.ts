import { describe, expect, it } from 'vitest';
import { BLOCK, E2E_CLUSTERS } from './e2e/clusters.ts';

describe('end-to-end clusters (test/e2e/clusters.ts)', () => {
  const all = Object.values(E2E_CLUSTERS);

  it('have distinct names', () => {
    expect(new Set(all.map((c) => c.name)).size).toBe(all.length);
  });

  it('hold port blocks that do not overlap, above the presets and below the ephemeral range', () => {
    const sorted = [...all].sort((a, b) => a.basePort - b.basePort);
    for (let i = 1; i < sorted.length; i++) {
      expect(sorted[i]!.basePort - sorted[i - 1]!.basePort, `${sorted[i - 1]!.name} and ${sorted[i]!.name}`).toBeGreaterThanOrEqual(BLOCK);
    }
    expect(sorted[0]!.basePort).toBeGreaterThan(19_392 + BLOCK);
    expect(sorted.at(-1)!.basePort + BLOCK).toBeLessThanOrEqual(32_768);
  });
});
