import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CONNECT_IMAGE_REPOSITORY,
  CONNECT_RECIPE_FILES,
  CONNECT_VERSION,
  connectBuildArgs,
  connectContextDirs,
  connectImageTag,
} from '../../../../../scripts/lib/engine/image/connect-image.ts';
import {
  IMAGE_CONNECT_DATA_DIR,
  IMAGE_CONNECT_LAUNCHER,
  IMAGE_WORKER_CONFIG,
  connectRecipeDir,
  connectRecipeHash,
} from '../../../../../scripts/lib/engine/image/connect-recipe.ts';
import { IMAGE_JMX_AGENT_PATH } from '../../../../../scripts/lib/engine/image/recipe.ts';
import * as engine from '../../../../../scripts/lib/engine/index.ts';

const dockerfile = readFileSync(join(connectRecipeDir, 'Dockerfile'), 'utf8');
const launcher = readFileSync(join(connectRecipeDir, 'connect-distributed.sh'), 'utf8');

describe('the Connect image', () => {
  it('is tagged with the Connect version and the recipe hash, synchronously', () => {
    expect(CONNECT_IMAGE_REPOSITORY).toBe('kafkalab/connect');
    expect(connectImageTag()).toBe(`kafkalab/connect:${CONNECT_VERSION}-${connectRecipeHash()}`);
    expect(connectImageTag()).toMatch(/^kafkalab\/connect:3\.9\.1-[0-9a-f]{12}$/);
  });

  it('is reachable from the engine domain', () => {
    expect(engine.connectImageTag()).toBe(connectImageTag());
    expect(engine.CONNECT_IMAGE_REPOSITORY).toBe(CONNECT_IMAGE_REPOSITORY);
    expect(engine.CONNECT_VERSION).toBe('3.9.1');
    expect(typeof engine.ensureConnectImage).toBe('function');
  });

  it('builds from the base image with the version and the hash as build arguments', () => {
    expect(connectBuildArgs('kafkalab/connect:3.9.1-abc', 'kafkalab/base:x', 'abc', '/tmp/ctx')).toEqual([
      'build',
      '--tag',
      'kafkalab/connect:3.9.1-abc',
      '--build-arg',
      'BASE_IMAGE=kafkalab/base:x',
      '--build-arg',
      'CONNECT_VERSION=3.9.1',
      '--build-arg',
      'RECIPE=abc',
      '--file',
      '/tmp/ctx/Dockerfile',
      '/tmp/ctx',
    ]);
  });

  it('lays out libs/, one folder per plugin, the launcher (0755) and the configs (0644)', () => {
    expect(connectContextDirs().map((d) => d.dest)).toEqual(['libs', 'plugins/connect-file', 'plugins/connect-mirror']);
    expect(CONNECT_RECIPE_FILES.map((f) => [f.dest, f.mode.toString(8)])).toEqual([
      ['bin/connect-distributed.sh', '755'],
      ['config/connect-log4j.properties', '644'],
      ['config/connect-distributed.properties', '644'],
      ['Dockerfile', '644'],
    ]);
  });

  it('has a Dockerfile that copies the context to the paths the code names and runs the worker as the kafka user', () => {
    expect(dockerfile).toContain('COPY libs/ /opt/connect/libs/');
    expect(dockerfile).toContain('COPY plugins/ /opt/connect/plugins/');
    expect(dockerfile).toContain(`COPY agents/ ${IMAGE_JMX_AGENT_PATH.slice(0, IMAGE_JMX_AGENT_PATH.lastIndexOf('/') + 1)}`);
    expect(dockerfile).toContain(`chown kafka:kafka ${IMAGE_CONNECT_DATA_DIR}`);
    expect(dockerfile).toMatch(/^USER kafka$/m);
    expect(dockerfile).toContain(`ENTRYPOINT ["${IMAGE_CONNECT_LAUNCHER}"]`);
    expect(dockerfile).toContain(`CMD ["${IMAGE_WORKER_CONFIG}"]`);
  });

  it('has a launcher that runs ConnectDistributed and honours the Kafka launchers’ variables', () => {
    expect(launcher).toContain('org.apache.kafka.connect.cli.ConnectDistributed "$@"');
    for (const v of ['KAFKA_HEAP_OPTS', 'KAFKA_JVM_PERFORMANCE_OPTS', 'KAFKA_LOG4J_OPTS', 'KAFKA_OPTS', 'CLASSPATH', 'JAVA_HOME']) {
      expect(launcher).toContain(`\${${v}:`);
    }
    expect(launcher).toMatch(/^exec "\$JAVA" \$KAFKA_HEAP_OPTS \$KAFKA_JVM_PERFORMANCE_OPTS \$KAFKA_LOG4J_OPTS \$\{KAFKA_OPTS:-\}/m);
  });
});
