/**
 * The access stack's life cycle: `terraform apply` of `<cluster>-access` after the cluster,
 * `terraform destroy` before it (where deletion protection can stop a destroy), and `terraform
 * plan`, each on the synthesized stack.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { ResolvedAccess } from '../../../stacks/model/access.ts';
import { resolveAccess } from '../../../stacks/model/access-validate.ts';
import { brokersOf, type ResolvedCluster } from '../../../stacks/model/spec.ts';
import { mirrorSourcesOf } from './mirror-sources.ts';
import { accessApplyEnv, accessSpecFor, accessStackDir, accessStackId, accessStatePath, previousAccessState } from './state.ts';
import type { ConnectionDescriptor } from '../cluster/index.ts';
import { describeBrokers, ensureTopic } from '../kafka/index.ts';
import { schemaRegistryTopics } from '../../../stacks/model/schema-registry.ts';
import { waitFor } from '../core/index.ts';
import { lockProviders, logTail, runTerraform } from '../engine/index.ts';
import { ProtectedTopicError, StepError } from '../../../stacks/model/errors.ts';

/** The validated access of a cluster (throws AccessError with every problem), or undefined. */
export function resolvedAccessOf(cluster: ResolvedCluster): ResolvedAccess | undefined {
  const spec = accessSpecFor(cluster);
  return spec ? resolveAccess(spec, cluster, previousAccessState(accessStatePath(cluster.name)), mirrorSourcesOf(spec, cluster.name)) : undefined;
}

/** True when the access stack has applied resources (its state holds some). */
export function hasAccessState(cluster: string): boolean {
  const path = accessStatePath(cluster);
  if (!existsSync(path)) return false;
  try {
    return ((JSON.parse(readFileSync(path, 'utf8')) as { resources?: unknown[] }).resources?.length ?? 0) > 0;
  } catch {
    return true;
  }
}

interface AccessStateJson {
  readonly resources?: readonly { readonly type?: string; readonly instances?: readonly { readonly attributes?: { readonly name?: unknown } }[] }[];
}

/**
 * Topics the access spec marks protected that the access stack's state still holds: a destroy
 * must stop before Terraform runs. Deterministic, where Terraform's own prevent_destroy refusal
 * has to be recognized in its log.
 */
export function protectedTopicsInState(state: AccessStateJson | undefined, access: ResolvedAccess | undefined): string[] {
  const held = new Set(
    (state?.resources ?? [])
      .filter((r) => r.type === 'kafka_topic')
      .flatMap((r) => (r.instances ?? []).map((i) => i.attributes?.name))
      .filter((n): n is string => typeof n === 'string'),
  );
  return (access?.topics ?? []).filter((t) => t.protected && held.has(t.name)).map((t) => t.name);
}

function accessStateJson(cluster: string): AccessStateJson | undefined {
  try {
    return JSON.parse(readFileSync(accessStatePath(cluster), 'utf8')) as AccessStateJson;
  } catch {
    return undefined;
  }
}

/** How many times a Kafka connection error of the provider is retried. */
const TRANSIENT_RETRIES = 2;

/**
 * A Terraform log whose failure is the provider's Kafka connection (sarama), not the change:
 * e.g. "kafka: broker not connected" from a broker that registered a moment ago.
 */
export function isTransientProviderError(log: string): boolean {
  return /kafka: broker not connected|client has run out of available brokers|connection refused|i\/o timeout|broken pipe|connection reset by peer|Request was for a topic or partition that does not exist on this broker|leadership election/i.test(log);
}

/** Wait until every broker is registered: the provider's client needs the whole cluster. */
async function waitForBrokers(cluster: ResolvedCluster, d: ConnectionDescriptor, timeoutMs: number): Promise<void> {
  const want = brokersOf(cluster).length;
  await waitFor(
    async () => {
      const n = (await describeBrokers(d)).length;
      if (n < want) throw new Error(`${n} of ${want} brokers registered`);
      return true;
    },
    { what: `all ${want} brokers of '${cluster.name}' to register`, timeoutMs },
  );
}

/** `terraform apply` of `<cluster>-access`: topics, users and ACLs, once the brokers are all up. */
export async function deployAccess(cluster: ResolvedCluster, d: ConnectionDescriptor, timeoutMs = 120_000): Promise<ResolvedAccess | undefined> {
  const access = resolvedAccessOf(cluster);
  if (!access) return undefined;
  await waitForBrokers(cluster, d, timeoutMs);
  // The registry, started by this apply, needs its storage topics first.
  if (cluster.schemaRegistry) {
    for (const t of schemaRegistryTopics(cluster.schemaRegistry, cluster.replication.internalReplicationFactor)) await ensureTopic(d, t, timeoutMs);
  }
  await lockProviders(accessStackDir(cluster.name));
  const stack = accessStackId(cluster.name);
  const apply = (): ReturnType<typeof runTerraform> =>
    runTerraform({
      verb: 'deploy',
      stack,
      cluster: cluster.name,
      title: `applying topics, users and ACLs of '${cluster.name}' (${access.topics.length} topics, ${access.users.length} users, ${access.acls.length} ACLs)`,
      env: accessApplyEnv(cluster, access),
      logName: 'access-deploy.log',
    });
  let r = await apply();
  // Brokers that have just registered may not take the provider's connections yet: the apply is
  // idempotent (what was created is in the state), so a transient connection error is retried.
  for (let attempt = 1; !r.ok && attempt <= TRANSIENT_RETRIES && isTransientProviderError(r.log); attempt++) {
    await waitForBrokers(cluster, d, timeoutMs);
    await new Promise((res) => setTimeout(res, 2000 * attempt));
    r = await apply();
  }
  if (!r.ok) {
    throw new StepError(`terraform apply ${stack}`, `${logTail(r.log)}\n(full log: ${r.logPath})`, `fix the error above and run npm run deploy -- --cluster ${cluster.name} again`);
  }
  return access;
}

