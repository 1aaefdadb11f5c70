import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root (the folder holding package.json). */
export const projectRoot: string = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/**
 * The git-ignored state folder: connection descriptors, client files, secrets,
 * Terraform state, the Terraform CLI config and the dockerd log.
 * Override with KAFKALAB_STATE_DIR.
 */
export function stateDir(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.KAFKALAB_STATE_DIR ?? join(projectRoot, '.kafkalab'));
}

/**
 * The build cache shared by every clone on this machine: jars, base root filesystem,
 * provider mirror. Keyed inside by version and recipe hash.
 * Override with KAFKALAB_CACHE_DIR; otherwise $XDG_CACHE_HOME/kafkalab or ~/.cache/kafkalab.
 */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.KAFKALAB_CACHE_DIR) return resolve(env.KAFKALAB_CACHE_DIR);
  const xdg = env.XDG_CACHE_HOME ?? join(homedir(), '.cache');
  return join(xdg, 'kafkalab');
}

/** The state folder of one named cluster. */
export function clusterStateDir(cluster: string, env: NodeJS.ProcessEnv = process.env): string {
  return join(stateDir(env), 'clusters', cluster);
}
