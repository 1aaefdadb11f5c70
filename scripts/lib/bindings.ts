import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { $ } from 'zx';
import { projectRoot } from './paths.ts';
import { StepError, withProgress } from './progress.ts';
import { KAFKA_PROVIDER, ensureProviders, terraformEnv, type ProviderRecipe } from './providers.ts';

/**
 * TypeScript bindings that `cdktf get` generates from a mirrored provider's schema into
 * cdktf.json's `codeMakerOutput` (.gen, git-ignored): generated at setup, never committed.
 */
export interface BindingsTarget {
  readonly provider: ProviderRecipe;
  /** Folder under `<codeMakerOutput>/providers/` (the provider's local name). */
  readonly name: string;
}

export const KAFKA_BINDINGS: BindingsTarget = { provider: KAFKA_PROVIDER, name: 'kafka' };
export const BINDINGS: readonly BindingsTarget[] = [KAFKA_BINDINGS];

/** The constraint cdktf.json must list in `terraformProviders`, e.g. `mongey/kafka@=0.13.1`. */
export function bindingsConstraint(t: BindingsTarget): string {
  return `${t.provider.source}@=${t.provider.version}`;
}

interface CdktfJson {
  readonly codeMakerOutput?: string;
  readonly terraformProviders?: readonly string[];
}

function readCdktfJson(root: string): CdktfJson {
  return JSON.parse(readFileSync(join(root, 'cdktf.json'), 'utf8')) as CdktfJson;
}

export function bindingsDir(root: string = projectRoot): string {
  return join(root, readCdktfJson(root).codeMakerOutput ?? '.gen');
}

/** cdktf.json entries this project needs but does not list (a recipe bumped without cdktf.json). */
export function missingConstraints(root: string = projectRoot, targets: readonly BindingsTarget[] = BINDINGS): string[] {
  const listed = readCdktfJson(root).terraformProviders ?? [];
  return targets.map(bindingsConstraint).filter((c) => !listed.includes(c));
}

/**
 * Bindings present for the recipe's version: the provider's index exists and `versions.json`
 * (which `cdktf get` writes last) names that version. A half-written folder counts as missing.
 */
export function bindingsCurrent(t: BindingsTarget, root: string = projectRoot): boolean {
  const dir = bindingsDir(root);
  if (!existsSync(join(dir, 'providers', t.name, 'index.ts'))) return false;
  try {
    const versions = JSON.parse(readFileSync(join(dir, 'versions.json'), 'utf8')) as Record<string, string>;
    return versions[`registry.terraform.io/${t.provider.source}`] === t.provider.version;
  } catch {
    return false;
  }
}

export interface BindingsResult {
  readonly dir: string;
  /** False when the cached bindings were current. */
  readonly generated: boolean;
  readonly seconds: number;
}

/**
 * Generate the provider bindings unless they are current: build the providers they need into
 * the mirror (cached), write the project's CLI config, and run `cdktf get` with it, so the
 * schema comes from the mirror and never from the registry.
 */
export async function ensureBindings(targets: readonly BindingsTarget[] = BINDINGS, root: string = projectRoot): Promise<BindingsResult> {
  const started = Date.now();
  const dir = bindingsDir(root);
  const missing = missingConstraints(root, targets);
  if (missing.length > 0) {
    throw new StepError(
      'provider bindings',
      `cdktf.json does not list ${missing.map((m) => `'${m}'`).join(', ')} in terraformProviders`,
      'add it there (the version must match the recipe in scripts/lib/providers.ts), then run npm run setup again',
    );
  }
  const stale = targets.filter((t) => !bindingsCurrent(t, root));
  if (stale.length === 0) return { dir, generated: false, seconds: (Date.now() - started) / 1000 };
  await ensureProviders(stale.map((t) => t.provider));
  const what = stale.map((t) => `${t.provider.source} ${t.provider.version}`).join(', ');
  await withProgress(`generating TypeScript bindings for ${what} (cdktf get, 5 to 10 s)`, async () => {
    const out = await $({ cwd: root, env: terraformEnv(), nothrow: true, quiet: true })`npx --no-install cdktf get --force`;
    const notCurrent = stale.filter((t) => !bindingsCurrent(t, root));
    if (out.exitCode !== 0 || notCurrent.length > 0) {
      const tail = (out.stderr + out.stdout).replace(/\x1b\[[0-9;]*[A-Za-z]/g, '').trim().split('\n').slice(-5).join('\n');
      throw new StepError('provider bindings', `cdktf get failed (exit ${out.exitCode}): ${tail}`, 'run npm run setup again; if it fails again, check that the provider mirror has the provider (see the CLI config in .kafkalab/terraform.rc)');
    }
  });
  return { dir, generated: true, seconds: (Date.now() - started) / 1000 };
}