/**
 * Before a cluster is destroyed: a topic the access spec protects ("protected": true) that the
 * access stack still holds stops the destroy with a ProtectedTopicError naming it and how to
 * release it. Nothing else of the access stack needs removing: topics, users and ACLs live in the
 * cluster's metadata, on the volumes the destroy deletes.
 */
export function refuseProtectedTopics(cluster: ResolvedCluster): void {
  if (!hasAccessState(cluster.name)) return;
  let access: ResolvedAccess | undefined;
  try {
    access = resolvedAccessOf(cluster);
  } catch {
    access = undefined;
  }
  const held = protectedTopicsInState(accessStateJson(cluster.name), access);
  if (held.length === 0) return;
  throw new ProtectedTopicError(
    'destroy',
    `topic ${held.map((t) => `'${t}'`).join(', ')} of cluster '${cluster.name}' is protected ("protected": true): the destroy was refused, so the cluster was left as it is`,
    `release it first: set "protected": false on it in the access spec, run npm run deploy -- --cluster ${cluster.name}, then npm run down again (npm run down -- --force destroys the cluster, protected topics and all)`,
  );
}

export interface PlanSummary {
  readonly stack: string;
  readonly add: number;
  readonly change: number;
  readonly destroy: number;
  /** True when the plan said there is nothing to do. */
  readonly noChanges: boolean;
}

/** Terraform's own summary line of a plan, per stack. */
export function parsePlanSummary(stack: string, log: string): PlanSummary {
  const m = /Plan: (\d+) to add, (\d+) to change, (\d+) to destroy/.exec(log);
  if (m) return { stack, add: Number(m[1]), change: Number(m[2]), destroy: Number(m[3]), noChanges: false };
  return { stack, add: 0, change: 0, destroy: 0, noChanges: /No changes/.test(log) };
}

/**
 * The lines of a plan a person reads: from Terraform's plan (or its "No changes") to its
 * summary line, without the stack-name column cdktf's CLI puts before each line (a log it wrote).
 */
export function planLines(stack: string, log: string): string[] {
  const column = stack.length + 2;
  const lines = log.split('\n').map((l) => (l.startsWith(stack) || /^\s+$/.test(l.slice(0, column)) ? l.slice(column) : l).trimEnd());
  const start = lines.findIndex((l) => /^(Terraform used the selected providers|Terraform will perform|No changes\.|Note: Objects have changed outside of Terraform)/.test(l));
  if (start < 0) return [];
  const end = lines.findIndex((l, i) => i >= start && /^(Plan: \d+ to add|No changes\.)/.test(l));
  return lines.slice(start, end < 0 ? undefined : end + 1).filter((l) => l.trim().length > 0);
}

/** `terraform plan` of `<cluster>-access`, refreshed against the live cluster. */
export async function planAccess(cluster: ResolvedCluster): Promise<{ summary: PlanSummary; lines: string[] }> {
  const access = resolvedAccessOf(cluster);
  const stack = accessStackId(cluster.name);
  if (!access) throw new StepError('plan', `cluster '${cluster.name}' declares no topics, users or ACLs`, "add an 'access' section to its spec file");
  await lockProviders(accessStackDir(cluster.name));
  const plan = (): ReturnType<typeof runTerraform> =>
    runTerraform({
      verb: 'diff',
      stack,
      cluster: cluster.name,
      title: `planning topics, users and ACLs of '${cluster.name}'`,
      env: accessApplyEnv(cluster, access),
      logName: 'access-plan.log',
    });
  let r = await plan();
  // The provider's client may find a broker it has not connected to yet (seen in CI: "kafka: broker
  // not connected" during the refresh): a plan changes nothing, so it is simply run again.
  for (let attempt = 1; !r.ok && attempt <= TRANSIENT_RETRIES && isTransientProviderError(r.log); attempt++) {
    await new Promise((res) => setTimeout(res, 2000 * attempt));
    r = await plan();
  }
  if (!r.ok) throw new StepError(`terraform plan ${stack}`, `${logTail(r.log)}\n(full log: ${r.logPath})`, 'is the cluster running? npm run verify');
  return { summary: parsePlanSummary(stack, r.log), lines: planLines(stack, r.log) };
}
