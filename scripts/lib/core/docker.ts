import { $ } from 'zx';
import { LABELS } from '../../../stacks/constructs/labels.ts';

/** Everything Docker holds for one cluster, found by label and by name prefix. */
export interface ClusterLeftovers {
  readonly containers: string[];
  readonly networks: string[];
  readonly volumes: string[];
}

async function lines(args: string[]): Promise<string[]> {
  const out = await $({ quiet: true, nothrow: true })`docker ${args}`;
  if (out.exitCode !== 0) throw new Error(`docker ${args.join(' ')} failed: ${out.stderr.trim()}`);
  return out.stdout.split('\n').map((l) => l.trim()).filter(Boolean);
}

const uniq = (xs: string[]): string[] => [...new Set(xs)].sort();

export async function clusterLeftovers(cluster: string, prefix = `kafkalab-${cluster}-`): Promise<ClusterLeftovers> {
  const label = `label=${LABELS.cluster}=${cluster}`;
  // By name too (what an older checkout left unlabelled), but never what another cluster labels as
  // its own: 'kafkalab-dc-' is also the start of cluster 'dc-b''s names.
  const ours = (rows: readonly string[]): string[] =>
    rows.map((r) => r.split('\t')).filter(([, owner]) => !owner || owner === cluster).map(([name]) => name!);
  const byLabel = `{{.Label "${LABELS.cluster}"}}`;
  const containers = uniq([
    ...(await lines(['ps', '-a', '--filter', label, '--format', '{{.Names}}'])),
    ...ours(await lines(['ps', '-a', '--filter', `name=^${prefix}`, '--format', `{{.Names}}\t${byLabel}`])),
  ]);
  const networks = uniq([
    ...(await lines(['network', 'ls', '--filter', label, '--format', '{{.Name}}'])),
    ...(await lines(['network', 'ls', '--format', '{{.Name}}'])).filter((n) => n === `kafkalab-${cluster}`),
  ]);
  const volumes = uniq([
    ...(await lines(['volume', 'ls', '--filter', label, '--format', '{{.Name}}'])),
    ...ours(await lines(['volume', 'ls', '--format', `{{.Name}}\t${byLabel}`])).filter((v) => v.startsWith(prefix)),
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
  const out = await $({ quiet: true, nothrow: true })`docker inspect --format ${'{{.State.Running}}|{{if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}}|{{.State.Status}}'} ${name}`;
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
  })`docker exec ${opts.input !== undefined ? ['-i'] : []} ${env} ${container} ${args}`;
  const out = await p;
  return { exitCode: out.exitCode ?? 1, stdout: out.stdout, stderr: out.stderr };
}

/** A container as `docker ps` lists it: its full id and whether it runs. */
export interface LiveContainer {
  readonly id: string;
  readonly running: boolean;
}

/** Every container of a cluster (by label), running or not, by name: one `docker ps` call. */
export async function clusterContainers(cluster: string): Promise<Record<string, LiveContainer>> {
  const rows = await lines(['ps', '-a', '--no-trunc', '--filter', `label=${LABELS.cluster}=${cluster}`, '--format', '{{.Names}}|{{.ID}}|{{.State}}']);
  return Object.fromEntries(
    rows.map((row) => {
      const [name, id, state] = row.split('|');
      return [name!, { id: id ?? '', running: state === 'running' }];
    }),
  );
}
