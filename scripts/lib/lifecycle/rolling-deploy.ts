/**
 * A deploy that would replace more than one node of a running cluster rolls instead: Terraform's
 * plan names the node containers it would replace, and each is replaced on its own (a targeted
 * apply of just that container) inside the roll's safety checks, leaders last.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ResolvedCluster } from '../../../stacks/model/spec.ts';
import type { ConnectionDescriptor } from '../cluster/index.ts';
import { containerState } from '../core/index.ts';
import { rollCluster, type RollNode, type RollOptions, type RollReport } from '../roll/index.ts';
import { terraformIn } from '../engine/index.ts';
import { StepError } from '../../../stacks/model/errors.ts';

/** A node container the plan would delete and create again. */
export interface Replacement {
  /** Terraform address, e.g. `docker_container.kafka_node-1_container_409ADE29`. */
  readonly address: string;
  /** The container's name (`kafkalab-<cluster>-kafka-1`). */
  readonly container: string;
}

interface PlanJson {
  readonly resource_changes?: readonly {
    readonly address: string;
    readonly type: string;
    readonly change: { readonly actions: readonly string[]; readonly before?: { readonly name?: string } | null };
  }[];
}

/** The containers a plan (terraform show -json) replaces: deleted and created again. */
export function replacementsIn(plan: PlanJson): Replacement[] {
  return (plan.resource_changes ?? [])
    .filter((r) => r.type === 'docker_container' && r.change.actions.includes('delete') && r.change.actions.includes('create'))
    .map((r) => ({ address: r.address, container: r.change.before?.name ?? '' }))
    .filter((r) => r.container !== '');
}

async function terraform(cluster: string, args: readonly string[]): Promise<string> {
  const out = await terraformIn(cluster, args);
  if (out.exitCode !== 0) {
    throw new StepError(`terraform ${args[0]}`, (out.stderr || out.stdout).trim().split('\n').slice(-12).join('\n'), `run npm run deploy -- --cluster ${cluster} again`);
  }
  return out.stdout;
}

/** How many resources a plan (terraform show -json) changes: every change but a no-op or a read. */
export function changesIn(plan: PlanJson): number {
  return (plan.resource_changes ?? []).filter((r) => !r.change.actions.every((a) => a === 'no-op' || a === 'read')).length;
}

/** A saved plan of a cluster stack: what it replaces, how many resources it changes, and its file. */
export interface SavedPlan {
  readonly replacements: readonly Replacement[];
  readonly changes: number;
  /** The plan file, for `terraform apply <file>` (applies exactly this plan). */
  readonly file: string;
  /** Remove the plan file. */
  discard(): void;
}

/** Plan the synthesized cluster stack once and keep the plan, to apply as it is. */
export async function savePlan(cluster: ResolvedCluster): Promise<SavedPlan> {
  const dir = mkdtempSync(join(tmpdir(), 'kafkalab-plan-'));
  const discard = (): void => rmSync(dir, { recursive: true, force: true });
  try {
    const file = join(dir, 'plan.bin');
    await terraform(cluster.name, ['init', '-input=false', '-no-color']);
    await terraform(cluster.name, ['plan', '-input=false', '-no-color', '-lock=true', `-out=${file}`]);
    const plan = JSON.parse(await terraform(cluster.name, ['show', '-json', file])) as PlanJson;
    return { replacements: replacementsIn(plan), changes: changesIn(plan), file, discard };
  } catch (error) {
    discard();
    throw error;
  }
}

/** Plan the synthesized cluster stack and list node replacements. */
export async function plannedReplacements(cluster: ResolvedCluster): Promise<readonly Replacement[]> {
  const plan = await savePlan(cluster);
  plan.discard();
  return plan.replacements;
}

/** True when every container of the cluster (ZooKeeper and Kafka) is running. */
export async function clusterRunning(cluster: ResolvedCluster): Promise<boolean> {
  const names = [...(cluster.zookeeper?.servers ?? []).map((z) => z.containerName), ...cluster.nodes.map((n) => n.containerName)];
  const states = await Promise.all(names.map((n) => containerState(n)));
  return states.every((s) => s?.running === true);
}

/** The node ids (as `--nodes` takes them) of the replaced containers. */
export function nodesOf(cluster: ResolvedCluster, replacements: readonly Replacement[]): string[] {
  const ids = new Map<string, string>([
    ...(cluster.zookeeper?.servers ?? []).map((z) => [z.containerName, z.hostname] as [string, string]),
    ...cluster.nodes.map((n) => [n.containerName, String(n.id)] as [string, string]),
  ]);
  return replacements.flatMap((r) => (ids.has(r.container) ? [ids.get(r.container)!] : []));
}

/**
 * Replace the given node containers one at a time: for each, in roll order, wait until it is safe
 * to stop, stop it (controlled shutdown), `terraform apply -target` its new container, wait
 * until it is back. Returns the roll's report.
 */
export async function rollReplacements(
  cluster: ResolvedCluster,
  d: ConnectionDescriptor,
  replacements: readonly Replacement[],
  options: RollOptions & { readonly clusterArg?: string },
): Promise<RollReport> {
  const byContainer = new Map(replacements.map((r) => [r.container, r.address]));
  const startNode = async (node: RollNode): Promise<void> => {
    const address = byContainer.get(node.container);
    if (!address) throw new Error(`no planned replacement for ${node.container}`);
    await terraform(cluster.name, ['apply', '-input=false', '-no-color', '-auto-approve', `-target=${address}`]);
  };
  return rollCluster(cluster, d, { ...options, nodes: nodesOf(cluster, replacements), startNode });
}
