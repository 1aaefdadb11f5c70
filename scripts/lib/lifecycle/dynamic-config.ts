/**
 * Dynamic broker config: the keys Kafka changes without a restart are applied with Kafka's own
 * kafka-configs (incremental: --add-config / --delete-config) through a running broker, and what
 * was applied is remembered in the state folder, so a removed key is deleted again.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { adminClientPathOf } from '../../../stacks/render/admin-client.ts';
import { internalAddressOf } from '../../../stacks/render/listeners.ts';
import { brokersOf, type ResolvedCluster } from '../../../stacks/model/spec.ts';
import { clusterStateDir, containerState, dockerExec, waitFor } from '../core/index.ts';

/** Cluster-wide values (the brokers' dynamic default) and per-broker values, by broker id. */
export interface DynamicConfig {
  readonly clusterWide: Readonly<Record<string, string>>;
  readonly perBroker: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

/** One kafka-configs call: the entity (`default` = every broker) and what to add and delete. */
export interface DynamicChange {
  readonly entity: 'default' | string;
  readonly add: Readonly<Record<string, string>>;
  readonly remove: readonly string[];
}

export const EMPTY_DYNAMIC: DynamicConfig = { clusterWide: {}, perBroker: {} };

function diff(entity: string, before: Readonly<Record<string, string>>, after: Readonly<Record<string, string>>): DynamicChange | undefined {
  const add = Object.fromEntries(Object.entries(after).filter(([k, v]) => before[k] !== v));
  const remove = Object.keys(before).filter((k) => !(k in after));
  return Object.keys(add).length > 0 || remove.length > 0 ? { entity, add, remove } : undefined;
}

/** What to change to go from `before` to `after`: the default entity first, then brokers by id. */
export function dynamicChanges(before: DynamicConfig, after: DynamicConfig): DynamicChange[] {
  const ids = [...new Set([...Object.keys(before.perBroker), ...Object.keys(after.perBroker)])].sort((a, b) => Number(a) - Number(b));
  return [
    diff('default', before.clusterWide, after.clusterWide),
    ...ids.map((id) => diff(id, before.perBroker[id] ?? {}, after.perBroker[id] ?? {})),
  ].filter((c): c is DynamicChange => c !== undefined);
}

/** kafka-configs' value syntax: a value with a comma goes in square brackets. */
export function configValue(value: string): string {
  return value.includes(',') ? `[${value}]` : value;
}

/** The kafka-configs arguments of one change (after --bootstrap-server and --command-config). */
export function kafkaConfigsArgs(change: DynamicChange): string[] {
  const entity = change.entity === 'default' ? ['--entity-default'] : ['--entity-name', change.entity];
  const add = Object.entries(change.add).map(([k, v]) => `${k}=${configValue(v)}`);
  return [
    '--alter',
    '--entity-type',
    'brokers',
    ...entity,
    ...(add.length > 0 ? ['--add-config', add.join(',')] : []),
    ...(change.remove.length > 0 ? ['--delete-config', change.remove.join(',')] : []),
  ];
}

/** A line per change for people, e.g. `every broker: log.retention.ms=3600000 (no restart)`. */
export function describeChange(change: DynamicChange): string {
  const who = change.entity === 'default' ? 'every broker' : `broker ${change.entity}`;
  const parts = [...Object.entries(change.add).map(([k, v]) => `${k}=${v}`), ...change.remove.map((k) => `${k} removed`)];
  return `${who}: ${parts.join(', ')}`;
}

const statePath = (cluster: string): string => join(clusterStateDir(cluster), 'dynamic-config.json');

/** What was applied last time (nothing when the file is missing). */
export function appliedDynamicConfig(cluster: string): DynamicConfig {
  const path = statePath(cluster);
  if (!existsSync(path)) return EMPTY_DYNAMIC;
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as DynamicConfig;
    return { clusterWide: parsed.clusterWide ?? {}, perBroker: parsed.perBroker ?? {} };
  } catch (error) {
    throw new Error(`${path} is not valid JSON (${(error as Error).message}): delete it and run npm run deploy again to re-apply the dynamic config`);
  }
}

/**
 * Apply the cluster's dynamic config (what changed since the last apply) through the first
 * running broker, with Kafka's kafka-configs. Returns one line per change made.
 */
export async function applyDynamicConfig(cluster: ResolvedCluster, timeoutMs = 120_000): Promise<string[]> {
  const changes = dynamicChanges(appliedDynamicConfig(cluster.name), cluster.dynamicConfig);
  if (changes.length === 0) return [];
  const done: string[] = [];
  for (const change of changes) {
    await waitFor(
      async () => {
        for (const node of brokersOf(cluster)) {
          if (!(await containerState(node.containerName))?.running) continue;
          const out = await dockerExec(node.containerName, [
            'kafka-configs.sh',
            '--bootstrap-server',
            internalAddressOf(cluster, node),
            '--command-config',
            adminClientPathOf(cluster),
            ...kafkaConfigsArgs(change),
          ]);
          if (out.exitCode !== 0) throw new Error(`kafka-configs ${kafkaConfigsArgs(change).join(' ')} failed: ${out.stderr.trim().split('\n').slice(-1)[0] ?? ''}`);
          return true;
        }
        throw new Error(`no broker of '${cluster.name}' is running`);
      },
      { what: `dynamic config (${describeChange(change)})`, timeoutMs },
    );
    done.push(describeChange(change));
  }
  writeFileSync(statePath(cluster.name), `${JSON.stringify(cluster.dynamicConfig, null, 2)}\n`);
  return done;
}
