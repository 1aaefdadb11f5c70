import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  PROMETHEUS_IMAGE_REPOSITORY,
  prometheusBuildArgs,
  prometheusContextFiles,
  prometheusImageTag,
} from '../../../../../scripts/lib/engine/image/prometheus-image.ts';
import { prometheusRecipe, prometheusRecipeDir, prometheusRecipeHash } from '../../../../../scripts/lib/engine/image/prometheus-recipe.ts';

const dockerfile = readFileSync(join(prometheusRecipeDir, 'Dockerfile'), 'utf8');

describe('the Prometheus image', () => {
  it('is tagged with the upstream version and the recipe hash', () => {
    expect(PROMETHEUS_IMAGE_REPOSITORY).toBe('kafkalab/prometheus');
    expect(prometheusImageTag()).toBe(`kafkalab/prometheus:2.42.0-${prometheusRecipeHash()}`);
    expect(prometheusImageTag()).toMatch(/^kafkalab\/prometheus:2\.42\.0-[0-9a-f]{12}$/);
  });

  it('builds from the base image with the version and the hash as build arguments', () => {
    expect(prometheusBuildArgs('kafkalab/prometheus:2.42.0-abc', 'kafkalab/base:x', prometheusRecipe(), 'abc', '/tmp/ctx')).toEqual([
      'build',
      '--tag',
      'kafkalab/prometheus:2.42.0-abc',
      '--build-arg',
      'BASE_IMAGE=kafkalab/base:x',
      '--build-arg',
      'PROMETHEUS_VERSION=2.42.0+ds-5+deb12u1',
      '--build-arg',
      'RECIPE=abc',
      '--file',
      '/tmp/ctx/Dockerfile',
      '/tmp/ctx',
    ]);
  });

  it('lays out the binaries (0755), the default configuration and the Dockerfile (0644)', () => {
    expect(prometheusContextFiles(prometheusRecipe())).toEqual([
      { from: 'package', src: 'usr/bin/prometheus', dest: 'bin/prometheus', mode: 0o755 },
      { from: 'package', src: 'usr/bin/promtool', dest: 'bin/promtool', mode: 0o755 },
      { from: 'recipe', src: 'prometheus.yml', dest: 'prometheus.yml', mode: 0o644 },
      { from: 'recipe', src: 'Dockerfile', dest: 'Dockerfile', mode: 0o644 },
    ]);
  });

  it('has a Dockerfile that copies every binary of the context and runs prometheus as uid 1000', () => {
    const bins = prometheusContextFiles(prometheusRecipe()).filter((f) => f.from === 'package').map((f) => f.dest);
    expect(dockerfile).toContain(`COPY ${bins.join(' ')} /usr/bin/`);
    expect(dockerfile).toMatch(/^USER kafka$/m);
    expect(dockerfile).toMatch(/^ENTRYPOINT \["\/usr\/bin\/prometheus"\]$/m);
    expect(dockerfile).toContain('chown kafka:kafka /prometheus');
  });
});
