import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ClusterNotFoundError, loadClusterSpec } from '../../../scripts/lib/clusters.ts';

const dir = mkdtempSync(join(tmpdir(), 'kafkalab-spec-'));

describe('loadClusterSpec', () => {
  it('returns the default preset', () => {
    expect(loadClusterSpec()).toEqual({ name: 'kraft-3' });
    expect(loadClusterSpec('kraft-3')).toEqual({ name: 'kraft-3' });
  });

  it('reads a spec file', () => {
    writeFileSync(join(dir, 'mine.json'), JSON.stringify({ name: 'mine', brokers: 1 }));
    expect(loadClusterSpec(join(dir, 'mine.json'))).toEqual({ name: 'mine', brokers: 1 });
  });

  it('fails if the value is neither a preset nor a file', () => {
    expect(() => loadClusterSpec('nope')).toThrow(
      "'--cluster' (nope) is neither a preset nor a spec file: use one of kraft-3, kraft-dedicated, zk-3, or the path of a JSON spec file",
    );
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
