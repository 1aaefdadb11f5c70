/**
 * The Prometheus image: the base image (base-image.ts) plus prometheus and promtool from Debian's
 * prometheus package (prometheus-deb.ts), built with `docker build`. No registry is needed. Only a
 * cluster with monitoring needs it: setup does not build it.
 *
 * Its recipe is scripts/lib/engine/image/prometheus-recipe/ (prometheus-recipe.ts); the recipe's
 * hash ends the tag, computed synchronously from files alone so a cdktf stack can name the image.
 *
 * ensurePrometheusImage, in steps:
 *   1. Its tag (kafkalab/prometheus:<upstream version>-<hash>) exists: keep it.
 *   2. Make sure of the base image and the extracted package in the cache.
 *   3. Lay out a build context in a temporary folder: bin/ (the binaries, hard-linked when
 *      possible, 0755), prometheus.yml (0644), the Dockerfile.
 *   4. `docker build` it with the legacy builder (the Dockerfile checks the binaries' shared
 *      libraries against the base image and runs --version); remove the context.
 *
 * The image runs /usr/bin/prometheus as the kafka user (uid 1000), its data in /prometheus; the
 * container's command is Prometheus's flags (the default: /etc/prometheus/prometheus.yml, which
 * scrapes Prometheus itself).
 */
import { chmod, copyFile, mkdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { ensureBaseImage, type EnsureOptions } from './base-image.ts';
import { buildInTempContext, legacyBuildArgs, linkOrCopy } from './docker-build.ts';
import { imageExists } from './image-exists.ts';
import { ensurePrometheusPackage } from './prometheus-deb.ts';
import { prometheusRecipe, prometheusRecipeDir, prometheusRecipeHash, upstreamVersion, type PrometheusRecipe } from './prometheus-recipe.ts';

export const PROMETHEUS_IMAGE_REPOSITORY = 'kafkalab/prometheus';

/** e.g. kafkalab/prometheus:2.42.0-0123456789ab */
export function prometheusImageTag(): string {
  return `${PROMETHEUS_IMAGE_REPOSITORY}:${upstreamVersion(prometheusRecipe().version)}-${prometheusRecipeHash()}`;
}

/**
 * Makes sure the Prometheus image exists (base image, Debian's package, then `docker build` with
 * the legacy builder) and returns its tag. With the image present it only asks Docker.
 */
export async function ensurePrometheusImage(opts: EnsureOptions = {}): Promise<string> {
  const force = opts.force ?? false;
  const tag = prometheusImageTag();
  if (!force && (await imageExists(tag))) return tag;
  const recipe = prometheusRecipe();
  const base = await ensureBaseImage();
  const root = await ensurePrometheusPackage(recipe);

  await buildInTempContext(
    tag,
    'kafkalab-prometheus-',
    (ctx) => writePrometheusContext(ctx, recipe, root),
    (ctx) => prometheusBuildArgs(tag, base, recipe, prometheusRecipeHash(), ctx),
    '. Shared libraries missing from the base image are named above: add their packages to base.json\'s "include"',
  );
  return tag;
}

/** One file of the build context. */
export interface ContextFile {
  /** Taken from the extracted package or from the recipe folder. */
  readonly from: 'package' | 'recipe';
  /** Its path there. */
  readonly src: string;
  /** Its path in the context. */
  readonly dest: string;
  /** Its mode in the context, which COPY keeps. */
  readonly mode: number;
}

/** The build context's files: the binaries under bin/, the default configuration, the Dockerfile. */
export function prometheusContextFiles(recipe: PrometheusRecipe): ContextFile[] {
  return [
    ...recipe.binaries.map((b) => ({ from: 'package' as const, src: b, dest: `bin/${basename(b)}`, mode: 0o755 })),
    { from: 'recipe', src: 'prometheus.yml', dest: 'prometheus.yml', mode: 0o644 },
    { from: 'recipe', src: 'Dockerfile', dest: 'Dockerfile', mode: 0o644 },
  ];
}

/** Step 3: the build context in `ctx`, the package extracted in `root`; modes set, since COPY keeps them. */
async function writePrometheusContext(ctx: string, recipe: PrometheusRecipe, root: string): Promise<void> {
  await chmod(ctx, 0o755);
  await mkdir(join(ctx, 'bin'), { mode: 0o755 });
  await chmod(join(ctx, 'bin'), 0o755);
  for (const f of prometheusContextFiles(recipe)) {
    const to = join(ctx, f.dest);
    if (f.from === 'package') await linkOrCopy(join(root, f.src), to);
    else await copyFile(join(prometheusRecipeDir, f.src), to);
    await chmod(to, f.mode);
  }
}

/** Step 4: the arguments of `docker build`. */
export function prometheusBuildArgs(tag: string, base: string, recipe: PrometheusRecipe, hash: string, ctx: string): string[] {
  return legacyBuildArgs(tag, [['BASE_IMAGE', base], ['PROMETHEUS_VERSION', recipe.version], ['RECIPE', hash]], ctx);
}
