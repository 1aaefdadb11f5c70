import { $ } from 'zx';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { portClaimProblems, resolveCluster } from '../../../stacks/model/resolve.ts';
import type { ClusterSpec, ResolvedCluster } from '../../../stacks/model/spec.ts';
import { SWITCHABLE_MODES } from '../../../stacks/model/listener-sets.ts';
import { buildDescriptor, clientSecretPaths, type ConnectionDescriptor, hostEngines, knownClusters, loadClusterSpec, portProblems, prepareHosts, readDescriptor, readListenerState, registerCluster, releaseVolumeMounts, writeDescriptor } from '../cluster/index.ts';
import { ensureScramUsers } from './scram-users.ts';
import { forgetApplied, readApplied } from './applied.ts';
import { appliedFingerprint, deployAccessIfChanged, recordApplied, upToDate } from './up-to-date.ts';
import { deploySchemas } from './schemas-step.ts';
import { applyDynamicConfig } from './dynamic-config.ts';
import { clusterRunning, plannedReplacements, type Replacement, rollReplacements, savePlan } from './rolling-deploy.ts';
import { renderRollReport, rollOptionsFrom, type RollReport } from '../roll/index.ts';
import { refuseProtectedTopics, resolvedAccessOf } from '../access/index.ts';
import { clusterContainers, clusterLeftovers, type ClusterLeftovers, clusterStateDir, engineLeftovers, engineOf, enginesOfCluster, forgetClusterEngines, isEmpty, withProgress } from '../core/index.ts';
import { deployStack, destroyStack, ensureConnectImage, ensureDockerEngine, ensureImagesOnEngines, kafkaImageTag, ensureRegistryImage, ensurePrometheusImage, ensureProviders, hasState, runSetup, stackDir, synthesize } from '../engine/index.ts';
import { SpecError, StepError, UsageError } from '../../../stacks/model/errors.ts';

/**
 * Resolve a `--cluster` value (preset or spec file) into a validated cluster; `--security`
 * overrides the spec's security mode. Without `--security`, a cluster deployed earlier keeps the
 * mode it was deployed with. `switches` are up's on/off flags (each undefined: not given).
 */
export function clusterFromFlag(nameOrPath?: string, securityMode?: string, switches: UpSwitches = {}): { spec: ClusterSpec; cluster: ResolvedCluster } {
  const declared = loadClusterSpec(nameOrPath);
  const described = readDescriptor(declared.name);
  const deployed = described?.securityMode;
  const mode = securityMode ?? (deployed && deployed !== (declared.security?.mode ?? 'sasl_ssl') ? deployed : undefined);
  let spec: ClusterSpec = mode ? { ...declared, security: { ...declared.security, mode } } : declared;
  // Each switch: the flag when given; else the spec's when it says; else as deployed (a cluster
  // turned on with --monitoring stays monitored until --no-monitoring).
  for (const key of SWITCHED) {
    const on = switches[key] ?? (declared[key] !== undefined ? undefined : described?.[key] ? true : undefined);
    if (on !== undefined) spec = { ...spec, [key]: on ? (declared[key] || true) : false };
  }
  return { spec, cluster: resolveCluster(spec, readListenerState(spec.name)) };
}

/** The parts of a cluster `up` turns on and off with a flag pair (`--connect`, `--no-connect`). */
const SWITCHED = ['monitoring', 'connect', 'schemaRegistry'] as const;
export type UpSwitches = { readonly [K in (typeof SWITCHED)[number]]?: boolean };

/** Up's switches from its flags: each true, false, or undefined when neither of its flags is given. */
export function upSwitches(flags: Readonly<Record<string, unknown>>): UpSwitches {
  return { monitoring: monitoringFlag(flags), connect: connectFlag(flags), schemaRegistry: schemaRegistryFlag(flags) };
}

/** The Schema Registry switch of `up`'s flags: true, false, or undefined when neither flag is given. */
export function schemaRegistryFlag(flags: { readonly 'schema-registry'?: unknown; readonly 'no-schema-registry'?: unknown }): boolean | undefined {
  if (flags['schema-registry'] && flags['no-schema-registry']) {
    throw new UsageError("'--schema-registry' turns the Schema Registry on and '--no-schema-registry' off: give one of them");
  }
  if (flags['schema-registry']) return true;
  if (flags['no-schema-registry']) return false;
  return undefined;
}

