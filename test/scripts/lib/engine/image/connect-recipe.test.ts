import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CONNECT_FORMAT,
  CONNECT_PLUGINS,
  CONNECT_VERSION,
  IMAGE_PLUGIN_PATH,
  checkConnectJarSet,
  connectJarsDir,
  connectJarsHash,
  connectMvnArgs,
  connectRecipeDir,
  connectRecipeHash,
  pluginFolderOf,
} from '../../../../../scripts/lib/engine/image/connect-recipe.ts';
import { JMX_EXPORTER_ARTIFACT, baseRecipeHash, recipeFiles } from '../../../../../scripts/lib/engine/image/recipe.ts';

function sha12(parts: readonly (string | Buffer)[]): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(p).update('\0');
  return h.digest('hex').slice(0, 12);
}

/** The jars mvn copies for the 3.9.1 recipe (a subset is enough for the rules). */
const JARS = [
  'connect-api-3.9.1.jar',
  'connect-file-3.9.1.jar',
  'connect-json-3.9.1.jar',
  'connect-mirror-3.9.1.jar',
  'connect-mirror-client-3.9.1.jar',
  'connect-runtime-3.9.1.jar',
  'connect-transforms-3.9.1.jar',
  'jackson-core-2.16.2.jar',
  'kafka-clients-3.9.1.jar',
  'reload4j-1.2.25.jar',
  'slf4j-api-1.7.36.jar',
  'slf4j-reload4j-1.7.36.jar',
];

describe('the Connect recipe', () => {
  it('is Connect 3.9.1, whose whole set (FileStream and MirrorMaker 2 included) Maven Central serves', () => {
    expect(CONNECT_VERSION).toBe('3.9.1');
    expect(readFileSync(join(connectRecipeDir, 'pom.xml'), 'utf8')).toContain(`<connect.version>${CONNECT_VERSION}</connect.version>`);
  });

  it('is the pom, the Dockerfile, the launcher, the log config and the default worker config', () => {
    expect(recipeFiles(connectRecipeDir)).toEqual([
      'Dockerfile',
      'connect-distributed.properties',
      'connect-distributed.sh',
      'connect-log4j.properties',
      'pom.xml',
    ]);
  });

  it('configures logging with a properties file (no YAML or XML parser on the classpath)', () => {
    const log = readFileSync(join(connectRecipeDir, 'connect-log4j.properties'), 'utf8');
    expect(log).toMatch(/^log4j\.rootLogger=INFO, stdout$/m);
    expect(readFileSync(join(connectRecipeDir, 'connect-distributed.sh'), 'utf8')).toContain(
      '-Dlog4j.configuration=file:$CONNECT_HOME/config/connect-log4j.properties',
    );
  });

  it('has a default worker config on the image plugin path with replicated internal topics', () => {
    const props = readFileSync(join(connectRecipeDir, 'connect-distributed.properties'), 'utf8');
    expect(props).toContain(`plugin.path=${IMAGE_PLUGIN_PATH}`);
    for (const t of ['config', 'offset', 'status']) expect(props).toContain(`${t}.storage.replication.factor=3`);
    expect(props).toMatch(/^listeners=http:\/\/:8083$/m);
  });
});

describe('pluginFolderOf', () => {
  it('sends the plugins’ own jars to their folders and everything else to libs/', () => {
    expect(pluginFolderOf('connect-file-3.9.1.jar')).toBe('connect-file');
    expect(pluginFolderOf('connect-mirror-3.9.1.jar')).toBe('connect-mirror');
    expect(pluginFolderOf('connect-mirror-client-3.9.1.jar')).toBe('connect-mirror');
    expect(pluginFolderOf('connect-runtime-3.9.1.jar')).toBeUndefined();
    expect(pluginFolderOf('connect-file-4.4.0.jar')).toBeUndefined();
    expect(pluginFolderOf('kafka-clients-3.9.1.jar')).toBeUndefined();
  });

  it('lists FileStream and the three MirrorMaker 2 connectors', () => {
    expect(CONNECT_PLUGINS.map((p) => p.folder)).toEqual(['connect-file', 'connect-mirror']);
    expect(CONNECT_PLUGINS.flatMap((p) => p.connectors).map((c) => c.split('.').at(-1))).toEqual([
      'FileStreamSourceConnector',
      'FileStreamSinkConnector',
      'MirrorSourceConnector',
      'MirrorCheckpointConnector',
      'MirrorHeartbeatConnector',
    ]);
  });
});

