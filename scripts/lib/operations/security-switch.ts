/**
 * A live security switch, plaintext to sasl_ssl or back, on a running KRaft cluster, in three
 * steps with a rolling deploy (one node at a time, the roll's safety checks) after each:
 *   1. add the new listeners, on the other listener set, beside the old ones;
 *   2. move inter-broker and controller traffic to them;
 *   3. remove the old listeners.
 * Clients move to the new descriptor after step 1 (every node then serves the new listeners); the
 * roll of each step talks to the cluster the way clients could just before it. While plaintext
 * and secured listeners run side by side, the authorizer is on and the anonymous principal of the
 * plaintext listeners is a super user, so neither kind of client loses access. An interrupted
 * switch resumes at the step the state folder records.
 */
import { portClaimProblems, resolveCluster } from '../../../stacks/model/resolve.ts';
import { SWITCHABLE_MODES, otherSet, type ListenerState } from '../../../stacks/model/listener-sets.ts';
import type { SaslMechanism, SecurityMode } from '../../../stacks/model/security.ts';
import type { ClusterSpec, ResolvedCluster } from '../../../stacks/model/spec.ts';
import { deployAccess } from '../access/index.ts';
import { buildDescriptor, clientSecretPaths, knownClusters, portProblems, registerCluster, writeDescriptor, writeListenerState } from '../cluster/index.ts';
import { clusterRunning, ensureScramUsers, rollPlannedChange } from '../lifecycle/index.ts';
import { deployStack, hasState, synthesize } from '../engine/index.ts';
import { rollOutcomeOf, type RollOutcome } from '../roll/index.ts';
import { OperationRefused } from '../../../stacks/model/errors.ts';

export type SwitchStepNumber = 1 | 2 | 3;

export const SWITCH_STEPS: readonly { readonly step: SwitchStepNumber; readonly name: string }[] = [
  { step: 1, name: 'add the new listeners' },
  { step: 2, name: 'move inter-broker and controller traffic to them' },
  { step: 3, name: 'remove the old listeners' },
];

export interface SwitchStepReport extends RollOutcome {
  readonly step: string;
  /** The security mode the step's roll (and its validation clients) used. */
  readonly clientsUsed: SecurityMode;
}

export interface SwitchOptions {
  /** Prove each roll lost no record (Kafka's verifiable clients). @default false */
  readonly validate?: boolean;
  /** The `--cluster` value as typed, for the commands messages suggest. @default - the cluster's name */
  readonly clusterArg?: string;
  /** Called before each step (messages). @default - no messages */
  readonly onStep?: (text: string) => void;
}

/** A switch that cannot run: `usage` for a request that cannot be met, `failed` for a cluster not ready. */
export class SwitchRefused extends OperationRefused {}

/** The listener state of each step of a switch to `set` coming from `from`. */
export function switchStateAt(step: 0 | SwitchStepNumber, plan: SwitchPlan): ListenerState {
  if (step === 0) return { set: otherSet(plan.set) };
  if (step === 3) return { set: plan.set };
  return { set: plan.set, switch: { from: plan.from, step, ...(plan.fromMechanism ? { mechanism: plan.fromMechanism } : {}) } };
}

/**
 * The spec of the cluster in a security mode: users kept, and the SASL mechanism (`mechanism`, else
 * the declared one) only in a SASL mode, the one place a spec may name it.
 */
export function specInMode(spec: ClusterSpec, mode: SecurityMode, mechanism?: SaslMechanism): ClusterSpec {
  const { mechanism: declared, ...rest } = spec.security ?? {};
  const m = mechanism ?? declared;
  const sasl = mode === 'sasl_ssl' || mode === 'sasl_plaintext';
  return { ...spec, security: { ...rest, mode, ...(sasl && m !== undefined ? { mechanism: m } : {}) } };
}

export interface SwitchPlan {
  readonly from: SecurityMode;
  /** The old mode's SASL mechanism, when it has one. */
  readonly fromMechanism?: SaslMechanism;
  readonly to: SecurityMode;
  /** The set the new listeners go on. */
  readonly set: 'a' | 'b';
  /** The first step to apply (a resumed switch re-applies the step it stopped in). */
  readonly firstStep: SwitchStepNumber;
}

/**
 * What a switch of `cluster` (as deployed, with its listener state) to `to` would do, or why it
 * cannot: pure, so the refusals are unit-tested.
 */
