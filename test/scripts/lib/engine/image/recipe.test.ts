import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LAUNCHERS } from '../../../../../scripts/lib/engine/image/launchers.ts';
import { KAFKA_VERSIONS, loggingFlavor } from '../../../../../scripts/lib/engine/image/versions.ts';
import {
  BASE_FORMAT,
  IMAGE_JMX_AGENT_PATH,
  JMX_EXPORTER_ARTIFACT,
  JMX_EXPORTER_VERSION,
  RECIPE_FORMAT,
  baseRecipeHash,
  jarsHash,
  recipeDir,
  recipeFiles,
  recipeHash,
} from '../../../../../scripts/lib/engine/image/recipe.ts';
import { StepError } from '../../../../../stacks/model/errors.ts';

describe('recipe hash', () => {
  it('is 12 hex digits and stable across calls', () => {
    for (const v of KAFKA_VERSIONS) {
      expect(recipeHash(v)).toMatch(/^[0-9a-f]{12}$/);
      expect(recipeHash(v)).toBe(recipeHash(v));
    }
    expect(baseRecipeHash()).toBe(baseRecipeHash());
  });

  it('differs between versions', () => {
    expect(recipeHash('4.4.0')).not.toBe(recipeHash('3.9.1'));
    expect(jarsHash('4.4.0')).not.toBe(jarsHash('3.9.1'));
  });

  it('rejects a version it does not know', () => {
    expect(() => recipeHash('2.8.0' as never)).toThrow(StepError);
  });

  it('covers every recipe file', () => {
    const files = recipeFiles();
    for (const f of [
      'pom.xml',
      'Dockerfile',
      'base.json',
      'launchers/kafka-run-class.sh.tmpl',
      'launchers/server.sh.tmpl',
      'launchers/tool.sh.tmpl',
      'config/log4j1/log4j.properties',
      'config/log4j1/tools-log4j.properties',
      'config/log4j2/log4j2.xml',
      'config/log4j2/tools-log4j2.xml',
    ]) {
      expect(files).toContain(f);
    }
  });
});

describe('the hash formula (recipe.ts), recomputed here', () => {
  /** sha256 over the parts, each followed by a NUL byte, first 12 hex digits. */
  const sha12 = (parts: readonly (string | Buffer)[]): string => {
    const h = createHash('sha256');
    for (const p of parts) h.update(p).update('\0');
    return h.digest('hex').slice(0, 12);
  };
  const file = (rel: string): Buffer => readFileSync(join(recipeDir, rel));

  it('hashes base.json for the base image', () => {
    expect(baseRecipeHash()).toBe(sha12([`kafkalab-base/${BASE_FORMAT}`, file('base.json')]));
  });

  it('hashes the version, its logging flavor and pom.xml for the jars', () => {
    for (const v of KAFKA_VERSIONS) {
      expect(jarsHash(v)).toBe(sha12([`kafkalab-jars/${RECIPE_FORMAT}`, v, loggingFlavor(v), file('pom.xml')]));
    }
  });

  it('hashes the version, the base hash, the launcher table, the JMX agent and every recipe file for the Kafka image', () => {
    for (const v of KAFKA_VERSIONS) {
      const parts: (string | Buffer)[] = [
        `kafkalab-kafka/${RECIPE_FORMAT}`,
        v,
        loggingFlavor(v),
        baseRecipeHash(),
        JSON.stringify(LAUNCHERS),
        `io.prometheus.jmx:jmx_prometheus_javaagent:${JMX_EXPORTER_VERSION}`,
      ];
      for (const f of recipeFiles()) parts.push(f, file(f));
      expect(recipeHash(v)).toBe(sha12(parts));
    }
  });
});

describe('the JMX exporter agent', () => {
  it('is pinned to 1.0.1 and lands at one fixed path in every image', () => {
    expect(JMX_EXPORTER_VERSION).toBe('1.0.1');
    expect(JMX_EXPORTER_ARTIFACT).toBe('io.prometheus.jmx:jmx_prometheus_javaagent:1.0.1');
    expect(IMAGE_JMX_AGENT_PATH).toBe('/opt/kafka/agents/jmx_prometheus_javaagent.jar');
  });

  it('is copied there by the Dockerfile, from the context folder agents/', () => {
    expect(readFileSync(join(recipeDir, 'Dockerfile'), 'utf8')).toMatch(/^COPY agents\/ \/opt\/kafka\/agents\/$/m);
  });
});
