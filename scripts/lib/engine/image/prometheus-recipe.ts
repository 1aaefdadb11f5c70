/**
 * The Prometheus image's recipe: every file under scripts/lib/engine/image/prometheus-recipe/
 * (prometheus.json naming the Debian package and version, the Dockerfile, the default
 * prometheus.yml), and the hash made of it that ends the image tag.
 *
 * The hash is sha12 (recipe.ts: sha256 over the parts, each followed by a NUL byte, its first 12
 * hex digits) over:
 *   `kafkalab-prometheus/<PROMETHEUS_FORMAT>`, the base image hash (baseRecipeHash), then each
 *   recipe file's relative path and content, in sorted order.
 * Synchronous and from files alone, so a cdktf stack can name the image at synth time.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../core/index.ts';
import { StepError } from '../../../../stacks/model/errors.ts';
import { baseRecipeHash, recipeFiles, sha12 } from './recipe.ts';

/** scripts/lib/engine/image/prometheus-recipe: every file in it is part of the recipe. */
export const prometheusRecipeDir: string = join(projectRoot, 'scripts', 'lib', 'engine', 'image', 'prometheus-recipe');

/** Bump when the code here changes what the image holds without any recipe file changing. */
export const PROMETHEUS_FORMAT = 1;

/** prometheus.json: which Debian package goes into the image, and which of its files. */
export interface PrometheusRecipe {
  /** The Debian package, `prometheus`. */
  package: string;
  /** Its exact Debian version, e.g. 2.42.0+ds-5+deb12u1. */
  version: string;
  /** The Debian suite that has it (the base image's suite). */
  suite: string;
  /** The files taken from it, relative to its root; each lands at `/` + path in the image. */
  binaries: string[];
}

/** The recipe, read from prometheus.json (checked, so a bad edit fails with the file named). */
export function prometheusRecipe(dir: string = prometheusRecipeDir): PrometheusRecipe {
  const file = join(dir, 'prometheus.json');
  const raw = JSON.parse(readFileSync(file, 'utf8')) as Partial<PrometheusRecipe>;
  const ok =
    typeof raw.package === 'string' &&
    /^[a-z0-9][a-z0-9+.-]*$/.test(raw.package) &&
    typeof raw.version === 'string' &&
    /^[0-9A-Za-z.+~:-]+$/.test(raw.version) &&
    typeof raw.suite === 'string' &&
    Array.isArray(raw.binaries) &&
    raw.binaries.length > 0 &&
    raw.binaries.every((b) => typeof b === 'string' && /^usr\/bin\/[a-z0-9_-]+$/.test(b));
  if (!ok) {
    throw new StepError(
      'prometheus image',
      `${file} must hold "package", "version", "suite" and "binaries" (paths usr/bin/NAME)`,
      'fix the file; see the Debian package list with `apt-cache policy prometheus`',
    );
  }
  return raw as PrometheusRecipe;
}

/**
 * The upstream version in a Debian version: no epoch, nothing from the first `+`, `~` or the
 * Debian revision on. 2.42.0+ds-5+deb12u1 gives 2.42.0.
 */
export function upstreamVersion(debianVersion: string): string {
  const noEpoch = debianVersion.replace(/^\d+:/, '');
  const cut = noEpoch.search(/[+~-]/);
  return cut < 0 ? noEpoch : noEpoch.slice(0, cut);
}

/** Hash of the Prometheus image recipe: its files and the base image's hash. */
export function prometheusRecipeHash(dir: string = prometheusRecipeDir): string {
  const parts: (string | Buffer)[] = [`kafkalab-prometheus/${PROMETHEUS_FORMAT}`, baseRecipeHash()];
  for (const f of recipeFiles(dir)) parts.push(f, readFileSync(join(dir, f)));
  return sha12(parts);
}
