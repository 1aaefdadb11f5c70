import { describe, expect, it } from 'vitest';
import { jarsDir } from '../../../../../scripts/lib/engine/image/cache.ts';
import { jarsHash } from '../../../../../scripts/lib/engine/image/recipe.ts';

describe('caches', () => {
  it('keeps the jars under the cache folder, keyed by version and hash', () => {
    expect(jarsDir('3.9.1', { KAFKALAB_CACHE_DIR: '/somewhere/cache' })).toBe(
      `/somewhere/cache/jars/3.9.1-${jarsHash('3.9.1')}`,
    );
  });
});
