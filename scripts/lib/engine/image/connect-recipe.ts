/**
 * The Kafka Connect image's recipe: every file under scripts/lib/engine/image/connect-recipe/
 * (pom.xml, the Dockerfile, the log config, the launcher, the default worker config), the Connect
 * version, where its jars go in the image, and the hashes made of it.
 *
 * The version is 3.9.1: Maven Central serves connect-runtime, connect-json and connect-transforms
 * at 4.4.0 but neither connect-file nor connect-mirror at 4.4.0 or 4.3.2 (and 4.3.1's connect-file
 * fails on the 4.4.0 runtime), while the whole 3.9.1 set is served, FileStream and MirrorMaker 2
 * connectors included; 3.9.1 clients talk to 4.x brokers.
 *
 * Hashes are sha12 (recipe.ts: sha256 over the parts, each followed by a NUL byte, the first 12 hex
 * digits) over:
 *   jars:  `kafkalab-connect-jars/<CONNECT_FORMAT>`, CONNECT_VERSION, pom.xml
 *   image: `kafkalab-connect/<CONNECT_FORMAT>`, CONNECT_VERSION, the base image hash, the plugin
 *          table as JSON, the JMX exporter agent's coordinates, then each recipe file's relative
 *          path and content, in sorted order.
 * Synchronous and from files alone, so a cdktf stack can name the image at synth time.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cacheDir, projectRoot } from '../../core/index.ts';
import { JMX_EXPORTER_ARTIFACT, baseRecipeHash, recipeFiles, sha12 } from './recipe.ts';

/** scripts/lib/engine/image/connect-recipe: every file in it is part of the recipe. */
export const connectRecipeDir: string = join(projectRoot, 'scripts', 'lib', 'engine', 'image', 'connect-recipe');

/** The Kafka Connect version of the image (see the header for why not 4.x). */
export const CONNECT_VERSION = '3.9.1';

/** Bump when the code here changes what the image holds without any recipe file changing. */
export const CONNECT_FORMAT = 1;

/** Where the image keeps the worker's jars, launcher and configs. */
export const IMAGE_CONNECT_HOME = '/opt/connect';
/** The image's plugin.path: one folder per plugin of CONNECT_PLUGINS. */
export const IMAGE_PLUGIN_PATH = `${IMAGE_CONNECT_HOME}/plugins`;
/** The launcher (the image's entry point): `connect-distributed.sh WORKER_PROPERTIES`. */
export const IMAGE_CONNECT_LAUNCHER = `${IMAGE_CONNECT_HOME}/bin/connect-distributed.sh`;
/** The default worker config (the image's command). */
export const IMAGE_WORKER_CONFIG = `${IMAGE_CONNECT_HOME}/config/connect-distributed.properties`;
/** The kafka user's folder in the image, for files a FileStream connector reads or writes. */
export const IMAGE_CONNECT_DATA_DIR = '/var/lib/connect';
/** The REST port the default worker config listens on. */
export const CONNECT_REST_PORT = 8083;

/** A connector plugin of the image: its own jars, moved out of libs/ into plugin.path. */
export interface ConnectPlugin {
  /** Its folder under the plugin path. */
  readonly folder: string;
  /** The Maven artifact ids whose jars (`<id>-<version>.jar`) go into that folder. */
  readonly artifacts: readonly string[];
  /** Connector classes it must hold (checked in the class index of its jars). */
  readonly connectors: readonly string[];
}

/** The image's connector plugins. Part of the image hash. */
export const CONNECT_PLUGINS: readonly ConnectPlugin[] = [
  {
    folder: 'connect-file',
    artifacts: ['connect-file'],
    connectors: ['org.apache.kafka.connect.file.FileStreamSourceConnector', 'org.apache.kafka.connect.file.FileStreamSinkConnector'],
  },
  {
    folder: 'connect-mirror',
    artifacts: ['connect-mirror', 'connect-mirror-client'],
    connectors: [
      'org.apache.kafka.connect.mirror.MirrorSourceConnector',
      'org.apache.kafka.connect.mirror.MirrorCheckpointConnector',
      'org.apache.kafka.connect.mirror.MirrorHeartbeatConnector',
    ],
  },
];

/** Jars the worker's classpath must hold, besides exactly one slf4j binding. */
export const CONNECT_WORKER_JARS: readonly string[] = ['connect-runtime', 'connect-api', 'connect-json', 'connect-transforms', 'kafka-clients'];

/** The plugin folder a downloaded jar goes to, or undefined for the worker's libs/. */
export function pluginFolderOf(jar: string, version: string = CONNECT_VERSION, plugins: readonly ConnectPlugin[] = CONNECT_PLUGINS): string | undefined {
  return plugins.find((p) => p.artifacts.some((a) => jar === `${a}-${version}.jar`))?.folder;
}

const SLF4J_BINDINGS = /^(slf4j-reload4j|slf4j-log4j12|log4j-slf4j-impl|log4j-slf4j2-impl|logback-classic|slf4j-simple)-\d/;

/** Checks a downloaded jar set (file names); returns a problem, or undefined when fine. */
export function checkConnectJarSet(jarNames: readonly string[], version: string = CONNECT_VERSION): string | undefined {
  const wanted = [...CONNECT_WORKER_JARS, ...CONNECT_PLUGINS.flatMap((p) => p.artifacts)];
  for (const a of wanted) {
    if (!jarNames.includes(`${a}-${version}.jar`)) return `${a}-${version}.jar is missing`;
  }
  const bindings = jarNames.filter((n) => SLF4J_BINDINGS.test(n));
  if (bindings.length !== 1) return `expected exactly one slf4j binding, found ${bindings.length ? bindings.join(', ') : 'none'}`;
  return undefined;
}

/** The arguments of the mvn run that copies the worker's and the plugins' jars into `outDir`. */
export function connectMvnArgs(outDir: string, dir: string = connectRecipeDir): string[] {
  return [
    '-B',
    '-f',
    join(dir, 'pom.xml'),
    'dependency:copy-dependencies',
    '-DincludeScope=runtime',
    `-DoutputDirectory=${outDir}`,
    `-Dconnect.version=${CONNECT_VERSION}`,
  ];
}

/** Hash of what decides the jars: the version and the pom. */
export function connectJarsHash(dir: string = connectRecipeDir): string {
  return sha12([`kafkalab-connect-jars/${CONNECT_FORMAT}`, CONNECT_VERSION, readFileSync(join(dir, 'pom.xml'))]);
}

/** Hash of the whole Connect image recipe (see the header). */
export function connectRecipeHash(dir: string = connectRecipeDir): string {
  const parts: (string | Buffer)[] = [
    `kafkalab-connect/${CONNECT_FORMAT}`,
    CONNECT_VERSION,
    baseRecipeHash(),
    JSON.stringify(CONNECT_PLUGINS),
    JMX_EXPORTER_ARTIFACT,
  ];
  for (const f of recipeFiles(dir)) parts.push(f, readFileSync(join(dir, f)));
  return sha12(parts);
}

/**
 * The cache folder of the Connect jars (valid once it holds `.complete`): libs/ (the worker's
 * classpath) and plugins/<folder>/ (CONNECT_PLUGINS), as in the image.
 */
export function connectJarsDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(cacheDir(env), 'connect-jars', `${CONNECT_VERSION}-${connectJarsHash()}`);
}