describe('checkConnectJarSet', () => {
  it('accepts the whole set with one slf4j binding', () => {
    expect(checkConnectJarSet(JARS)).toBeUndefined();
  });

  it('names a missing plugin jar, as for 4.4.0 where connect-file is not served', () => {
    expect(checkConnectJarSet(JARS.filter((j) => j !== 'connect-file-3.9.1.jar'))).toBe('connect-file-3.9.1.jar is missing');
    expect(checkConnectJarSet(JARS.map((j) => j.replace('3.9.1', '4.4.0')), '4.4.0')).toBeUndefined();
  });

  it('wants exactly one slf4j binding', () => {
    expect(checkConnectJarSet(JARS.filter((j) => !j.startsWith('slf4j-reload4j')))).toBe('expected exactly one slf4j binding, found none');
    expect(checkConnectJarSet([...JARS, 'log4j-slf4j-impl-2.25.5.jar'])).toMatch(/found slf4j-reload4j-1\.7\.36\.jar, log4j-slf4j-impl/);
  });
});

describe('connectMvnArgs', () => {
  it('copies the runtime dependencies of the recipe pom with the version', () => {
    expect(connectMvnArgs('/tmp/out', '/r')).toEqual([
      '-B',
      '-f',
      '/r/pom.xml',
      'dependency:copy-dependencies',
      '-DincludeScope=runtime',
      '-DoutputDirectory=/tmp/out',
      '-Dconnect.version=3.9.1',
    ]);
  });
});

describe('the Connect hashes (connect-recipe.ts), recomputed here', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it('jars: sha256 over the format, the version and the pom, each part ended by a NUL byte, 12 hex digits', () => {
    expect(connectJarsHash()).toBe(
      sha12([`kafkalab-connect-jars/${CONNECT_FORMAT}`, CONNECT_VERSION, readFileSync(join(connectRecipeDir, 'pom.xml'))]),
    );
    expect(connectJarsDir({ KAFKALAB_CACHE_DIR: '/c' })).toBe(`/c/connect-jars/3.9.1-${connectJarsHash()}`);
  });

  it('image: also the base hash, the plugin table, the agent and every recipe file', () => {
    const parts: (string | Buffer)[] = [
      `kafkalab-connect/${CONNECT_FORMAT}`,
      CONNECT_VERSION,
      baseRecipeHash(),
      JSON.stringify(CONNECT_PLUGINS),
      JMX_EXPORTER_ARTIFACT,
    ];
    for (const f of recipeFiles(connectRecipeDir)) parts.push(f, readFileSync(join(connectRecipeDir, f)));
    expect(connectRecipeHash()).toBe(sha12(parts));
    expect(connectRecipeHash()).toMatch(/^[0-9a-f]{12}$/);
  });

  it('changes with any recipe file, and only the image hash for a file other than the pom', () => {
    dir = mkdtempSync(join(tmpdir(), 'kafkalab-test-'));
    cpSync(connectRecipeDir, dir, { recursive: true });
    expect(connectRecipeHash(dir)).toBe(connectRecipeHash());
    writeFileSync(join(dir, 'connect-log4j.properties'), 'log4j.rootLogger=DEBUG, stdout\n');
    expect(connectRecipeHash(dir)).not.toBe(connectRecipeHash());
    expect(connectJarsHash(dir)).toBe(connectJarsHash());
    writeFileSync(join(dir, 'pom.xml'), '<project/>\n');
    expect(connectJarsHash(dir)).not.toBe(connectJarsHash());
  });
});