/** The Connect switch of `up`'s flags: true, false, or undefined when neither flag is given. */
export function connectFlag(flags: { readonly connect?: boolean; readonly 'no-connect'?: boolean }): boolean | undefined {
  if (flags.connect && flags['no-connect']) throw new UsageError("'--connect' turns Kafka Connect on and '--no-connect' off: give one of them");
  if (flags.connect) return true;
  if (flags['no-connect']) return false;
  return undefined;
}

/** The monitoring switch of `up`'s flags: true, false, or undefined when neither flag is given. */
export function monitoringFlag(flags: { readonly monitoring?: boolean; readonly 'no-monitoring'?: boolean }): boolean | undefined {
  if (flags.monitoring && flags['no-monitoring']) throw new UsageError("'--monitoring' turns monitoring on and '--no-monitoring' off: give one of them");
  if (flags.monitoring) return true;
  if (flags['no-monitoring']) return false;
  return undefined;
}

export interface DeployOptions {
  /** Prove a rolling deploy lost no record (Kafka's verifiable clients). @default false */
  readonly validate?: boolean;
  /** The `--cluster` value as typed, for the commands messages suggest. @default - the cluster's name */
  readonly clusterArg?: string;
}

/** What a deploy did: how clients reach the cluster now, and the roll that applied the change. */
export interface DeployResult {
  readonly descriptor: ConnectionDescriptor;
  /** The report of the roll the deploy made; absent when the change replaced no node. */
  readonly roll?: RollReport;
}

/**
 * Deploy: reject port clashes and foreign leftovers before anything is created, run setup
 * (cached), synthesize; stop there when the cluster is as last applied (up-to-date.ts); else roll
 * what the change replaces on a running cluster, `terraform apply`, then write the connection
 * descriptor and client files and record what was applied.
 */
export async function deployCluster(spec: ClusterSpec, resolved: ResolvedCluster, opts: DeployOptions = {}): Promise<DeployResult> {
  let cluster = resolved;
  // Clusters side by side: no two deployed clusters may claim the same host port.
  const deployed = knownClusters().filter((c) => c.name !== cluster.name && hasState(c.name));
  const claims = portClaimProblems(cluster, deployed);
  if (claims.length > 0) throw new SpecError(cluster.name, claims);
  // Topics, users and ACLs are validated too (against what the topics have now) before anything changes.
  resolvedAccessOf(cluster);
  await ensureDockerEngine();
  // Several hosts: each engine answers (else nothing is created), and where each node runs is recorded.
  await prepareHosts(cluster);
  const ports = await portProblems(cluster);
  if (ports.length > 0) throw new SpecError(cluster.name, ports);
  if (!hasState(cluster.name)) {
    const left = await clusterLeftovers(cluster.name);
    if (left.containers.length > 0) {
      throw new StepError(
        'deploy',
        `containers of cluster '${cluster.name}' exist (${left.containers.join(', ')}) but this checkout has no Terraform state for them`,
        `remove them with npm run down -- --cluster ${cluster.name} --force, or deploy under another cluster name`,
      );
    }
  }
  await runSetup([cluster.kafkaVersion]);
  // Each host's engine gets the image built here (by id, never pulled).
  if (cluster.hosts) await ensureImagesOnEngines([kafkaImageTag(cluster.kafkaVersion)], Object.values(hostEngines(cluster)));
  if (cluster.monitoring) await ensurePrometheusImage();
  if (cluster.connect) await ensureConnectImage();
  if (cluster.schemaRegistry) await ensureRegistryImage();
  // A new security mode cannot be applied in place (storage is formatted with its users, every
  // listener changes): the cluster is recreated, and its data is lost.
  const previous = readDescriptor(cluster.name);
  if (previous && previous.securityMode !== cluster.security.mode && hasState(cluster.name)) {
    const live = switchableLive(previous.securityMode, cluster);
    process.stderr.write(
      `⚠ cluster '${cluster.name}' runs with security '${previous.securityMode}'; switching to '${cluster.security.mode}' RECREATES it: every topic and record in it is lost.${live ? ` To keep them, switch it live instead: npm run switch-security -- --cluster ${opts.clusterArg ?? cluster.name} --to ${cluster.security.mode}` : ''}\n`,
    );
    const left = await destroyCluster(cluster, { force: true });
    if (!isEmpty(left)) throw new StepError('deploy', `could not remove the old cluster: ${JSON.stringify(left)}`);
    // A new cluster starts on listener set a, whatever set the old one had moved to.
    cluster = resolveCluster(spec);
  }
  registerCluster(spec);
  await synthesize([cluster.name]);
  const d = buildDescriptor(cluster);
  const fingerprint = appliedFingerprint(cluster);
  if (await upToDate(cluster, d, fingerprint)) {
    writeDescriptor(d, clientSecretPaths(cluster).passwordsProperties);
    await deploySchemas(cluster);
    return { descriptor: d };
  }
  const lastApply = readApplied(clusterStateDir(cluster.name));
  forgetApplied(clusterStateDir(cluster.name)); // a deploy that fails half way leaves no record: the next one applies everything
  // A new cluster's storage is formatted with every SCRAM user (kafka-storage --add-scram): none to add.
  const fresh = !hasState(cluster.name);
  const roll = await applyClusterStack(cluster, opts);
  if (!fresh) await ensureScramUsers(cluster);
  const dynamic = await withProgress(`dynamic config of '${cluster.name}'`, () => applyDynamicConfig(cluster), 'done');
  for (const line of dynamic) process.stderr.write(`  applied without a restart: ${line}\n`);
  writeDescriptor(d, clientSecretPaths(cluster).passwordsProperties);
  await deployAccessIfChanged(cluster, d, lastApply);
  await deploySchemas(cluster);
  await recordApplied(cluster, fingerprint);
  return { descriptor: d, ...(roll ? { roll } : {}) };
}

