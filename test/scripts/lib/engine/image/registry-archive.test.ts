import { describe, expect, it } from 'vitest';
import { looksLikeGzip, registryMvnArgs } from '../../../../../scripts/lib/engine/image/registry-archive.ts';

describe('the registry archive download', () => {
  it('copies the pinned artifact into the folder given', () => {
    expect(registryMvnArgs('/cache/registry/x.partial-7')).toEqual([
      '-B',
      'org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy',
      '-Dartifact=io.apicurio:apicurio-registry-app:3.3.3:tar.gz:all',
      '-DoutputDirectory=/cache/registry/x.partial-7',
      '-Dmdep.overWriteReleases=true',
    ]);
  });

  it('tells a gzip from anything else by its first bytes', () => {
    expect(looksLikeGzip(new Uint8Array([0x1f, 0x8b, 0x08]))).toBe(true);
    expect(looksLikeGzip(new TextEncoder().encode('<html>'))).toBe(false);
    expect(looksLikeGzip(new Uint8Array([0x1f]))).toBe(false);
  });
});
