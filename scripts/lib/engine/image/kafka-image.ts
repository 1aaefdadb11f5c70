/**
 * The Kafka image of a version: the base image (base-image.ts) plus the version's jars fetched
 * from Maven Central (jars.ts), the launchers of /opt/kafka/bin, the log configs and the JMX
 * exporter agent (jmx-agent.ts, at IMAGE_JMX_AGENT_PATH), built with `docker build`. No registry
 * is needed.
 *
 * Everything the images are made of is in scripts/lib/engine/image/recipe/ (the recipe); its
 * hash (recipe.ts) ends every tag, so a changed recipe gives a new tag and an unchanged one is
 * never rebuilt. The tag is computed synchronously from files alone, so a cdktf stack can name
 * the image at synth time.
 *
 * ensureKafkaImage, in steps:
 *   1. Its tag (kafkalab/kafka:<version>-<recipeHash>) exists: keep it.
 *   2. Make sure of the base image, the cached jars and the cached JMX exporter agent; resolve the
 *      launchers' classes from the jars' class index.
 *   3. Lay out a build context in a temporary folder: libs/ (the jars, hard-linked when
 *      possible), bin/ (the rendered launchers), config/ (the version's log configs), agents/
 *      (the agent), the Dockerfile; modes set explicitly, since COPY keeps them.
 *   4. `docker build` it with the legacy builder; remove the context.
 */
import { existsSync } from 'node:fs';
import { chmod, copyFile, lstat, mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ensureBaseImage, type EnsureOptions } from './base-image.ts';
import { buildInTempContext, legacyBuildArgs, linkOrCopy } from './docker-build.ts';
import { CLASS_INDEX } from './cache.ts';
import { imageExists } from './image-exists.ts';
import { indexClasses, readClassIndex } from './jar-index.ts';
import { ensureJars } from './jars.ts';
import { JMX_AGENT_FILE, ensureJmxAgent } from './jmx-agent.ts';
import { renderLaunchers } from './launcher-scripts.ts';
import { resolveLaunchers, type ResolvedLauncher } from './launchers.ts';
import { recipeDir, recipeHash } from './recipe.ts';
import { assertVersion, loggingFlavor, type KafkaVersion } from './versions.ts';

export const KAFKA_IMAGE_REPOSITORY = 'kafkalab/kafka';

/** e.g. kafkalab/kafka:4.4.0-0123456789ab */
export function kafkaImageTag(version: KafkaVersion): string {
  return `${KAFKA_IMAGE_REPOSITORY}:${version}-${recipeHash(version)}`;
}

/**
 * Makes sure the Kafka image of a version exists (base image, jars, then `docker build` with the
 * legacy builder) and returns its tag. With the image present it only asks Docker, well under a
 * second.
 */
export async function ensureKafkaImage(version: KafkaVersion, opts: EnsureOptions = {}): Promise<string> {
  assertVersion(version);
  const force = opts.force ?? false;
  const tag = kafkaImageTag(version);
  if (!force && (await imageExists(tag))) return tag;
  const base = await ensureBaseImage();
  const dir = await ensureJars(version);
  const agent = await ensureJmxAgent();
  const classes = existsSync(join(dir, CLASS_INDEX)) ? readClassIndex(dir) : await indexClasses(dir);
  const launchers = resolveLaunchers(version, classes);

  await buildInTempContext(tag, 'kafkalab-image-', (ctx) => writeBuildContext(ctx, version, dir, agent, launchers), (ctx) => dockerBuildArgs(tag, base, version, ctx));
  return tag;
}

/** Step 3: the build context in `ctx` from the jars in `jarsFolder`, the agent jar and the recipe. */
async function writeBuildContext(
  ctx: string,
  version: KafkaVersion,
  jarsFolder: string,
  agentJar: string,
  launchers: readonly ResolvedLauncher[],
): Promise<void> {
  // COPY keeps the context's modes, so they are set here whatever the umask (mkdtemp gives 0700).
  await chmod(ctx, 0o755);
  for (const d of ['libs', 'bin', 'config', 'agents']) {
    await mkdir(join(ctx, d));
    await chmod(join(ctx, d), 0o755);
  }
  for (const jar of (await readdir(jarsFolder)).filter((n) => n.endsWith('.jar'))) {
    await linkOrCopy(join(jarsFolder, jar), join(ctx, 'libs', jar));
    await chmod(join(ctx, 'libs', jar), 0o644);
  }
  for (const [name, text] of renderLaunchers(version, launchers)) {
    await writeFile(join(ctx, 'bin', name), text);
    await chmod(join(ctx, 'bin', name), 0o755);
  }
  await linkOrCopy(agentJar, join(ctx, 'agents', JMX_AGENT_FILE));
  await chmod(join(ctx, 'agents', JMX_AGENT_FILE), 0o644);
  const configSrc = join(recipeDir, 'config', loggingFlavor(version));
  for (const f of await readdir(configSrc)) {
    if (!(await lstat(join(configSrc, f))).isFile()) continue;
    await copyFile(join(configSrc, f), join(ctx, 'config', f));
    await chmod(join(ctx, 'config', f), 0o644);
  }
  await copyFile(join(recipeDir, 'Dockerfile'), join(ctx, 'Dockerfile'));
}

/** Step 4: the arguments of `docker build`. */
function dockerBuildArgs(tag: string, base: string, version: KafkaVersion, ctx: string): string[] {
  return legacyBuildArgs(tag, [['BASE_IMAGE', base], ['KAFKA_VERSION', version], ['RECIPE', recipeHash(version)]], ctx);
}
