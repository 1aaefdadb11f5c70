import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TRIXIE_JRE21_BASE, baseRecipeHash, recipeFiles } from '../../../../../scripts/lib/engine/image/recipe.ts';
import {
  REGISTRY_ARCHIVE_FILE,
  REGISTRY_ARTIFACT,
  REGISTRY_BASE,
  REGISTRY_FORMAT,
  REGISTRY_VERSION,
  registryArchiveDir,
  registryRecipeDir,
  registryRecipeHash,
} from '../../../../../scripts/lib/engine/image/registry-recipe.ts';

/** sha256 over the parts, each followed by a NUL byte, first 12 hex digits (recipe.ts), recomputed. */
const sha12 = (parts: readonly (string | Buffer)[]): string => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p).update('\0');
  return h.digest('hex').slice(0, 12);
};

describe('the Schema Registry recipe', () => {
  it('is Apicurio Registry 3.3.3 as a runnable Quarkus layout from Maven Central, on the Java 21 base', () => {
    expect(REGISTRY_VERSION).toBe('3.3.3');
    expect(REGISTRY_ARTIFACT).toBe('io.apicurio:apicurio-registry-app:3.3.3:tar.gz:all');
    expect(REGISTRY_ARCHIVE_FILE).toBe('apicurio-registry-app-3.3.3-all.tar.gz');
    expect(REGISTRY_BASE).toBe(TRIXIE_JRE21_BASE);
  });

  it('holds the Dockerfile, the launcher and the default configuration', () => {
    expect(recipeFiles(registryRecipeDir)).toEqual(['Dockerfile', 'registry-start.sh', 'registry.properties']);
  });

  it('hashes the format, the artifact, the trixie base hash and every recipe file', () => {
    const parts: (string | Buffer)[] = [`kafkalab-registry/${REGISTRY_FORMAT}`, REGISTRY_ARTIFACT, baseRecipeHash(TRIXIE_JRE21_BASE)];
    for (const f of recipeFiles(registryRecipeDir)) parts.push(f, readFileSync(join(registryRecipeDir, f)));
    expect(registryRecipeHash()).toBe(sha12(parts));
    expect(registryRecipeHash()).toMatch(/^[0-9a-f]{12}$/);
  });

  it('caches the archive by version', () => {
    expect(registryArchiveDir({ KAFKALAB_CACHE_DIR: '/somewhere/cache' })).toBe('/somewhere/cache/registry/apicurio-registry-app-3.3.3');
  });
});
