/**
 * Which Docker engine each container of a multi-host cluster runs on. A deploy records it in the
 * state folder (`engines.json`) before anything is created; every command after it (verify, roll,
 * drills, down) finds a node's engine there by container name, whatever way it loaded the cluster;
 * down forgets the cluster once nothing of it is left. A container not recorded runs on the
 * default engine (no `-H`).
 */
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stateDir } from './paths.ts';

/** Docker CLI global args of one engine (`-H …`, TLS flags); empty for the default engine. */
export type EngineArgs = readonly string[];

interface ClusterEngines {
  /** Engine args by host name. */
  readonly hosts: Readonly<Record<string, EngineArgs>>;
  /** Host name by container name. */
  readonly containers: Readonly<Record<string, string>>;
}

type EnginesFile = Record<string, ClusterEngines>;

const file = (): string => join(stateDir(), 'engines.json');
let cache: { path: string; mtimeMs: number; data: EnginesFile } | undefined;

function read(): EnginesFile {
  const path = file();
  if (!existsSync(path)) return {};
  const mtimeMs = statSync(path).mtimeMs;
  if (cache && cache.path === path && cache.mtimeMs === mtimeMs) return cache.data;
  const data = JSON.parse(readFileSync(path, 'utf8')) as EnginesFile;
  cache = { path, mtimeMs, data };
  return data;
}

function write(data: EnginesFile): void {
  mkdirSync(stateDir(), { recursive: true });
  const tmp = `${file()}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(data, null, 2)}\n`);
  renameSync(tmp, file());
  cache = undefined;
}

/** Remember where a cluster's containers run (replacing what was recorded for it). */
export function recordClusterEngines(cluster: string, hosts: Readonly<Record<string, EngineArgs>>, containers: Readonly<Record<string, string>>): void {
  const data = { ...read() };
  if (Object.keys(hosts).length === 0) delete data[cluster];
  else data[cluster] = { hosts, containers };
  write(data);
}

/** Forget a cluster's engines (after down proved nothing of it is left). */
export function forgetClusterEngines(cluster: string): void {
  const data = read();
  if (!(cluster in data)) return;
  const { [cluster]: _gone, ...rest } = data;
  write(rest);
}

/** The engine args of the engine a container runs on: [] for the default engine. */
export function engineOf(container: string): EngineArgs {
  for (const c of Object.values(read())) {
    const host = c.containers[container];
    if (host !== undefined) return c.hosts[host] ?? [];
  }
  return [];
}

/** Every engine a cluster's containers may be on: the default one first, then its hosts'. */
export function enginesOfCluster(cluster: string): EngineArgs[] {
  const hosts = Object.values(read()[cluster]?.hosts ?? {});
  // A host that is this machine's default engine (every host on it, say) is asked once, as the default.
  const key = (args: EngineArgs): string => (!process.env.DOCKER_HOST && args.join(' ') === '-H unix:///var/run/docker.sock' ? '' : args.join(' '));
  const distinct = new Map<string, EngineArgs>([['', []]]);
  for (const args of hosts) if (!distinct.has(key(args))) distinct.set(key(args), args);
  return [...distinct.values()];
}
