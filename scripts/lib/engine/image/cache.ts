/**
 * Where the image build caches its parts, shared by every clone (see cacheDir()):
 *   base/<baseHash>.tar            the base root filesystem, as made by debootstrap
 *   jars/<version>-<jarsHash>/     the jars, plus classes.txt; valid only with its .complete marker
 */
import { join } from 'node:path';
import { cacheDir } from '../../core/index.ts';
import { baseRecipeHash, jarsHash } from './recipe.ts';
import type { KafkaVersion } from './versions.ts';

/** The cached base root filesystem tarball. */
export function baseTarballPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(cacheDir(env), 'base', `${baseRecipeHash()}.tar`);
}

/**
 * The host folder of a version's cached jars (valid once it holds `.complete`). Kafka's CLI tools
 * run on the host with `java -cp '<dir>/*' CLASS`; see hostToolCommand.
 */
export function jarsDir(version: KafkaVersion, env: NodeJS.ProcessEnv = process.env): string {
  return join(cacheDir(env), 'jars', `${version}-${jarsHash(version)}`);
}

/** Written last into a jars folder: without it the folder is a leftover of an interrupted download. */
export const COMPLETE_MARKER = '.complete';
/** The class names of a jars folder, one a line (see jar-index.ts). */
export const CLASS_INDEX = 'classes.txt';
