/**
 * The Debian base images every kafkalab image is built on, made without a registry, one per base
 * recipe (recipe.ts: BOOKWORM_BASE, base.json, under the Kafka, Connect and Prometheus images;
 * TRIXIE_JRE21_BASE under the Schema Registry image):
 *   1. Its tag (kafkalab/base:<suite>-jre<N>-<baseHash>) exists: keep it.
 *   2. Else take the cached root filesystem tarball, making it with debootstrap first when missing
 *      (base-rootfs.ts; about 2 minutes, needs root).
 *   3. `docker import` the tarball with the recipe's ENV and CMD.
 * Concurrent calls in one process for one recipe share one build.
 */
import { existsSync } from 'node:fs';
import { withProgress } from '../../core/index.ts';
import { runStep } from '../run-step.ts';
import { makeBaseTarball } from './base-rootfs.ts';
import { baseTarballPath } from './cache.ts';
import { imageExists } from './image-exists.ts';
import { BOOKWORM_BASE, baseJre, baseRecipe, baseRecipeHash, type BaseRecipe } from './recipe.ts';

export interface EnsureOptions {
  /** Build the image again even if its tag exists (the caches are reused). @default false */
  readonly force?: boolean;
}

export const BASE_IMAGE_REPOSITORY = 'kafkalab/base';

/** e.g. kafkalab/base:bookworm-jre17-0123456789ab (base.json), kafkalab/base:trixie-jre21-… */
export function baseImageTag(baseFile: string = BOOKWORM_BASE): string {
  const recipe = baseRecipe(baseFile);
  return `${BASE_IMAGE_REPOSITORY}:${recipe.suite}-${baseJre(recipe)}-${baseRecipeHash(baseFile)}`;
}

/** The builds under way, by base recipe file. */
const baseInFlight = new Map<string, Promise<string>>();

/**
 * Makes sure a base image exists (base.json's unless told): kept if its tag exists, else imported
 * from the cached root filesystem tarball, else made with debootstrap (about 2 minutes; needs root)
 * and cached. Returns its tag.
 */
export async function ensureBaseImage(opts: EnsureOptions = {}, baseFile: string = BOOKWORM_BASE): Promise<string> {
  const force = opts.force ?? false;
  const running = baseInFlight.get(baseFile);
  if (!force && running) return running;
  const p = ensureBaseImageOnce(force, baseFile);
  baseInFlight.set(baseFile, p);
  try {
    return await p;
  } finally {
    if (baseInFlight.get(baseFile) === p) baseInFlight.delete(baseFile);
  }
}

async function ensureBaseImageOnce(force: boolean, baseFile: string): Promise<string> {
  const tag = baseImageTag(baseFile);
  if (!force && (await imageExists(tag))) return tag;
  const tarPath = baseTarballPath(process.env, baseFile);
  if (!existsSync(tarPath)) await makeBaseTarball(tarPath, baseFile);
  const importArgs = baseImportArgs(baseRecipe(baseFile), baseRecipeHash(baseFile), tarPath, tag);
  await withProgress(`importing ${tag}`, (p) =>
    runStep('docker import', 'docker', importArgs, {
      progress: p,
      hint: `is the Docker engine running (docker info)? If the tarball is damaged, delete ${tarPath} and run again`,
    }),
  );
  return tag;
}

/** Step 3: the arguments of `docker import`, the recipe's ENV and CMD as changes. */
export function baseImportArgs(recipe: BaseRecipe, hash: string, tarPath: string, tag: string): string[] {
  const changes = [
    ...Object.entries(recipe.env).flatMap(([k, v]) => ['--change', `ENV ${k}=${v}`]),
    '--change',
    `CMD ${JSON.stringify(recipe.cmd)}`,
  ];
  return ['import', ...changes, '--message', `kafkalab base recipe ${hash}`, tarPath, tag];
}
