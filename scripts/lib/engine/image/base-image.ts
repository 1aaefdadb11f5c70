/**
 * The Debian base image every Kafka image is built on, made without a registry:
 *   1. Its tag (kafkalab/base:<suite>-jre17-<baseHash>) exists: keep it.
 *   2. Else take the cached root filesystem tarball, making it with debootstrap first when missing
 *      (base-rootfs.ts; about 2 minutes, needs root).
 *   3. `docker import` the tarball with base.json's ENV and CMD.
 * Concurrent calls in one process share one build.
 */
import { existsSync } from 'node:fs';
import { withProgress } from '../../core/index.ts';
import { runStep } from '../run-step.ts';
import { makeBaseTarball } from './base-rootfs.ts';
import { baseTarballPath } from './cache.ts';
import { imageExists } from './image-exists.ts';
import { baseRecipe, baseRecipeHash } from './recipe.ts';

export interface EnsureOptions {
  /** Build the image again even if its tag exists (the caches are reused). @default false */
  readonly force?: boolean;
}

export const BASE_IMAGE_REPOSITORY = 'kafkalab/base';

/** e.g. kafkalab/base:bookworm-jre17-0123456789ab */
export function baseImageTag(): string {
  return `${BASE_IMAGE_REPOSITORY}:${baseRecipe().suite}-jre17-${baseRecipeHash()}`;
}

let baseInFlight: Promise<string> | undefined;

/**
 * Makes sure the base image exists: kept if its tag exists, else imported from the cached root
 * filesystem tarball, else made with debootstrap (about 2 minutes; needs root) and cached.
 * Returns its tag.
 */
export async function ensureBaseImage(opts: EnsureOptions = {}): Promise<string> {
  const force = opts.force ?? false;
  if (!force && baseInFlight) return baseInFlight;
  const p = ensureBaseImageOnce(force);
  baseInFlight = p;
  try {
    return await p;
  } finally {
    if (baseInFlight === p) baseInFlight = undefined;
  }
}

async function ensureBaseImageOnce(force: boolean): Promise<string> {
  const tag = baseImageTag();
  if (!force && (await imageExists(tag))) return tag;
  const tarPath = baseTarballPath();
  if (!existsSync(tarPath)) await makeBaseTarball(tarPath);
  const recipe = baseRecipe();
  const changes = [
    ...Object.entries(recipe.env).flatMap(([k, v]) => ['--change', `ENV ${k}=${v}`]),
    '--change',
    `CMD ${JSON.stringify(recipe.cmd)}`,
  ];
  await withProgress(`importing ${tag}`, (p) =>
    runStep(
      'docker import',
      'docker',
      ['import', ...changes, '--message', `kafkalab base recipe ${baseRecipeHash()}`, tarPath, tag],
      {
        progress: p,
        hint: `is the Docker engine running (docker info)? If the tarball is damaged, delete ${tarPath} and run again`,
      },
    ),
  );
  return tag;
}