export function planSwitch(cluster: ResolvedCluster, to: string, clusterArg: string = cluster.name): SwitchPlan {
  const l = cluster.listeners;
  if (!(SWITCHABLE_MODES as readonly string[]).includes(to)) {
    throw new SwitchRefused(`'--to' (${JSON.stringify(to)}) cannot be switched to live: use one of ${SWITCHABLE_MODES.join(', ')} (other modes: npm run deploy -- --cluster ${clusterArg} --security ${to} recreates the cluster)`, 'usage');
  }
  if (cluster.mode === 'zookeeper') {
    throw new SwitchRefused(
      `cluster '${cluster.name}' runs in ZooKeeper mode: the live security switch is for KRaft clusters (ZooKeeper's own links would have to be secured too); npm run deploy -- --cluster ${clusterArg} --security ${to} recreates it in that mode`,
      'usage',
    );
  }
  if (l.switch) {
    if (cluster.security.mode !== to) {
      throw new SwitchRefused(
        `cluster '${cluster.name}' is in the middle of a switch from '${l.switch.from.mode}' to '${cluster.security.mode}' (step ${l.switch.step} of 3): finish it first with --to ${cluster.security.mode}`,
        'usage',
      );
    }
    const old = l.switch.from;
    return { from: old.mode, ...(old.sasl ? { fromMechanism: old.mechanism } : {}), to: cluster.security.mode, set: l.set, firstStep: l.switch.step };
  }
  if (cluster.security.mode === to) {
    throw new SwitchRefused(`cluster '${cluster.name}' already runs with security '${to}': nothing to switch`, 'usage');
  }
  if (!(SWITCHABLE_MODES as readonly string[]).includes(cluster.security.mode)) {
    throw new SwitchRefused(
      `cluster '${cluster.name}' runs with security '${cluster.security.mode}', which cannot be switched live: the live switch goes between ${SWITCHABLE_MODES.join(' and ')}; npm run deploy -- --cluster ${clusterArg} --security ${to} recreates it`,
      'usage',
    );
  }
  const s = cluster.security;
  return { from: s.mode, ...(s.sasl ? { fromMechanism: s.mechanism } : {}), to: to as SecurityMode, set: otherSet(l.set), firstStep: 1 };
}

/** The cluster at a step of the plan: its listeners as the state folder will say after that step. */
export function clusterAtStep(spec: ClusterSpec, plan: SwitchPlan, step: 0 | SwitchStepNumber): ResolvedCluster {
  const inMode = step === 0 ? specInMode(spec, plan.from, plan.fromMechanism) : specInMode(spec, plan.to);
  return resolveCluster(inMode, switchStateAt(step, plan));
}

/** Run the switch (or what is left of it). `spec` is the cluster's spec as declared; its mode is replaced. */
export async function switchSecurity(spec: ClusterSpec, cluster: ResolvedCluster, to: string, opts: SwitchOptions = {}): Promise<SwitchStepReport[]> {
  const arg = opts.clusterArg ?? cluster.name;
  const plan = planSwitch(cluster, to, arg);
  if (!hasState(cluster.name) || !(await clusterRunning(cluster))) {
    throw new SwitchRefused(
      hasState(cluster.name)
        ? `cluster '${cluster.name}' is deployed but not every node is running: a live switch rolls through live nodes; start them (npm run deploy -- --cluster ${arg}) and switch again`
        : `cluster '${cluster.name}' is not deployed: deploy it in the mode you want (npm run deploy -- --cluster ${arg} --security ${plan.to})`,
      hasState(cluster.name) ? 'failed' : 'usage',
    );
  }
  // Both sets' host ports are published while the old and new listeners run side by side.
  const widest = clusterAtStep(spec, plan, 1);
  const others = knownClusters().filter((c) => c.name !== cluster.name && hasState(c.name));
  const problems = [...portClaimProblems(widest, others), ...(await portProblems(widest))];
  if (problems.length > 0) throw new SwitchRefused(`the new listeners need host ports that are taken: ${problems.join('; ')}`, 'failed');

  const reports: SwitchStepReport[] = [];
  registerCluster(specInMode(spec, plan.to));
  for (const s of SWITCH_STEPS.filter((x) => x.step >= plan.firstStep)) {
    // The roll talks to the cluster the way clients can before the step: in its tools, through
    // the set every node binds at both ends of the step.
    const before = clusterAtStep(spec, plan, (s.step - 1) as 0 | 1 | 2);
    const view: ResolvedCluster = { ...before, listeners: { ...before.listeners, toolsBySet: true } };
    writeListenerState(cluster.name, switchStateAt(s.step, plan));
    const next = clusterAtStep(spec, plan, s.step);
    opts.onStep?.(`step ${s.step} of 3, ${s.name} (${plan.from} → ${plan.to}); the roll uses ${view.security.mode} clients`);
    await synthesize([cluster.name]);
    const roll = await rollPlannedChange(next, view, { validate: opts.validate ?? false, clusterArg: arg });
    await deployStack(next);
    if (s.step === 1) {
      // A plaintext cluster has no SCRAM credential: create them through the old listeners (the
      // anonymous principal is a super user while they exist) before anything logs in with SASL.
      await ensureScramUsers(next, 120_000, view);
    }
    const d = buildDescriptor(next);
    writeDescriptor(d, clientSecretPaths(next).passwordsProperties);
    await deployAccess(next, d);
    reports.push({ step: `step ${s.step} of 3, ${s.name}`, clientsUsed: view.security.mode, ...rollOutcomeOf(roll) });
  }
  return reports;
}
