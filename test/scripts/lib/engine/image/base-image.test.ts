import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BASE_IMAGE_REPOSITORY, baseImageTag, baseImportArgs } from '../../../../../scripts/lib/engine/image/base-image.ts';
import { baseTarballPath } from '../../../../../scripts/lib/engine/image/cache.ts';
import {
  BASE_FORMAT,
  BOOKWORM_BASE,
  TRIXIE_JRE21_BASE,
  baseJre,
  baseRecipe,
  baseRecipeHash,
  recipeDir,
  type BaseRecipe,
} from '../../../../../scripts/lib/engine/image/recipe.ts';
import { StepError } from '../../../../../stacks/model/errors.ts';

/** sha256 over the parts, each followed by a NUL byte, first 12 hex digits (recipe.ts), recomputed. */
const sha12 = (parts: readonly (string | Buffer)[]): string => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p).update('\0');
  return h.digest('hex').slice(0, 12);
};

describe('the base recipes', () => {
  it('keeps base.json in the Kafka recipe folder as the default, the trixie one apart', () => {
    expect(BOOKWORM_BASE).toBe(`${recipeDir}/base.json`);
    expect(TRIXIE_JRE21_BASE).toMatch(/scripts\/lib\/engine\/image\/base-recipes\/trixie-jre21\.json$/);
    expect(baseRecipe()).toEqual(baseRecipe(BOOKWORM_BASE));
  });

  it('hashes each file by the same formula, base.json by default', () => {
    for (const f of [BOOKWORM_BASE, TRIXIE_JRE21_BASE]) {
      expect(baseRecipeHash(f)).toBe(sha12([`kafkalab-base/${BASE_FORMAT}`, readFileSync(f)]));
    }
    expect(baseRecipeHash()).toBe(baseRecipeHash(BOOKWORM_BASE));
    expect(baseRecipeHash(TRIXIE_JRE21_BASE)).not.toBe(baseRecipeHash());
  });

  it('makes the trixie recipe base.json with another suite and JRE, the same user and pruning', () => {
    const bookworm = baseRecipe();
    const trixie = baseRecipe(TRIXIE_JRE21_BASE);
    expect(bookworm.suite).toBe('bookworm');
    expect(trixie.suite).toBe('trixie');
    expect(trixie.include).toEqual(['openjdk-21-jre-headless']);
    const same = ({ suite: _s, include: _i, ...rest }: BaseRecipe & { $comment?: string }) => ({ ...rest, $comment: undefined });
    expect(same(trixie)).toEqual(same(bookworm));
    expect(trixie.user).toEqual({ name: 'kafka', uid: 1000, gid: 1000, home: '/var/lib/kafka', shell: '/usr/sbin/nologin' });
  });

  it('names the JRE of a recipe from its openjdk package, and wants exactly one', () => {
    expect(baseJre(baseRecipe())).toBe('jre17');
    expect(baseJre(baseRecipe(TRIXIE_JRE21_BASE))).toBe('jre21');
    const r = baseRecipe();
    expect(() => baseJre({ ...r, include: ['curl'] })).toThrow(StepError);
    expect(() => baseJre({ ...r, include: ['openjdk-17-jre-headless', 'openjdk-21-jre-headless'] })).toThrow(StepError);
  });
});

describe('the base images', () => {
  it('tags each by suite, JRE and hash; the bookworm tag by default', () => {
    expect(BASE_IMAGE_REPOSITORY).toBe('kafkalab/base');
    expect(baseImageTag()).toBe(`kafkalab/base:bookworm-jre17-${baseRecipeHash()}`);
    expect(baseImageTag(BOOKWORM_BASE)).toBe(baseImageTag());
    expect(baseImageTag(TRIXIE_JRE21_BASE)).toBe(`kafkalab/base:trixie-jre21-${baseRecipeHash(TRIXIE_JRE21_BASE)}`);
  });

  it('caches one tarball per recipe, by its hash', () => {
    const env = { KAFKALAB_CACHE_DIR: '/somewhere/cache' };
    expect(baseTarballPath(env)).toBe(`/somewhere/cache/base/${baseRecipeHash()}.tar`);
    expect(baseTarballPath(env, TRIXIE_JRE21_BASE)).toBe(`/somewhere/cache/base/${baseRecipeHash(TRIXIE_JRE21_BASE)}.tar`);
  });

  it('imports the tarball with the recipe ENV and CMD', () => {
    expect(baseImportArgs(baseRecipe(TRIXIE_JRE21_BASE), 'abc', '/c/base/abc.tar', 'kafkalab/base:trixie-jre21-abc')).toEqual([
      'import',
      '--change',
      'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
      '--change',
      'ENV LANG=C.UTF-8',
      '--change',
      'CMD ["/bin/bash"]',
      '--message',
      'kafkalab base recipe abc',
      '/c/base/abc.tar',
      'kafkalab/base:trixie-jre21-abc',
    ]);
  });
});
