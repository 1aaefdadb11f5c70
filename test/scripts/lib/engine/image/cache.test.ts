import { describe, expect, it } from 'vitest';
import { jarsDir, jmxAgentDir, prometheusDebDir } from '../../../../../scripts/lib/engine/image/cache.ts';
import { jarsHash } from '../../../../../scripts/lib/engine/image/recipe.ts';

describe('caches', () => {
  it('keeps the jars under the cache folder, keyed by version and hash', () => {
    expect(jarsDir('3.9.1', { KAFKALAB_CACHE_DIR: '/somewhere/cache' })).toBe(
      `/somewhere/cache/jars/3.9.1-${jarsHash('3.9.1')}`,
    );
  });

  it('keeps the JMX agent by its version and the prometheus package by its Debian version', () => {
    const env = { KAFKALAB_CACHE_DIR: '/somewhere/cache' };
    expect(jmxAgentDir(env)).toBe('/somewhere/cache/agents/jmx_prometheus_javaagent-1.0.1');
    expect(prometheusDebDir('2.42.0+ds-5+deb12u1', env)).toBe('/somewhere/cache/prometheus/2.42.0+ds-5+deb12u1');
  });
});
