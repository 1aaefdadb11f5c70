import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadClusterSpec, registerCluster } from '../../../../scripts/lib/cluster/known-clusters.ts';
import { ClusterNotFoundError } from '../../../../stacks/model/errors.ts';

const dir = mkdtempSync(join(tmpdir(), 'kafkalab-spec-'));

/** Run with a state folder that has one registered cluster, 'mine'. */
function withState(fn: () => void): void {
  const saved = process.env.KAFKALAB_STATE_DIR;
  const state = mkdtempSync(join(tmpdir(), 'kafkalab-state-'));
  process.env.KAFKALAB_STATE_DIR = state;
  try {
    registerCluster({ name: 'mine', brokers: 1 });
    fn();
  } finally {
    if (saved === undefined) delete process.env.KAFKALAB_STATE_DIR;
    else process.env.KAFKALAB_STATE_DIR = saved;
  }
}

describe('loadClusterSpec', () => {
  it('returns the default preset', () => {
    expect(loadClusterSpec()).toEqual({ name: 'kraft-3' });
    expect(loadClusterSpec('kraft-3')).toEqual({ name: 'kraft-3' });
  });

  it('reads a spec file', () => {
    writeFileSync(join(dir, 'mine.json'), JSON.stringify({ name: 'mine', brokers: 1 }));
    expect(loadClusterSpec(join(dir, 'mine.json'))).toEqual({ name: 'mine', brokers: 1 });
  });

  it('fails if the value is neither a preset, a deployed cluster nor a file, listing the deployed ones', () => {
    withState(() => {
      expect(() => loadClusterSpec('nope')).toThrow(
        "'--cluster' (nope) is neither a preset, a deployed cluster nor a spec file: use one of kraft-3, kraft-dedicated, zk-3, dc-a, dc-b, mine, or the path of a JSON spec file",
      );
    });
  });

  it('finds a cluster deployed from a spec file by its name', () => {
    withState(() => expect(loadClusterSpec('mine')).toEqual({ name: 'mine', brokers: 1 }));
  });

  it('fails if the file is not JSON', () => {
    writeFileSync(join(dir, 'bad.json'), '{ name: ');
    expect(() => loadClusterSpec(join(dir, 'bad.json'))).toThrow(ClusterNotFoundError);
  });

  it("fails if a spec file takes a preset's name", () => {
    writeFileSync(join(dir, 'dup.json'), JSON.stringify({ name: 'kraft-3' }));
    expect(() => loadClusterSpec(join(dir, 'dup.json'))).toThrow(
      `'name' ('kraft-3') in ${join(dir, 'dup.json')} is a preset's name: pick another name for your own cluster`,
    );
  });
});
