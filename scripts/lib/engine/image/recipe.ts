/**
 * The recipe: every file under scripts/lib/engine/image/recipe/ (pom.xml, Dockerfile, base.json,
 * the launcher templates, the log configs), and the hashes made of it that end the image tags.
 *
 * A hash is sha256 over its parts, each followed by a NUL byte, cut to its first 12 hex digits:
 *   base:  `kafkalab-base/<BASE_FORMAT>`, the base recipe file (base.json, or one under base-recipes/)
 *   jars:  `kafkalab-jars/<RECIPE_FORMAT>`, version, logging flavor, pom.xml
 *   kafka: `kafkalab-kafka/<RECIPE_FORMAT>`, version, logging flavor, base hash, the launcher
 *          table as JSON, the JMX exporter agent's Maven coordinates (JMX_EXPORTER_ARTIFACT), then
 *          each recipe file's relative path and content, in sorted order.
 * The Prometheus image's hash (prometheus-recipe.ts) is made the same way (sha12).
 * Synchronous and from files alone, so a cdktf stack can name the image at synth time.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../core/index.ts';
import { StepError } from '../../../../stacks/model/errors.ts';
import { LAUNCHERS } from './launchers.ts';
import { assertVersion, loggingFlavor, type KafkaVersion } from './versions.ts';

/** scripts/lib/engine/image/recipe: every file in it is part of the recipe. */
export const recipeDir: string = join(projectRoot, 'scripts', 'lib', 'engine', 'image', 'recipe');

/** Where the image keeps its jars, launchers and configs. */
export const IMAGE_KAFKA_HOME = '/opt/kafka';
/** The broker's log.dirs in the image, owned by the kafka user (uid 1000). */
export const IMAGE_DATA_DIR = '/var/lib/kafka/data';

/** The Prometheus JMX exporter's version, the newest Maven Central serves here (1.1.0+ are refused). */
export const JMX_EXPORTER_VERSION = '1.0.1';
/** Its Maven coordinates; part of the Kafka image hash, so another version gives another tag. */
export const JMX_EXPORTER_ARTIFACT = `io.prometheus.jmx:jmx_prometheus_javaagent:${JMX_EXPORTER_VERSION}`;
/**
 * Where every Kafka image (ZooKeeper servers run from the 3.9.1 one) holds the JMX exporter, root's
 * and 0644: a JVM loads it with `-javaagent:<this>=<port>:<config file>`.
 */
export const IMAGE_JMX_AGENT_PATH = '/opt/kafka/agents/jmx_prometheus_javaagent.jar';

/** The text of a recipe file, by its path under the recipe folder. */
export function readRecipe(rel: string): string {
  return readFileSync(join(recipeDir, rel), 'utf8');
}

/** Bump when the code here changes what an image holds without any recipe file changing. */
export const RECIPE_FORMAT = 1;
/** The same for the base image. */
export const BASE_FORMAT = 1;

/** base.json: how the base root filesystem is made and what the base image runs. */
export interface BaseRecipe {
  suite: string;
  variant: string;
  mirror: string;
  include: string[];
  user: { name: string; uid: number; gid: number; home: string; shell: string };
  pruneFilesUnder: string[];
  pruneKeep: string[];
  emptyFiles: string[];
  env: Record<string, string>;
  cmd: string[];
}

/**
 * The base recipes, each a JSON file of BaseRecipe's shape:
 *   BOOKWORM_BASE      recipe/base.json: bookworm with a JRE 17, under every Kafka, Connect and
 *                      Prometheus image. It stays in recipe/ because the Kafka image hash covers
 *                      every file there (so a new file there would change every Kafka tag).
 *   TRIXIE_JRE21_BASE  base-recipes/trixie-jre21.json: trixie with a JRE 21 (bookworm has none),
 *                      under the Schema Registry image.
 * Each gives its own hash, tarball and tag (base-image.ts), by the same code.
 */
export const BOOKWORM_BASE: string = join(recipeDir, 'base.json');
/** scripts/lib/engine/image/base-recipes: the base recipes besides base.json. */
export const baseRecipesDir: string = join(projectRoot, 'scripts', 'lib', 'engine', 'image', 'base-recipes');
export const TRIXIE_JRE21_BASE: string = join(baseRecipesDir, 'trixie-jre21.json');

/** A base recipe, read from its file (base.json unless told). */
export function baseRecipe(file: string = BOOKWORM_BASE): BaseRecipe {
  return JSON.parse(readFileSync(file, 'utf8')) as BaseRecipe;
}

/** The JRE a base recipe includes, for its tag: `openjdk-17-jre-headless` gives `jre17`. */
export function baseJre(recipe: BaseRecipe): string {
  const jres = recipe.include.flatMap((p) => /^openjdk-(\d+)-jre(-headless)?$/.exec(p)?.[1] ?? []);
  if (jres.length !== 1) {
    throw new StepError('base image', `a base recipe must include exactly one openjdk-N-jre-headless, not [${recipe.include.join(', ')}]`, 'fix its "include"');
  }
  return `jre${jres[0]}`;
}

/** Every file under scripts/lib/engine/image/recipe, as sorted relative paths with forward slashes. */
export function recipeFiles(dir: string = recipeDir): string[] {
  const out: string[] = [];
  const walk = (rel: string): void => {
    for (const e of readdirSync(join(dir, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(r);
      else if (e.isFile()) out.push(r);
    }
  };
  walk('');
  return out.sort();
}

/** sha256 over `parts`, each followed by a NUL byte; the first 12 hex digits. */
export function sha12(parts: readonly (string | Buffer)[]): string {
  const h = createHash('sha256');
  for (const p of parts) {
    h.update(p);
    h.update('\0');
  }
  return h.digest('hex').slice(0, 12);
}

/** Hash of a base image recipe: its file's bytes (base.json unless told). */
export function baseRecipeHash(file: string = BOOKWORM_BASE): string {
  return sha12([`kafkalab-base/${BASE_FORMAT}`, readFileSync(file)]);
}

/** Hash of what decides a version's jars: the pom, the version and its logging binding. */
export function jarsHash(version: KafkaVersion): string {
  assertVersion(version);
  return sha12([
    `kafkalab-jars/${RECIPE_FORMAT}`,
    version,
    loggingFlavor(version),
    readFileSync(join(recipeDir, 'pom.xml')),
  ]);
}

/**
 * sha256 (first 12 hex digits) over every recipe file (pom, Dockerfile, base recipe, launcher
 * templates, log configs), the launcher table, the JMX exporter's coordinates and the version.
 * Synchronous and without side effects, for synth time.
 */
export function recipeHash(version: KafkaVersion): string {
  assertVersion(version);
  const parts: (string | Buffer)[] = [
    `kafkalab-kafka/${RECIPE_FORMAT}`,
    version,
    loggingFlavor(version),
    baseRecipeHash(),
    JSON.stringify(LAUNCHERS),
    JMX_EXPORTER_ARTIFACT,
  ];
  for (const f of recipeFiles()) parts.push(f, readFileSync(join(recipeDir, f)));
  return sha12(parts);
}
