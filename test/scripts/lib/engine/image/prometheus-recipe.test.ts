import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  PROMETHEUS_FORMAT,
  prometheusRecipe,
  prometheusRecipeDir,
  prometheusRecipeHash,
  upstreamVersion,
} from '../../../../../scripts/lib/engine/image/prometheus-recipe.ts';
import { baseRecipeHash, recipeFiles } from '../../../../../scripts/lib/engine/image/recipe.ts';
import { StepError } from '../../../../../stacks/model/errors.ts';

describe('the Prometheus recipe', () => {
  it("names Debian bookworm's prometheus package and its two binaries", () => {
    expect(prometheusRecipe()).toEqual({
      $comment: expect.any(String),
      package: 'prometheus',
      version: '2.42.0+ds-5+deb12u1',
      suite: 'bookworm',
      binaries: ['usr/bin/prometheus', 'usr/bin/promtool'],
    });
  });

  it('is the Dockerfile, the JSON and the default configuration', () => {
    expect(recipeFiles(prometheusRecipeDir)).toEqual(['Dockerfile', 'prometheus.json', 'prometheus.yml']);
  });

  describe('a bad prometheus.json', () => {
    let dir: string | undefined;
    afterEach(() => {
      if (dir) rmSync(dir, { recursive: true, force: true });
      dir = undefined;
    });

    it('fails naming the file', () => {
      dir = mkdtempSync(join(tmpdir(), 'kafkalab-test-'));
      writeFileSync(join(dir, 'prometheus.json'), JSON.stringify({ package: 'prometheus', version: '2.42.0', suite: 'bookworm', binaries: ['/bin/sh'] }));
      expect(() => prometheusRecipe(dir)).toThrow(StepError);
      expect(() => prometheusRecipe(dir)).toThrow(/prometheus\.json must hold/);
    });
  });
});

describe('upstreamVersion', () => {
  it('drops the epoch, the repack suffix and the Debian revision', () => {
    expect(upstreamVersion('2.42.0+ds-5+deb12u1')).toBe('2.42.0');
    expect(upstreamVersion('1:2.45.3+ds-2')).toBe('2.45.3');
    expect(upstreamVersion('2.33.5~rc1-1')).toBe('2.33.5');
    expect(upstreamVersion('2.42.0')).toBe('2.42.0');
  });
});

describe('the Prometheus hash (prometheus-recipe.ts), recomputed here', () => {
  it('is sha256 over the format, the base hash and every recipe file, each part ended by a NUL byte, 12 hex digits', () => {
    const h = createHash('sha256');
    const parts: (string | Buffer)[] = [`kafkalab-prometheus/${PROMETHEUS_FORMAT}`, baseRecipeHash()];
    for (const f of recipeFiles(prometheusRecipeDir)) parts.push(f, readFileSync(join(prometheusRecipeDir, f)));
    for (const p of parts) h.update(p).update('\0');
    expect(prometheusRecipeHash()).toBe(h.digest('hex').slice(0, 12));
    expect(prometheusRecipeHash()).toMatch(/^[0-9a-f]{12}$/);
  });
});
