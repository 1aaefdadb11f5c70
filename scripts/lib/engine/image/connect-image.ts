/**
 * The Kafka Connect image: the base image (base-image.ts) plus the Connect 3.9.1 worker's jars and
 * its connector plugins fetched from Maven Central (connect-jars.ts), a launcher for a distributed
 * worker, a log4j 1 properties log config, a default worker config and the JMX exporter agent
 * (jmx-agent.ts, at IMAGE_JMX_AGENT_PATH as in the Kafka images), built with `docker build`. No
 * registry is needed. Nothing builds it yet but a direct call: setup does not.
 *
 * Its recipe is scripts/lib/engine/image/connect-recipe/ (connect-recipe.ts, which says why 3.9.1);
 * the recipe's hash ends the tag, computed synchronously from files alone so a cdktf stack can name
 * the image at synth time.
 *
 * ensureConnectImage, in steps:
 *   1. Its tag (kafkalab/connect:<CONNECT_VERSION>-<hash>) exists: keep it.
 *   2. Make sure of the base image, the cached jars and the cached JMX exporter agent.
 *   3. Lay out a build context in a temporary folder (connectContextDirs): libs/, plugins/<folder>/
 *      (jars hard-linked when possible, 0644), bin/ (the launcher, 0755), config/ (0644), agents/,
 *      the Dockerfile; modes set explicitly, since COPY keeps them.
 *   4. `docker build` it with the legacy builder; remove the context.
 *
 * The image runs `/opt/connect/bin/connect-distributed.sh <worker config>` as the kafka user
 * (uid 1000); plugin.path is /opt/connect/plugins; the REST API listens on 8083 with the default
 * worker config.
 */
import { chmod, copyFile, mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { ensureBaseImage, type EnsureOptions } from './base-image.ts';
import { buildInTempContext, legacyBuildArgs, linkOrCopy } from './docker-build.ts';
import { ensureConnectJars } from './connect-jars.ts';
import { CONNECT_PLUGINS, CONNECT_VERSION, connectRecipeDir, connectRecipeHash } from './connect-recipe.ts';
import { imageExists } from './image-exists.ts';
import { JMX_AGENT_FILE, ensureJmxAgent } from './jmx-agent.ts';

export { CONNECT_VERSION };

export const CONNECT_IMAGE_REPOSITORY = 'kafkalab/connect';

/** e.g. kafkalab/connect:3.9.1-0123456789ab */
export function connectImageTag(): string {
  return `${CONNECT_IMAGE_REPOSITORY}:${CONNECT_VERSION}-${connectRecipeHash()}`;
}

/**
 * Makes sure the Kafka Connect image exists (base image, jars, agent, then `docker build` with the
 * legacy builder) and returns its tag. With the image present it only asks Docker.
 */
export async function ensureConnectImage(opts: EnsureOptions = {}): Promise<string> {
  const force = opts.force ?? false;
  const tag = connectImageTag();
  if (!force && (await imageExists(tag))) return tag;
  const base = await ensureBaseImage();
  const jars = await ensureConnectJars();
  const agent = await ensureJmxAgent();

  await buildInTempContext(tag, 'kafkalab-connect-', (ctx) => writeConnectContext(ctx, jars, agent), (ctx) => connectBuildArgs(tag, base, connectRecipeHash(), ctx));
  return tag;
}

/** A folder of jars in the build context, filled from a folder of the cached jars. */
export interface ContextJarDir {
  /** Its path under the cached jars folder. */
  readonly src: string;
  /** Its path in the context. */
  readonly dest: string;
}

/** The jar folders of the build context: the worker's libs/ and one folder per plugin. */
export function connectContextDirs(): ContextJarDir[] {
  return [
    { src: 'libs', dest: 'libs' },
    ...CONNECT_PLUGINS.map((p) => ({ src: `plugins/${p.folder}`, dest: `plugins/${p.folder}` })),
  ];
}

/** The recipe files copied into the context (path in the recipe → path in the context) and their modes. */
export const CONNECT_RECIPE_FILES: readonly { readonly src: string; readonly dest: string; readonly mode: number }[] = [
  { src: 'connect-distributed.sh', dest: 'bin/connect-distributed.sh', mode: 0o755 },
  { src: 'connect-log4j.properties', dest: 'config/connect-log4j.properties', mode: 0o644 },
  { src: 'connect-distributed.properties', dest: 'config/connect-distributed.properties', mode: 0o644 },
  { src: 'Dockerfile', dest: 'Dockerfile', mode: 0o644 },
];

/** Step 3: the build context in `ctx` from the cached jars in `jars` and the agent jar. */
async function writeConnectContext(ctx: string, jars: string, agentJar: string): Promise<void> {
  // COPY keeps the context's modes, so they are set here whatever the umask (mkdtemp gives 0700).
  await chmod(ctx, 0o755);
  for (const d of ['bin', 'config', 'agents', 'plugins', ...connectContextDirs().map((c) => c.dest)]) {
    await mkdir(join(ctx, d), { recursive: true });
    await chmod(join(ctx, d), 0o755);
  }
  for (const c of connectContextDirs()) {
    for (const jar of (await readdir(join(jars, c.src))).filter((n) => n.endsWith('.jar'))) {
      await linkOrCopy(join(jars, c.src, jar), join(ctx, c.dest, jar));
      await chmod(join(ctx, c.dest, jar), 0o644);
    }
  }
  await linkOrCopy(agentJar, join(ctx, 'agents', JMX_AGENT_FILE));
  await chmod(join(ctx, 'agents', JMX_AGENT_FILE), 0o644);
  for (const f of CONNECT_RECIPE_FILES) {
    await copyFile(join(connectRecipeDir, f.src), join(ctx, f.dest));
    await chmod(join(ctx, f.dest), f.mode);
  }
}

/** Step 4: the arguments of `docker build`. */
export function connectBuildArgs(tag: string, base: string, hash: string, ctx: string): string[] {
  return legacyBuildArgs(tag, [['BASE_IMAGE', base], ['CONNECT_VERSION', CONNECT_VERSION], ['RECIPE', hash]], ctx);
}
