import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  REGISTRY_CONTEXT_DIRS,
  REGISTRY_IMAGE_REPOSITORY,
  REGISTRY_RECIPE_FILES,
  registryBuildArgs,
  registryImageTag,
  unpackArgs,
} from '../../../../../scripts/lib/engine/image/registry-image.ts';
import {
  IMAGE_REGISTRY_CONFIG,
  IMAGE_REGISTRY_HOME,
  IMAGE_REGISTRY_LAUNCHER,
  IMAGE_REGISTRY_WORK_DIR,
  REGISTRY_HTTP_PORT,
  REGISTRY_MANAGEMENT_PORT,
  registryRecipeDir,
  registryRecipeHash,
} from '../../../../../scripts/lib/engine/image/registry-recipe.ts';
import * as engine from '../../../../../scripts/lib/engine/index.ts';

const dockerfile = readFileSync(join(registryRecipeDir, 'Dockerfile'), 'utf8');
const launcher = join(registryRecipeDir, 'registry-start.sh');

describe('the Schema Registry image', () => {
  it('is tagged with the registry version and the recipe hash, synchronously', () => {
    expect(REGISTRY_IMAGE_REPOSITORY).toBe('kafkalab/schema-registry');
    expect(registryImageTag()).toBe(`kafkalab/schema-registry:3.3.3-${registryRecipeHash()}`);
    expect(registryImageTag()).toMatch(/^kafkalab\/schema-registry:3\.3\.3-[0-9a-f]{12}$/);
  });

  it('is reachable from the engine domain', () => {
    expect(engine.registryImageTag()).toBe(registryImageTag());
    expect(engine.REGISTRY_IMAGE_REPOSITORY).toBe(REGISTRY_IMAGE_REPOSITORY);
    expect(engine.REGISTRY_VERSION).toBe('3.3.3');
    expect(engine.REGISTRY_READY_PATH).toBe('/health/ready');
    expect(typeof engine.ensureRegistryImage).toBe('function');
  });

  it('builds from the base image with the version and the hash as build arguments', () => {
    expect(registryBuildArgs('kafkalab/schema-registry:3.3.3-abc', 'kafkalab/base:x', 'abc', '/tmp/ctx')).toEqual([
      'build',
      '--tag',
      'kafkalab/schema-registry:3.3.3-abc',
      '--build-arg',
      'BASE_IMAGE=kafkalab/base:x',
      '--build-arg',
      'REGISTRY_VERSION=3.3.3',
      '--build-arg',
      'RECIPE=abc',
      '--file',
      '/tmp/ctx/Dockerfile',
      '/tmp/ctx',
    ]);
  });

  it('lays out app/ (the archive, unpacked as root), the launcher (0755), the config (0644), the Dockerfile', () => {
    expect(REGISTRY_CONTEXT_DIRS).toEqual(['app', 'bin', 'config']);
    expect(REGISTRY_RECIPE_FILES.map((f) => [f.src, f.dest, f.mode.toString(8)])).toEqual([
      ['registry-start.sh', 'bin/registry-start.sh', '755'],
      ['registry.properties', 'config/registry.properties', '644'],
      ['Dockerfile', 'Dockerfile', '644'],
    ]);
    expect(unpackArgs('/c/a.tar.gz', '/ctx/app')).toEqual(['--no-same-owner', '--no-same-permissions', '-xzf', '/c/a.tar.gz', '-C', '/ctx/app']);
  });

  it('copies each context folder where the constants say, and runs the launcher as the kafka user', () => {
    expect(dockerfile).toContain(`COPY app/ ${IMAGE_REGISTRY_HOME}/`);
    expect(dockerfile).toContain(`COPY bin/ ${IMAGE_REGISTRY_LAUNCHER.replace(/registry-start\.sh$/, '')}`);
    expect(dockerfile).toContain(`COPY config/ ${IMAGE_REGISTRY_CONFIG.replace(/registry\.properties$/, '')}`);
    expect(dockerfile).toContain('USER kafka');
    expect(dockerfile).toContain(`WORKDIR ${IMAGE_REGISTRY_WORK_DIR}`);
    expect(dockerfile).toContain(`EXPOSE ${REGISTRY_HTTP_PORT} ${REGISTRY_MANAGEMENT_PORT}`);
    expect(dockerfile).toContain(`ENTRYPOINT ["${IMAGE_REGISTRY_LAUNCHER}"]`);
    expect(dockerfile).toContain(`CMD ["${IMAGE_REGISTRY_CONFIG}"]`);
  });
});

describe('the registry launcher', () => {
  /** Runs the launcher with a fake java that prints its arguments and two variables. */
  const run = (args: string[]): { code: number; out: string } => {
    const dir = mkdtempSync(join(tmpdir(), 'registry-launcher-'));
    try {
      writeFileSync(join(dir, 'java'), '#!/bin/sh\nfor a in "$@"; do echo "arg:$a"; done\necho "A=${A:-}"; echo "B=${B:-}"\n', { mode: 0o755 });
      writeFileSync(join(dir, 'a.properties'), 'x=1\n');
      writeFileSync(join(dir, 'b.properties'), 'y=2\n');
      writeFileSync(join(dir, 's.env'), '# secrets\n\nA=p@ss=$word "q"\nB=two\n');
      writeFileSync(join(dir, 'bad.env'), 'no equals sign\n');
      const env = { PATH: `${dir}:/usr/bin:/bin`, JAVA_OPTS: '-Xmx1m', REGISTRY_HOME: '/r' };
      try {
        const out = execFileSync('bash', [launcher, ...args.map((a) => a.replace('@', dir))], { env, encoding: 'utf8', stdio: 'pipe' });
        return { code: 0, out };
      } catch (error) {
        const e = error as { status: number; stderr: string };
        return { code: e.status, out: e.stderr };
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };

  it('gives the properties files to Quarkus in order and exports the env files literally', () => {
    const { code, out } = run(['@/a.properties', '@/s.env', '@/b.properties']);
    expect(code).toBe(0);
    const lines = out.trim().split('\n');
    expect(lines[0]).toBe('arg:-Xmx1m');
    expect(lines[1]).toMatch(/^arg:-Dquarkus\.config\.locations=file:\/.*\/a\.properties,file:\/.*\/b\.properties$/);
    expect(lines.slice(2)).toEqual(['arg:-jar', 'arg:/r/quarkus-run.jar', 'A=p@ss=$word "q"', 'B=two']);
  });

  it('runs without config files, with no config locations', () => {
    expect(run([]).out.trim().split('\n')).toEqual(['arg:-Xmx1m', 'arg:-jar', 'arg:/r/quarkus-run.jar', 'A=', 'B=']);
  });

  it('stops before Java on a missing file, a bad env line or another kind of file (exit 2)', () => {
    expect(run(['@/missing.properties'])).toEqual({ code: 2, out: expect.stringContaining('cannot read config file') });
    expect(run(['@/bad.env'])).toEqual({ code: 2, out: expect.stringContaining('is not NAME=VALUE') });
    expect(run(['@/a.properties', '@'])).toEqual({ code: 2, out: expect.stringContaining('cannot read config file') });
  });
});
