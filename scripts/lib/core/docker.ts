import { $ } from 'zx';
import { LABELS } from '../../../stacks/constructs/labels.ts';
import { type EngineArgs, engineOf, enginesOfCluster } from './engines.ts';

/** Everything Docker holds for one cluster, found by label and by name prefix. */
export interface ClusterLeftovers {
  readonly containers: string[];
  readonly networks: string[];
  readonly volumes: string[];
}

async function lines(args: string[], engine: EngineArgs = []): Promise<string[]> {
  const out = await $({ quiet: true, nothrow: true, timeout: 60_000 })`docker ${engine} ${args}`;
  if (out.exitCode !== 0) throw new Error(`docker ${[...engine, ...args].join(' ')} failed: ${out.stderr.trim()}`);
  return out.stdout.split('\n').map((l) => l.trim()).filter(Boolean);
}

const uniq = (xs: string[]): string[] => [...new Set(xs)].sort();

/** Everything of a cluster on every engine it may use (the default one, and its hosts'). */
export async function clusterLeftovers(cluster: string, prefix = `kafkalab-${cluster}-`): Promise<ClusterLeftovers> {
  const each = await Promise.all(enginesOfCluster(cluster).map((engine) => engineLeftovers(cluster, engine, prefix)));
  return { containers: uniq(each.flatMap((l) => l.containers)), networks: uniq(each.flatMap((l) => l.networks)), volumes: uniq(each.flatMap((l) => l.volumes)) };
}

/** Everything of a cluster on one engine. */
export async function engineLeftovers(cluster: string, engine: EngineArgs, prefix = `kafkalab-${cluster}-`): Promise<ClusterLeftovers> {
  const onEngine = (args: string[]): Promise<string[]> => lines(args, engine);
  const label = `label=${LABELS.cluster}=${cluster}`;
  // By name too (what an older checkout left unlabelled), but never what another cluster labels as
  // its own: 'kafkalab-dc-' is also the start of cluster 'dc-b''s names.
  const ours = (rows: readonly string[]): string[] =>
    rows.map((r) => r.split('\t')).filter(([, owner]) => !owner || owner === cluster).map(([name]) => name!);
  const byLabel = `{{.Label "${LABELS.cluster}"}}`;
  const containers = uniq([
    ...(await onEngine(['ps', '-a', '--filter', label, '--format', '{{.Names}}'])),
    ...ours(await onEngine(['ps', '-a', '--filter', `name=^${prefix}`, '--format', `{{.Names}}\t${byLabel}`])),
  ]);
  const networks = uniq([
    ...(await onEngine(['network', 'ls', '--filter', label, '--format', '{{.Name}}'])),
    ...(await onEngine(['network', 'ls', '--format', '{{.Name}}'])).filter((n) => n === `kafkalab-${cluster}`),
  ]);
  const volumes = uniq([
    ...(await onEngine(['volume', 'ls', '--filter', label, '--format', '{{.Name}}'])),
    ...ours(await onEngine(['volume', 'ls', '--format', `{{.Name}}\t${byLabel}`])).filter((v) => v.startsWith(prefix)),
  ]);
  return { containers, networks, volumes };
}

export function isEmpty(l: ClusterLeftovers): boolean {
  return l.containers.length + l.networks.length + l.volumes.length === 0;
}

/** Names of the clusters that have containers on this machine (running or not). */
export async function clustersOnMachine(): Promise<string[]> {
  const names = await lines(['ps', '-a', '--filter', `label=${LABELS.cluster}`, '--format', `{{.Label "${LABELS.cluster}"}}`]);
  return uniq(names);
}

export interface ContainerState {
  readonly name: string;
  readonly running: boolean;
  readonly health: string;
  readonly status: string;
}

export async function containerState(name: string): Promise<ContainerState | undefined> {
  const out = await $({ quiet: true, nothrow: true, timeout: 30_000 })`docker ${engineOf(name)} inspect --format ${'{{.State.Running}}|{{if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}}|{{.State.Status}}'} ${name}`;
  if (out.exitCode !== 0) return undefined;
  const [running, health, status] = out.stdout.trim().split('|');
  return { name, running: running === 'true', health: health ?? 'none', status: status ?? 'unknown' };
}

/** Run a command inside a container; never throws, returns exit code and output. */
export async function dockerExec(
  container: string,
  args: readonly string[],
  opts: { readonly timeoutMs?: number; readonly input?: string; readonly env?: Readonly<Record<string, string>> } = {},
): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  const env = Object.entries(opts.env ?? {}).flatMap(([k, v]) => ['-e', `${k}=${v}`]);
  const p = $({
    quiet: true,
    nothrow: true,
    timeout: opts.timeoutMs ?? 60_000,
    ...(opts.input !== undefined ? { input: opts.input } : {}),
  })`docker ${engineOf(container)} exec ${opts.input !== undefined ? ['-i'] : []} ${env} ${container} ${args}`;
  const out = await p;
  return { exitCode: out.exitCode ?? 1, stdout: out.stdout, stderr: out.stderr };
}

/** A container as `docker ps` lists it: its full id and whether it runs. */
export interface LiveContainer {
  readonly id: string;
  readonly running: boolean;
}

/** Every container of a cluster (by label), running or not, by name: one `docker ps` call per engine. */
export async function clusterContainers(cluster: string): Promise<Record<string, LiveContainer>> {
  const args = ['ps', '-a', '--no-trunc', '--filter', `label=${LABELS.cluster}=${cluster}`, '--format', '{{.Names}}|{{.ID}}|{{.State}}'];
  const rows = (await Promise.all(enginesOfCluster(cluster).map((engine) => lines(args, engine)))).flat();
  return Object.fromEntries(
    rows.map((row) => {
      const [name, id, state] = row.split('|');
      return [name!, { id: id ?? '', running: state === 'running' }];
    }),
  );
}