/**
 * Apply the cluster stack. A running cluster is planned once: a plan that replaces node containers
 * is rolled one node at a time (rollReplaced), then applied; any other plan is applied as it was
 * saved, and a plan that changes nothing is not applied at all. A cluster not running is applied
 * at once (one plan, inside the apply).
 */
async function applyClusterStack(cluster: ResolvedCluster, opts: DeployOptions): Promise<RollReport | undefined> {
  if (!hasState(cluster.name) || !(await clusterRunning(cluster))) {
    await deployStack(cluster);
    return undefined;
  }
  const plan = await withProgress(`planning '${cluster.name}' (which nodes a change replaces)`, () => savePlan(cluster));
  try {
    if (plan.replacements.length > 0) {
      const roll = await rollReplaced(cluster, cluster, plan.replacements, opts);
      await deployStack(cluster);
      return roll;
    }
    if (plan.changes > 0) await deployStack(cluster, plan.file);
    else process.stderr.write(`  the plan of '${cluster.name}' changes no resource: nothing to apply\n`);
    return undefined;
  } finally {
    plan.discard();
  }
}

/**
 * Never replace the nodes of a running cluster all at once: what the plan of the synthesized
 * stack replaces is rolled, one node at a time. `view` is the cluster as clients reach it while
 * the roll runs (the cluster itself, except during a live security switch). Returns the roll's
 * report, or undefined when the change replaces no node (or the cluster is not running).
 */
export async function rollPlannedChange(cluster: ResolvedCluster, view: ResolvedCluster, opts: DeployOptions = {}): Promise<RollReport | undefined> {
  if (!hasState(cluster.name) || !(await clusterRunning(cluster))) return undefined;
  const replacements = await withProgress(`planning '${cluster.name}' (which nodes a change replaces)`, () => plannedReplacements(cluster));
  return replacements.length === 0 ? undefined : rollReplaced(cluster, view, replacements, opts);
}

/** Roll the replaced node containers one at a time; throws with the roll's refusal when it fails. */
async function rollReplaced(cluster: ResolvedCluster, view: ResolvedCluster, replacements: readonly Replacement[], opts: DeployOptions): Promise<RollReport> {
  process.stderr.write(`  the change replaces ${replacements.length} node container(s): rolling them one at a time (${replacements.map((r) => r.container).join(', ')})\n`);
  const report = await rollReplacements(view, buildDescriptor(view), replacements, {
    ...rollOptionsFrom({ validate: opts.validate ?? false }),
    ...(opts.clusterArg ? { clusterArg: opts.clusterArg } : {}),
  });
  process.stderr.write(renderRollReport(report));
  if (!report.ok) {
    throw new StepError('rolling deploy', report.refusal?.reason ?? 'the roll failed', report.refusal?.hint ?? `run npm run deploy -- --cluster ${opts.clusterArg ?? cluster.name} again`);
  }
  return report;
}

