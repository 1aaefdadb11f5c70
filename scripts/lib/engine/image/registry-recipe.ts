/**
 * The Schema Registry image's recipe: every file under scripts/lib/engine/image/registry-recipe/
 * (the Dockerfile, the launcher, the default configuration), the Apicurio Registry version and the
 * Maven coordinates of its runnable Quarkus layout, and the hash made of it that ends the tag.
 *
 * Apicurio Registry 3.3.3 runs on Java 21+ only (Java 17 fails with UnsupportedClassVersionError),
 * so the image builds on the trixie base (TRIXIE_JRE21_BASE), not on base.json's bookworm one.
 *
 * The hash is sha12 (recipe.ts: sha256 over the parts, each followed by a NUL byte, the first 12
 * hex digits) over:
 *   `kafkalab-registry/<REGISTRY_FORMAT>`, REGISTRY_ARTIFACT, the trixie base image hash, then
 *   each recipe file's relative path and content, in sorted order.
 * Synchronous and from files alone, so a cdktf stack can name the image at synth time.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cacheDir, projectRoot } from '../../core/index.ts';
import { TRIXIE_JRE21_BASE, baseRecipeHash, recipeFiles, sha12 } from './recipe.ts';

/** scripts/lib/engine/image/registry-recipe: every file in it is part of the recipe. */
export const registryRecipeDir: string = join(projectRoot, 'scripts', 'lib', 'engine', 'image', 'registry-recipe');

/** The Apicurio Registry version of the image. */
export const REGISTRY_VERSION = '3.3.3';
/** Its runnable Quarkus layout on Maven Central (a tar.gz of about 159 MB). Part of the image hash. */
export const REGISTRY_ARTIFACT = `io.apicurio:apicurio-registry-app:${REGISTRY_VERSION}:tar.gz:all`;
/** The archive's file name as `mvn dependency:copy` writes it, in the cache. */
export const REGISTRY_ARCHIVE_FILE = `apicurio-registry-app-${REGISTRY_VERSION}-all.tar.gz`;
/** The base recipe the image builds on (Java 21). */
export const REGISTRY_BASE = TRIXIE_JRE21_BASE;

/** Bump when the code here changes what the image holds without any recipe file changing. */
export const REGISTRY_FORMAT = 1;

/** Where the image keeps the application (quarkus-run.jar, lib/, app/, quarkus/). */
export const IMAGE_REGISTRY_HOME = '/opt/apicurio-registry';
/** The launcher (the image's entry point): `registry-start.sh [CONFIG_FILE...]`. */
export const IMAGE_REGISTRY_LAUNCHER = '/opt/kafkalab/bin/registry-start.sh';
/** The default configuration (the image's command): in-memory storage, no Kafka. */
export const IMAGE_REGISTRY_CONFIG = '/etc/registry/registry.properties';
/** The kafka user's working folder (Quarkus's `.env` and `config/` are read from here; snapshots and imports go here). */
export const IMAGE_REGISTRY_WORK_DIR = '/var/lib/registry';
/** The HTTP port of the APIs (`/apis/registry/v3`, `/apis/ccompat/v7`). */
export const REGISTRY_HTTP_PORT = 8080;
/** The management port (health, metrics). */
export const REGISTRY_MANAGEMENT_PORT = 9000;
/** Readiness, on the management port (Apicurio sets quarkus.management.root-path=/, so not /q/health/ready): 200 once ready. */
export const REGISTRY_READY_PATH = '/health/ready';

/** Hash of the whole Schema Registry image recipe (see the header). */
export function registryRecipeHash(dir: string = registryRecipeDir): string {
  const parts: (string | Buffer)[] = [`kafkalab-registry/${REGISTRY_FORMAT}`, REGISTRY_ARTIFACT, baseRecipeHash(REGISTRY_BASE)];
  for (const f of recipeFiles(dir)) parts.push(f, readFileSync(join(dir, f)));
  return sha12(parts);
}

/** The cache folder of the registry archive (valid once it holds `.complete`), by version. */
export function registryArchiveDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(cacheDir(env), 'registry', `apicurio-registry-app-${REGISTRY_VERSION}`);
}
