/**
 * Where the image build caches its parts, shared by every clone (see cacheDir()):
 *   base/<baseHash>.tar            a base root filesystem, as made by debootstrap (one per base recipe)
 *   jars/<version>-<jarsHash>/     the jars, plus classes.txt; valid only with its .complete marker
 *   agents/jmx_prometheus_javaagent-<version>/   the JMX exporter agent jar; the same
 *   prometheus/<debian version>/   Debian's prometheus package, extracted (root/); the same
 */
import { join } from 'node:path';
import { cacheDir } from '../../core/index.ts';
import { BOOKWORM_BASE, JMX_EXPORTER_VERSION, baseRecipeHash, jarsHash } from './recipe.ts';
import type { KafkaVersion } from './versions.ts';

/** The cached root filesystem tarball of a base recipe (base.json unless told). */
export function baseTarballPath(env: NodeJS.ProcessEnv = process.env, baseFile: string = BOOKWORM_BASE): string {
  return join(cacheDir(env), 'base', `${baseRecipeHash(baseFile)}.tar`);
}

/**
 * The host folder of a version's cached jars (valid once it holds `.complete`). Kafka's CLI tools
 * run on the host with `java -cp '<dir>/*' CLASS`; see hostToolCommand.
 */
export function jarsDir(version: KafkaVersion, env: NodeJS.ProcessEnv = process.env): string {
  return join(cacheDir(env), 'jars', `${version}-${jarsHash(version)}`);
}

/** The cache folder of the JMX exporter agent (valid once it holds `.complete`). */
export function jmxAgentDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(cacheDir(env), 'agents', `jmx_prometheus_javaagent-${JMX_EXPORTER_VERSION}`);
}

/** The cache folder of a Debian prometheus package, extracted under root/ (valid once it holds `.complete`). */
export function prometheusDebDir(debianVersion: string, env: NodeJS.ProcessEnv = process.env): string {
  return join(cacheDir(env), 'prometheus', debianVersion);
}

/** Written last into a cache folder (jars, agent, package): without it the folder is a leftover of an interrupted download. */
export const COMPLETE_MARKER = '.complete';
/** The class names of a jars folder, one a line (see jar-index.ts). */
export const CLASS_INDEX = 'classes.txt';