/** A KRaft cluster can go between these two modes live (npm run switch-security) instead of being recreated. */
function switchableLive(from: string, cluster: ResolvedCluster): boolean {
  return cluster.mode !== 'zookeeper' && from !== cluster.security.mode && (SWITCHABLE_MODES as readonly string[]).includes(from) && SWITCHABLE_MODES.includes(cluster.security.mode);
}

/**
 * Remove a cluster's containers (by label) at once, without stopping them first, and take any other
 * cluster's container off its network (a MirrorMaker 2 worker reading it), so the network can go.
 */
async function removeContainers(cluster: ResolvedCluster): Promise<void> {
  const names = Object.keys(await clusterContainers(cluster.name));
  await Promise.all(names.map((name) => $({ quiet: true, nothrow: true })`docker ${engineOf(name)} rm -f ${name}`));
  const net = await $({ quiet: true, nothrow: true })`docker network inspect -f ${'{{range .Containers}}{{.Name}} {{end}}'} ${cluster.networkName}`;
  for (const other of net.exitCode === 0 ? net.stdout.trim().split(/\s+/).filter(Boolean) : []) {
    process.stderr.write(`  taking '${other}' off the network of '${cluster.name}' (it reads this cluster: a MirrorMaker 2 worker of another cluster)\n`);
    await $({ quiet: true, nothrow: true })`docker network disconnect -f ${cluster.networkName} ${other}`;
  }
}

/** Remove by label whatever Docker still holds for a cluster, on every engine it uses. */
export async function removeLeftovers(cluster: string): Promise<void> {
  for (const engine of enginesOfCluster(cluster)) {
    const left = await engineLeftovers(cluster, engine);
    if (left.containers.length > 0) await $({ quiet: true, nothrow: true })`docker ${engine} rm -f -v ${left.containers}`;
    // A filesystem mounted over a volume's directory (the full-disk drill) would keep Docker from removing it.
    if (engine.length === 0) await releaseVolumeMounts(cluster, left.volumes).catch((error: unknown) => process.stderr.write(`⚠ ${error instanceof Error ? error.message : String(error)}\n`));
    if (left.volumes.length > 0) await $({ quiet: true, nothrow: true })`docker ${engine} volume rm -f ${left.volumes}`;
    if (left.networks.length > 0) await $({ quiet: true, nothrow: true })`docker ${engine} network rm ${left.networks}`;
  }
}

export interface DestroyOptions {
  /** Also remove, by label, anything Terraform did not (or has no state for). @default false */
  readonly force?: boolean;
}

/**
 * Destroy: refuse while a protected topic is held (unless forced), remove the containers at once,
 * `terraform destroy` (volumes, network; the state ends empty), then prove nothing of the cluster is left
 * (containers, networks, volumes by label and name). Returns what is left (empty on success).
 */
export async function destroyCluster(cluster: ResolvedCluster, opts: DestroyOptions = {}): Promise<ClusterLeftovers> {
  await ensureDockerEngine();
  if (hasState(cluster.name)) {
    await ensureProviders();
    // The stack of the last deploy serves the destroy; synthesized again only when it is missing.
    if (!existsSync(join(stackDir(cluster.name), 'cdk.tf.json'))) await synthesize([cluster.name]);
    // A protected topic stops everything here, unless forced.
    try {
      refuseProtectedTopics(cluster);
    } catch (error) {
      if (!opts.force) throw error;
      process.stderr.write(`⚠ --force: destroying cluster '${cluster.name}' although it holds a protected topic: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}\n`);
    }
    // Docker cannot remove a volume with a filesystem mounted over its directory (a full-disk drill left open).
    const released = await releaseVolumeMounts(cluster.name, (await clusterLeftovers(cluster.name)).volumes);
    if (released.length > 0) process.stderr.write(`unmounted what a drill had mounted over the cluster's volumes: ${released.join(', ')}\n`);
    // The data goes with the volumes: no graceful shutdown to wait for. Terraform then finds the
    // containers gone, and destroys the volumes and the network, so its state ends empty.
    await removeContainers(cluster);
    await destroyStack(cluster);
  }
  if (opts.force) {
    await withProgress(`removing leftovers of '${cluster.name}' by label`, () => removeLeftovers(cluster.name));
  }
  const left = await clusterLeftovers(cluster.name);
  if (isEmpty(left)) {
    const dir = clusterStateDir(cluster.name);
    if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
    forgetClusterEngines(cluster.name);
  }
  return left;
}
