import { ClusterNotFoundError } from '../../../stacks/model/errors.ts';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { DEFAULT_CLUSTER, PRESETS } from '../../../stacks/model/presets.ts';
import { resolveCluster } from '../../../stacks/model/resolve.ts';
import { listenerStateProblems, type ListenerState } from '../../../stacks/model/listener-sets.ts';
import type { ClusterSpec, ResolvedCluster } from '../../../stacks/model/spec.ts';
import { clusterStateDir, stateDir } from '../core/index.ts';

/**
 * A `--cluster` value: a preset name, the path of a JSON spec file, or the name of a cluster
 * deployed earlier from a spec file (its spec is kept in the state folder).
 * Returns the spec as declared (not yet validated).
 */
export function loadClusterSpec(nameOrPath: string = DEFAULT_CLUSTER, cwd = process.cwd()): ClusterSpec {
  const preset = PRESETS[nameOrPath];
  if (preset) return preset;
  let path = resolve(cwd, nameOrPath);
  if (!existsSync(path) && /^[a-z][a-z0-9-]*$/.test(nameOrPath) && existsSync(specFile(nameOrPath))) path = specFile(nameOrPath);
  if (!existsSync(path)) {
    const registered = existsSync(join(stateDir(), 'clusters')) ? readdirSync(join(stateDir(), 'clusters')).filter((n) => existsSync(specFile(n))) : [];
    throw new ClusterNotFoundError(
      `'--cluster' (${nameOrPath}) is neither a preset, a deployed cluster nor a spec file: use one of ${[...Object.keys(PRESETS), ...registered].join(', ')}, or the path of a JSON spec file`,
    );
  }
  let spec: unknown;
  try {
    spec = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ClusterNotFoundError(`'--cluster' (${nameOrPath}) is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) {
    throw new ClusterNotFoundError(`'--cluster' (${nameOrPath}) must hold a JSON object with at least a 'name'`);
  }
  const name = (spec as { name?: unknown }).name;
  if (typeof name === 'string' && PRESETS[name]) {
    throw new ClusterNotFoundError(
      `'name' ('${name}') in ${nameOrPath} is a preset's name: pick another name for your own cluster`,
    );
  }
  return withTlsFilesFrom(dirname(path), withSchemaFilesFrom(dirname(path), spec as ClusterSpec));
}

/**
 * The spec with each `access.schemas[].file` made absolute from the spec file's folder, so that the
 * copy kept in the state folder (spec.json) still finds them. Anything else is left to validation.
 */
export function withSchemaFilesFrom(dir: string, spec: ClusterSpec): ClusterSpec {
  const schemas = (spec.access as { schemas?: unknown } | undefined)?.schemas;
  if (!Array.isArray(schemas)) return spec;
  const absolute = schemas.map((s: unknown) =>
    s && typeof s === 'object' && typeof (s as { file?: unknown }).file === 'string' && (s as { file: string }).file.trim()
      ? { ...(s as object), file: resolve(dir, (s as { file: string }).file) }
      : s,
  );
  return { ...spec, access: { ...spec.access, schemas: absolute } as ClusterSpec['access'] };
}

/** The spec with each `hosts.<name>.tls` path made absolute from the spec file's folder (as schema files are). */
export function withTlsFilesFrom(dir: string, spec: ClusterSpec): ClusterSpec {
  const hosts = spec.hosts as Record<string, { tls?: Record<string, unknown> }> | undefined;
  if (!hosts || typeof hosts !== 'object') return spec;
  const absolute = Object.fromEntries(
    Object.entries(hosts).map(([name, h]) => {
      const tls = h && typeof h === 'object' ? h.tls : undefined;
      if (!tls || typeof tls !== 'object') return [name, h];
      return [name, { ...h, tls: Object.fromEntries(Object.entries(tls).map(([k, v]) => [k, typeof v === 'string' && v.trim() ? resolve(dir, v) : v])) }];
    }),
  );
  return { ...spec, hosts: absolute as ClusterSpec['hosts'] };
}

const specFile = (name: string): string => join(clusterStateDir(name), 'spec.json');

/**
 * Remember a cluster's spec in the state folder, so the cdktf app synthesizes its stack: a spec
 * file's cluster, or a preset deployed with overrides (such as --security).
 */
export function registerCluster(spec: ClusterSpec): void {
  const preset = PRESETS[spec.name];
  if (preset && JSON.stringify(preset) === JSON.stringify(spec)) {
    rmSync(specFile(spec.name), { force: true });
    return;
  }
  mkdirSync(clusterStateDir(spec.name), { recursive: true });
  writeFileSync(specFile(spec.name), `${JSON.stringify(spec, null, 2)}\n`);
}

/** Every cluster the app knows: presets, then clusters registered from spec files. */
export function knownClusters(): ResolvedCluster[] {
  const registered = (name: string): ClusterSpec | undefined =>
    existsSync(specFile(name)) ? (JSON.parse(readFileSync(specFile(name), 'utf8')) as ClusterSpec) : undefined;
  const specs: ClusterSpec[] = Object.values(PRESETS).map((p) => registered(p.name) ?? p);
  const dir = join(stateDir(), 'clusters');
  if (existsSync(dir)) {
    for (const name of readdirSync(dir).sort()) {
      if (PRESETS[name]) continue;
      const spec = registered(name);
      if (spec) specs.push(spec);
    }
  }
  return specs.map((s) => resolveCluster(s, readListenerState(s.name)));
}

const listenerStateFile = (name: string): string => join(clusterStateDir(name), 'listeners.json');

/**
 * What the state folder says about a deployed cluster's listeners: the set it is on after a live
 * security switch, and a switch in progress. Undefined for a cluster never switched.
 */
export function readListenerState(name: string): ListenerState | undefined {
  const path = listenerStateFile(name);
  if (!existsSync(path)) return undefined;
  let state: unknown;
  try {
    state = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ClusterNotFoundError(`${path} is not valid JSON (${(error as Error).message}): restore it, or remove it if the cluster was never switched`);
  }
  const problems = listenerStateProblems(state);
  if (problems.length > 0) throw new ClusterNotFoundError(`${path}: ${problems.join('; ')}`);
  return state as ListenerState;
}

/** Keep (or, for set a with no switch, remove) a cluster's listener state. */
export function writeListenerState(name: string, state: ListenerState): void {
  const path = listenerStateFile(name);
  if ((state.set ?? 'a') === 'a' && !state.switch) {
    rmSync(path, { force: true });
    return;
  }
  mkdirSync(clusterStateDir(name), { recursive: true });
  writeFileSync(path, `${JSON.stringify(state, null, 2)}\n`);
}
