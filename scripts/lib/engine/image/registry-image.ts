/**
 * The Schema Registry image: the trixie JRE 21 base image (base-image.ts with REGISTRY_BASE) plus
 * Apicurio Registry's runnable Quarkus layout from Maven Central (registry-archive.ts), a launcher
 * taking config files and a default configuration, built with `docker build`. No registry is
 * needed. Nothing builds it yet but a direct call: setup does not.
 *
 * Its recipe is scripts/lib/engine/image/registry-recipe/ (registry-recipe.ts); the recipe's hash
 * ends the tag, computed synchronously from files alone so a cdktf stack can name the image.
 *
 * ensureRegistryImage, in steps:
 *   1. Its tag (kafkalab/schema-registry:<REGISTRY_VERSION>-<hash>) exists: keep it.
 *   2. Make sure of the trixie base image and the cached archive.
 *   3. Lay out a build context in a temporary folder: app/ (the archive unpacked, root's, files
 *      0644 and folders 0755), bin/registry-start.sh (0755), config/registry.properties (0644), the
 *      Dockerfile.
 *   4. `docker build` it with the legacy builder; remove the context.
 *
 * The image runs `/opt/kafkalab/bin/registry-start.sh CONFIG_FILE...` as the kafka user (uid 1000)
 * in /var/lib/registry; the APIs listen on 8080, health and metrics on 9000 (docs/schema-registry.md).
 */
import { chmod, copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { runStep } from '../run-step.ts';
import { ensureBaseImage, type EnsureOptions } from './base-image.ts';
import { buildInTempContext, legacyBuildArgs } from './docker-build.ts';
import { imageExists } from './image-exists.ts';
import { ensureRegistryArchive } from './registry-archive.ts';
import { REGISTRY_BASE, REGISTRY_VERSION, registryRecipeDir, registryRecipeHash } from './registry-recipe.ts';

export const REGISTRY_IMAGE_REPOSITORY = 'kafkalab/schema-registry';

/** e.g. kafkalab/schema-registry:3.3.3-0123456789ab */
export function registryImageTag(): string {
  return `${REGISTRY_IMAGE_REPOSITORY}:${REGISTRY_VERSION}-${registryRecipeHash()}`;
}

/**
 * Makes sure the Schema Registry image exists (trixie base image, the archive, then `docker build`
 * with the legacy builder) and returns its tag. With the image present it only asks Docker.
 */
export async function ensureRegistryImage(opts: EnsureOptions = {}): Promise<string> {
  const force = opts.force ?? false;
  const tag = registryImageTag();
  if (!force && (await imageExists(tag))) return tag;
  const base = await ensureBaseImage({}, REGISTRY_BASE);
  const archive = await ensureRegistryArchive();
  await buildInTempContext(tag, 'kafkalab-registry-', (ctx) => writeRegistryContext(ctx, archive), (ctx) => registryBuildArgs(tag, base, registryRecipeHash(), ctx));
  return tag;
}

/** The folders of the build context, each 0755. */
export const REGISTRY_CONTEXT_DIRS: readonly string[] = ['app', 'bin', 'config'];

/** The recipe files copied into the context (path in the recipe → path in the context) and their modes. */
export const REGISTRY_RECIPE_FILES: readonly { readonly src: string; readonly dest: string; readonly mode: number }[] = [
  { src: 'registry-start.sh', dest: 'bin/registry-start.sh', mode: 0o755 },
  { src: 'registry.properties', dest: 'config/registry.properties', mode: 0o644 },
  { src: 'Dockerfile', dest: 'Dockerfile', mode: 0o644 },
];

/** Step 3: the build context in `ctx`, the archive unpacked into app/. */
async function writeRegistryContext(ctx: string, archive: string): Promise<void> {
  // COPY keeps the context's modes, so they are set here whatever the umask (mkdtemp gives 0700).
  await chmod(ctx, 0o755);
  for (const d of REGISTRY_CONTEXT_DIRS) await mkdir(join(ctx, d), { mode: 0o755 });
  for (const d of REGISTRY_CONTEXT_DIRS) await chmod(join(ctx, d), 0o755);
  await unpackArchive(archive, join(ctx, 'app'));
  for (const f of REGISTRY_RECIPE_FILES) {
    await copyFile(join(registryRecipeDir, f.src), join(ctx, f.dest));
    await chmod(join(ctx, f.dest), f.mode);
  }
}

/** The archive into `dir`: root's (not the archive's uid 1001), then files 0644 and folders 0755. */
async function unpackArchive(archive: string, dir: string): Promise<void> {
  const hint = `delete ${archive}'s folder to download it again, and check the free space of ${dir}`;
  await runStep('registry context', 'tar', unpackArgs(archive, dir), { hint });
  await runStep('registry context', 'chmod', ['-R', 'u=rwX,go=rX', dir], { hint });
}

/** The arguments of the `tar` run that unpacks the archive into `dir`. */
export function unpackArgs(archive: string, dir: string): string[] {
  return ['--no-same-owner', '--no-same-permissions', '-xzf', archive, '-C', dir];
}

/** Step 4: the arguments of `docker build`. */
export function registryBuildArgs(tag: string, base: string, hash: string, ctx: string): string[] {
  return legacyBuildArgs(tag, [['BASE_IMAGE', base], ['REGISTRY_VERSION', REGISTRY_VERSION], ['RECIPE', hash]], ctx);
}
