import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { $ } from 'zx';
import { cacheDir, stateDir, withProgress } from '../core/index.ts';
import { terraformBinary } from './terraform.ts';
import { StepError } from '../../../stacks/model/errors.ts';

/** A Terraform provider this project builds from the Go module proxy into a filesystem mirror. */
export interface ProviderRecipe {
  /** Registry source address, e.g. `kreuzwerker/docker`. */
  readonly source: string;
  /** Version it is mirrored as. */
  readonly version: string;
  /** go.mod of the throwaway wrapper module (module path, require and replace lines). */
  readonly goMod: string;
  /** Package path to `go build`. */
  readonly buildPackage: string;
  /** Cold build time measured here, for the progress line (not part of the recipe hash). */
  readonly coldBuild?: string;
}

/**
 * kreuzwerker/docker: the proxy serves only its newest pseudo-version (v4.6.0 plus fixes), and its
 * go.mod still declares the old terraform-providers path, so a wrapper requires that path and
 * replaces it with the kreuzwerker one.
 */
export const DOCKER_PROVIDER: ProviderRecipe = {
  source: 'kreuzwerker/docker',
  version: '4.6.0',
  buildPackage: 'github.com/terraform-providers/terraform-provider-docker',
  goMod: [
    'module kafkalab.local/provider-build',
    '',
    'go 1.24',
    '',
    'require github.com/terraform-providers/terraform-provider-docker v0.0.0-20260916201441-96d331c98ff4',
    '',
    'replace github.com/terraform-providers/terraform-provider-docker => github.com/kreuzwerker/terraform-provider-docker v0.0.0-20260916201441-96d331c98ff4',
    '',
  ].join('\n'),
  coldBuild: '3 to 4 min',
};

/**
 * mongey/kafka: topics, SCRAM users and ACLs (the access stacks). The proxy serves the tagged
 * module; its main package is the module root. Its go.mod replaces the dead git.apache.org thrift
 * path, and `replace` directives only apply in the main module, so the wrapper copies it.
 */
export const KAFKA_PROVIDER: ProviderRecipe = {
  source: 'mongey/kafka',
  version: '0.13.1',
  buildPackage: 'github.com/Mongey/terraform-provider-kafka',
  goMod: [
    'module kafkalab.local/provider-build',
    '',
    'go 1.24',
    '',
    'require github.com/Mongey/terraform-provider-kafka v0.13.1',
    '',
    'replace git.apache.org/thrift.git => github.com/apache/thrift v0.0.0-20180902110319-2566ecd5d999',
    '',
  ].join('\n'),
  coldBuild: '25 s to 1.5 min',
};

/**
 * mongey/kafka-connect: connectors through Kafka Connect's REST API (the access stack of a cluster
 * with Connect on). The proxy serves v0.5.0 only; its main package is the module root, and its
 * go.mod needs no replace. No cdktf bindings are generated for it: stacks/constructs/kafka-connector.ts
 * declares its one resource and provider by hand.
 */
export const KAFKA_CONNECT_PROVIDER: ProviderRecipe = {
  source: 'mongey/kafka-connect',
  version: '0.5.0',
  buildPackage: 'github.com/Mongey/terraform-provider-kafka-connect',
  goMod: ['module kafkalab.local/provider-build', '', 'go 1.24', '', 'require github.com/Mongey/terraform-provider-kafka-connect v0.5.0', ''].join('\n'),
  coldBuild: '1 min',
};

export const PROVIDERS: readonly ProviderRecipe[] = [DOCKER_PROVIDER, KAFKA_PROVIDER, KAFKA_CONNECT_PROVIDER];

export function mirrorDir(): string {
  return join(cacheDir(), 'terraform-mirror');
}

/** Hash of what the build depends on (source, version, package, go.mod); keys in a fixed order. */
export function recipeHashOf(p: ProviderRecipe): string {
  const inputs = { source: p.source, version: p.version, buildPackage: p.buildPackage, goMod: p.goMod };
  return createHash('sha256').update(JSON.stringify(inputs)).digest('hex').slice(0, 12);
}

/** Path of the provider binary inside the mirror (unpacked layout). */
export function mirroredBinary(p: ProviderRecipe, platform = 'linux_amd64'): string {
  const name = p.source.split('/')[1]!;
  return join(mirrorDir(), 'registry.terraform.io', p.source, p.version, platform, `terraform-provider-${name}_v${p.version}`);
}

/** The CLI config the project writes (never the user's own): mirror for built providers, direct for the rest. */
export function renderCliConfig(mirror: string, providers: readonly ProviderRecipe[]): string {
  const include = providers.map((p) => `"registry.terraform.io/${p.source}"`).join(', ');
  return [
    '# written by kafkalab setup: providers built here are installed from the local mirror',
    'disable_checkpoint = true',
    'provider_installation {',
    '  filesystem_mirror {',
    `    path    = ${JSON.stringify(mirror)}`,
    `    include = [${include}]`,
    '  }',
    '  direct {',
    `    exclude = [${include}]`,
    '  }',
    '}',
    '',
  ].join('\n');
}

export function cliConfigPath(): string {
  return join(stateDir(), 'terraform.rc');
}

/** Environment for every terraform / cdktf call: the project's CLI config, no checkpoint calls. */
export function terraformEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return {
    ...env,
    TF_CLI_CONFIG_FILE: cliConfigPath(),
    CHECKPOINT_DISABLE: '1',
    CDKTF_DISABLE_PLUGIN_CACHE_ENV: '1',
    DISABLE_VERSION_CHECK: 'true',
  };
}

/** Build one provider into the mirror unless the recipe's build is already there. */
export async function ensureProvider(p: ProviderRecipe): Promise<string> {
  const target = mirroredBinary(p);
  const marker = `${target}.recipe-${recipeHashOf(p)}`;
  if (existsSync(target) && existsSync(marker)) return target;
  const work = join(cacheDir(), 'provider-build', `${p.source.replace('/', '-')}-${recipeHashOf(p)}`);
  mkdirSync(work, { recursive: true });
  writeFileSync(join(work, 'go.mod'), p.goMod);
  await withProgress(`building provider ${p.source} ${p.version} through the Go module proxy (${p.coldBuild ?? 'minutes'} cold, cached after)`, async () => {
    const env = { ...process.env, GOFLAGS: '-mod=mod', CGO_ENABLED: '0' };
    const out = join(work, 'provider.bin');
    const build = await $({ cwd: work, env, nothrow: true, quiet: true })`go build -trimpath -o ${out} ${p.buildPackage}`;
    if (build.exitCode !== 0) {
      throw new StepError(
        `provider ${p.source}`,
        `go build failed: ${build.stderr.trim().split('\n').slice(-3).join(' | ')}`,
        'check that the Go module proxy answers (`go env GOPROXY`) and Go is 1.24 or newer; then run npm run setup again',
      );
    }
    mkdirSync(join(target, '..'), { recursive: true });
    renameSync(out, target);
    chmodSync(target, 0o755);
    writeFileSync(marker, `${new Date().toISOString()}\n`);
  });
  return target;
}

/**
 * Write the project's CLI config (every mirrored provider). Returns its path. Unchanged content
 * is not written again, and a change lands whole (a temp file renamed over it): a Terraform run
 * of another command may be reading it.
 */
export function writeCliConfig(): string {
  mkdirSync(stateDir(), { recursive: true });
  const path = cliConfigPath();
  const text = renderCliConfig(mirrorDir(), PROVIDERS);
  if (existsSync(path) && readFileSync(path, 'utf8') === text) return path;
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
  return path;
}

/** Build every provider (or only `which`) and write the project's CLI config. Returns the config path. */
export async function ensureProviders(which: readonly ProviderRecipe[] = PROVIDERS): Promise<string> {
  for (const p of which) await ensureProvider(p);
  return writeCliConfig();
}

/**
 * Write the lock file of a synthesized stack from the mirror, so neither `terraform init` nor
 * cdktf's provider-lock step needs the registry.
 */
export async function lockProviders(stackDir: string): Promise<void> {
  const bin = terraformBinary();
  const out = await $({ cwd: stackDir, env: terraformEnv(), nothrow: true, quiet: true })`${bin} providers lock -fs-mirror=${mirrorDir()} -platform=linux_amd64`;
  if (out.exitCode !== 0) {
    throw new StepError('provider lock', out.stderr.trim() || out.stdout.trim(), 'run npm run setup to rebuild the provider mirror');
  }
}

