import { brokersOf, controllersOf, type ResolvedCluster } from '../../../stacks/model/spec.ts';
import type { ConnectionDescriptor } from '../cluster/index.ts';
import { openAdminSession, type AdminSession } from '../kafka/index.ts';
import { startProgress, waitFor, type Progress } from '../core/index.ts';
import { aloneWarning, checksFor } from './checks.ts';
import type { ClusterState } from './cluster-state.ts';
import { electPreferredLeaders } from '../kafka/index.ts';
import { lastExit, startNode, stopNode } from './node-restart.ts';
import type { RollOptions } from './options.ts';
import { nodeLabel, rollOrder, selectNodes, type Leadership, type RollNode } from './order.ts';
import { backProblems, healthProblems, type HealthExpectation } from './readiness.ts';
import { readClusterState, type StateParts } from './read-state.ts';
import type { NodeReport, RollReport } from './report.ts';
import { stopProblems } from './stop-safety.ts';
import { discardValidation, startValidation, stopValidation, type Validation, type ValidationResult } from './validation.ts';
import { longestStallWithin } from './verifiable-events.ts';
import { VALIDATE_TOPIC } from '../kafka/index.ts';
import { NodeSelectionError, UsageError } from '../../../stacks/model/errors.ts';

export interface RollClusterOptions extends RollOptions {
  /** The `--cluster` value as typed, for the commands the report suggests. */
  readonly clusterArg?: string;
  /** Validation producer rate. @default 100 */
  readonly recordsPerSecond?: number;
  /** Show progress lines on stderr. @default true */
  readonly progress?: boolean;
  /**
   * What brings a stopped node back. A rolling deploy replaces the stopped container with its
   * new definition here (a targeted Terraform apply). @default - docker start of the same container
   */
  readonly startNode?: (node: RollNode) => Promise<void>;
}

/** What one restart's phase is: decides what an interrupt must undo. */
type Phase = 'safe-wait' | 'stopping' | 'stopped' | 'starting' | 'back-wait' | 'electing';

class Interrupted extends Error {}

/** The command that repeats this roll with `extra` (e.g. `--from 3`): same cluster, same --nodes, same --validate. */
const rollCmd = (o: RollClusterOptions, extra: string): string =>
  `npm run roll -- ${o.clusterArg ? `--cluster ${o.clusterArg} ` : ''}${o.nodes ? `--nodes ${o.nodes.join(',')} ` : ''}${extra}${o.validate ? ' --validate' : ''}`.replace(/\s+/g, ' ').trimEnd();

const partsFor = (node: RollNode): StateParts => ({
  kafka: node.role === 'broker' || node.role === 'combined',
  quorum: node.role === 'controller' || node.role === 'combined',
  zookeeper: node.role === 'zookeeper',
});

/**
 * The checks of a node, cheapest first: a combined node is looked at as a broker (kafkajs, no JVM)
 * and only then as a controller (a JVM tool in a container), so polling costs little while the
 * broker part is not ready, and the starting node does not compete with a JVM per poll.
 */
const stagesOf = (node: RollNode): RollNode[] =>
  node.role === 'combined' ? [{ ...node, role: 'broker' }, { ...node, role: 'controller' }] : [node];

function healthExpectation(cluster: ResolvedCluster): HealthExpectation {
  return {
    containers: [...(cluster.zookeeper?.servers ?? []).map((z) => z.containerName), ...cluster.nodes.map((n) => n.containerName)],
    brokers: brokersOf(cluster).map((b) => b.id),
    ...(cluster.mode !== 'zookeeper' ? { voters: controllersOf(cluster).map((c) => c.id) } : {}),
    ...(cluster.zookeeper ? { zookeepers: cluster.zookeeper.servers.map((z) => z.hostname) } : {}),
  };
}

function leadershipOf(state: ClusterState): Leadership {
  const leader = state.quorum?.leaderId;
  const zk = state.zookeeper?.find((m) => m.mode === 'leader')?.hostname;
  return {
    ...(leader !== undefined && leader >= 0 ? { quorumLeader: leader } : {}),
    ...(zk ? { zookeeperLeader: zk } : {}),
    ...(state.activeController !== undefined && state.activeController >= 0 ? { activeController: state.activeController } : {}),
  };
}

const base = (n: RollNode): Pick<NodeReport, 'id' | 'role' | 'hostname' | 'container'> => ({
  id: n.id,
  role: n.role,
  hostname: n.hostname,
  container: n.container,
});

const silent: Progress = { update() {}, done() {}, fail() {} };

/**
 * Restart a cluster's nodes one at a time without losing an acknowledged record: health check,
 * order (leaders last), then per node: wait until stopping it is safe, controlled shutdown
 * (`docker stop`), `docker start`, wait until it is back, preferred leader election. Stops at the
 * first node that does not come back and leaves the rest untouched; a SIGINT starts the current
 * node again before returning. With `validate`, Kafka's verifiable producer and consumer run
 * through the roll and the report counts acked, consumed and lost records.
 *
 * Other operations (config changes, certificate rotation) can wrap this: change what the nodes
 * read, then roll them. Never throws for a cluster problem: the report says what went wrong.
 * Throws UsageError for `--nodes` / `--from` values that name no node.
 */
export async function rollCluster(cluster: ResolvedCluster, d: ConnectionDescriptor, o: RollClusterOptions): Promise<RollReport> {
  const started = Date.now();
  const warnings: string[] = [];
  // One Admin client for the whole roll (metadata and quorum reads, elections): requests instead of JVM starts.
  let admin: AdminSession | undefined;
  if (!o.dryRun) {
    try {
      admin = await openAdminSession(cluster);
    } catch (error) {
      warnings.push(`no admin session (${(error as Error).message.split('\n')[0]}): the roll reads the cluster through kafkajs and Kafka's CLI tools instead, which is slower`);
    }
  }
  try {
    return await rollWith(cluster, d, o, { started, warnings, admin });
  } finally {
    await admin?.close();
  }
}

async function rollWith(
  cluster: ResolvedCluster,
  d: ConnectionDescriptor,
  o: RollClusterOptions,
  { started, warnings, admin }: { started: number; warnings: string[]; admin: AdminSession | undefined },
): Promise<RollReport> {
  // A look through the admin session costs a request on an open connection; without it, JVM starts.
  const pollMs = admin ? 500 : 2000;
  const showProgress = o.progress ?? true;
  const progress = (title: string): Progress => (showProgress ? startProgress(title) : silent);
  const defaultMinIsr = cluster.replication.minInsyncReplicas;
  const report = ({ ok, ...fields }: Partial<RollReport> & Pick<RollReport, 'ok' | 'order' | 'nodes'>): RollReport => ({
    ok,
    cluster: cluster.name,
    mode: cluster.mode,
    kafkaVersion: cluster.kafkaVersion,
    dryRun: o.dryRun,
    totalMs: Date.now() - started,
    acked: null,
    consumed: null,
    lost: null,
    maxStallMs: null,
    warnings,
    ...fields,
  });

  // 1. The cluster must be healthy before anything is stopped.
  const check = progress(`roll of '${cluster.name}': checking the cluster`);
  const want = healthExpectation(cluster);
  const allParts: StateParts = { kafka: true, quorum: cluster.mode !== 'zookeeper', zookeeper: Boolean(cluster.zookeeper), controller: cluster.mode === 'zookeeper' };
  let state = await readClusterState(cluster, d, allParts, { admin });
  let problems = healthProblems(want, state);
  const nodeDown = want.containers.some((c) => state.running[c] !== true);
  if (problems.length > 0 && !nodeDown && !o.force && !o.dryRun) {
    // A quorum follower a few records behind, a just-created partition: give it a moment.
    try {
      state = await waitFor(
        async () => {
          const s = await readClusterState(cluster, d, allParts, { admin });
          const p = healthProblems(want, s);
          if (p.length > 0) throw new Error(p.join('; '));
          return s;
        },
        { what: 'a healthy cluster', timeoutMs: Math.min(o.timeoutMs, 30_000), intervalMs: pollMs, progress: check },
      );
      problems = [];
    } catch {
      state = await readClusterState(cluster, d, allParts, { admin });
      problems = healthProblems(want, state);
    }
  }
  const leaders = leadershipOf(state);
  let order: RollNode[];
  try {
    order = selectNodes(rollOrder(cluster, leaders), o);
  } catch (error) {
    check.fail('bad node selection');
    if (error instanceof NodeSelectionError) throw new UsageError(error.message);
    throw error;
  }
  const orderIds = order.map((n) => n.id);
  const verifyCmd = `npm run verify -- ${o.clusterArg ? `--cluster ${o.clusterArg}` : ''}`.trimEnd();
  if (problems.length > 0) {
    const reason = `cluster '${cluster.name}' is not healthy: ${problems.join('; ')}`;
    if (o.dryRun) warnings.push(`${reason} (a roll would refuse without --force)`);
    else if (!o.force) {
      check.fail('not healthy');
      return report({
        ok: false,
        order: orderIds,
        nodes: order.map((n) => ({ ...base(n), outcome: 'pending', restartMs: null })),
        refusal: { reason: `refusing to roll: ${reason}`, hint: `bring the cluster back (${verifyCmd} shows what is wrong), or pass --force to roll it anyway` },
      });
    } else warnings.push(`${reason}; rolling anyway (--force)`);
  }
  check.done(`${problems.length === 0 ? 'healthy' : 'not healthy'}; order ${orderIds.join(', ')}`);
  for (const n of order) {
    const w = aloneWarning(cluster, n);
    if (w && !warnings.includes(w)) warnings.push(w);
  }
  if (order.some((n) => n.role === 'combined' || n.role === 'broker') && leaders.quorumLeader === undefined && cluster.mode !== 'zookeeper') {
    warnings.push('the quorum leader is unknown: the active controller may not go last');
  }

  // 2. Dry run: the plan and its checks.
  if (o.dryRun) {
    return report({
      ok: true,
      order: orderIds,
      nodes: order.map((n) => ({ ...base(n), outcome: 'planned', restartMs: null, checks: checksFor(cluster, n, o) })),
    });
  }

  // 3. The roll itself, with SIGINT restoring the node in flight.
  const results: NodeReport[] = [];
  const windows = new Map<RollNode['id'], { from: number; to: number }>();
  let validation: Validation | undefined;
  let current: { node: RollNode; phase: Phase } | undefined;
  let interrupted = false;
  let onInterrupt: (r: RollReport) => void = () => {};
  const interruptedReport = new Promise<RollReport>((resolve) => {
    onInterrupt = resolve;
  });
  const guard = (): void => {
    if (interrupted) throw new Interrupted();
  };

  const restore = async (): Promise<string> => {
    if (!current) return 'no node was stopped';
    const { node, phase } = current;
    if (phase === 'stopping' || phase === 'stopped' || phase === 'starting') {
      // A stop in flight finishes first (docker stop waits for it), then the node starts again.
      await stopNode(node.container, o.stopGraceSeconds).catch(() => undefined);
      await startNode(node.container);
      return `${nodeLabel(node)} was ${phase === 'starting' ? 'starting' : 'stopped'}: started it again`;
    }
    return `${nodeLabel(node)} was not stopped (${phase})`;
  };

  const onSigint = (): void => {
    if (interrupted) return;
    interrupted = true;
    process.stderr.write('\ninterrupted: putting the node in flight back before exiting…\n');
    void (async () => {
      let what: string;
      try {
        what = await restore();
      } catch (error) {
        what = `could not start ${current?.node.container} again: ${(error as Error).message}; start it with docker start ${current?.node.container}`;
      }
      if (validation) await discardValidation(validation).catch(() => undefined);
      const doneIds = new Set(results.map((r) => r.id));
      const at = current?.node;
      onInterrupt(
        report({
          ok: false,
          order: orderIds,
          nodes: [
            ...results,
            ...order
              .filter((n) => !doneIds.has(n.id))
              .map((n): NodeReport => (n === at ? { ...base(n), outcome: 'interrupted', restartMs: null, detail: what } : { ...base(n), outcome: 'pending', restartMs: null })),
          ],
          refusal: {
            ...(at ? { node: at.id } : {}),
            reason: `roll interrupted (SIGINT): ${what}`,
            hint: at ? `resume with ${rollCmd(o, `--from ${at.id}`)}` : `run ${rollCmd(o, '')} again`,
          },
        }),
      );
    })();
  };
  process.on('SIGINT', onSigint);

  const run = async (): Promise<RollReport> => {
    if (o.validate) {
      const p = progress(`validation: Kafka's verifiable producer and consumer on '${VALIDATE_TOPIC}'`);
      try {
        validation = await startValidation(cluster, d, { progress: p, throughput: o.recordsPerSecond ?? 100 });
        p.done('producing (acks=all, idempotent) and consuming');
      } catch (error) {
        p.fail('could not start');
        return report({
          ok: false,
          order: orderIds,
          nodes: order.map((n) => ({ ...base(n), outcome: 'pending', restartMs: null })),
          refusal: { reason: `the validation clients did not start: ${(error as Error).message}`, hint: `check ${verifyCmd}, or roll without --validate` },
        });
      }
    }
    guard();
    let failure: RollReport['refusal'] | undefined;
    for (const [i, node] of order.entries()) {
      guard();
      const outcome = await restartOne(node);
      results.push(outcome.report);
      if (outcome.report.outcome !== 'restarted') {
        const rest = order.slice(i + 1);
        const remaining = [node, ...rest].map((n) => n.id).join(',');
        const what =
          outcome.report.outcome === 'refused'
            ? 'was never safe to stop, so it was not stopped'
            : `${outcome.report.stopMs === undefined ? 'could not be stopped' : 'did not come back'} (it is started; see the line above for what was seen)`;
        failure = {
          node: node.id,
          reason: `roll stopped at ${nodeLabel(node)}: it ${what}${rest.length > 0 ? `; left untouched: ${rest.map((n) => n.id).join(', ')}` : ''}`,
          hint:
            outcome.report.outcome === 'refused'
              ? `${outcome.hint ?? 'wait until the cluster is healthy again'}, then ${rollCmd(o, `--from ${node.id}`)}`
              : `look at docker logs ${node.container}; once it is back, resume with ${rollCmd(o, `--from ${node.id}`)} (or exactly the nodes not yet rolled: --nodes ${remaining})`,
        };
        for (const n of rest) results.push({ ...base(n), outcome: 'pending', restartMs: null });
        break;
      }
    }
    guard();
    let v: ValidationResult | undefined;
    if (validation) {
      const p = progress('validation: stopping the producer, draining the consumer');
      v = await stopValidation(validation, { progress: p });
      validation = undefined;
      p[v.lost === 0 && v.problems.length === 0 ? 'done' : 'fail'](`${v.acked} acked, ${v.consumed} consumed, ${v.lost} lost`);
    }
    const nodes = results.map((r) => {
      const w = windows.get(r.id);
      return v && w ? { ...r, maxStallMs: longestStallWithin(v.ackTimes, w.from, w.to) } : r;
    });
    const stallNode = v
      ? [...windows.entries()].find(([, w]) => v!.maxStall.to >= w.from && v!.maxStall.from <= w.to)?.[0] ?? null
      : null;
    const validationOk = !v || (v.lost === 0 && v.acked > 0 && v.problems.length === 0);
    return report({
      ok: !failure && validationOk,
      order: orderIds,
      nodes,
      ...(v
        ? {
            acked: v.acked,
            consumed: v.consumed,
            lost: v.lost,
            maxStallMs: v.maxStall.ms,
            validation: {
              topic: VALIDATE_TOPIC,
              recordsPerSecond: o.recordsPerSecond ?? 100,
              duplicates: v.duplicates,
              sendErrors: v.sendErrors,
              lostSample: v.lostSample,
              maxStallAt: v.maxStall.ms > 0 ? new Date(v.maxStall.from).toISOString() : null,
              maxStallNode: stallNode,
              problems: v.problems,
            },
          }
        : {}),
      ...(failure
        ? { refusal: failure }
        : !validationOk
          ? { refusal: { reason: `validation failed: ${v!.lost} acknowledged record(s) lost${v!.problems.length > 0 ? `; ${v!.problems.join('; ')}` : ''}`, hint: 'see the validation lines above; docker logs of the nodes show what each did' } }
          : {}),
    });
  };

  /** One node: safe → stop → start → back → elect. Never throws for a cluster problem. */
  const restartOne = async (node: RollNode): Promise<{ report: NodeReport; hint?: string }> => {
    const p = progress(nodeLabel(node));
    const t0 = Date.now();
    current = { node, phase: 'safe-wait' };
    const alone = aloneWarning(cluster, node);
    const forcedOnce = new Set<string>();

    // Safe to stop?
    if (!alone) {
      p.update('waiting until it is safe to stop');
      try {
        const verdict = await waitFor(
          async () => {
            for (const stage of stagesOf(node)) {
              const s = await readClusterState(cluster, d, partsFor(stage), { admin });
              const ps = stopProblems(stage, s, defaultMinIsr);
              const permanent = ps.filter((x) => x.permanent);
              if (permanent.length > 0 && !o.force) return { refuse: permanent.map((x) => x.reason).join('; ') };
              for (const x of permanent) {
                if (!forcedOnce.has(x.reason)) {
                  forcedOnce.add(x.reason);
                  warnings.push(`${nodeLabel(node)}: ${x.reason} (accepted: --force)`);
                }
              }
              const transient = ps.filter((x) => !x.permanent);
              if (transient.length > 0) throw new Error(transient.map((x) => x.reason).join('; '));
            }
            return { refuse: undefined };
          },
          { what: `${nodeLabel(node)} to be safe to stop`, timeoutMs: o.timeoutMs, intervalMs: pollMs, progress: p },
        );
        if (verdict.refuse) {
          p.fail('refused');
          current = undefined;
          return { report: { ...base(node), outcome: 'refused', restartMs: null, detail: verdict.refuse }, hint: 'fix the partitions named above (or pass --force to accept it)' };
        }
      } catch (error) {
        p.fail('never safe');
        current = undefined;
        return {
          report: { ...base(node), outcome: 'refused', restartMs: null, detail: (error as Error).message },
          hint: `wait until the cluster is healthy (${verifyCmd})`,
        };
      }
    }
    const safeWaitMs = Date.now() - t0;
    guard();

    // Controlled shutdown, then start the same container.
    const stopAt = Date.now();
    current = { node, phase: 'stopping' };
    p.update(`controlled shutdown (docker stop -t ${o.stopGraceSeconds})`);
    try {
      await stopNode(node.container, o.stopGraceSeconds);
    } catch (error) {
      guard();
      // Still running: nothing was lost, but the roll cannot go on with this node.
      p.fail('did not stop');
      current = undefined;
      return { report: { ...base(node), outcome: 'failed', restartMs: null, detail: (error as Error).message } };
    }
    guard();
    current = { node, phase: 'stopped' };
    const stopMs = Date.now() - stopAt;
    const exit = await lastExit(node.container);
    if (exit?.exitCode === 137) {
      warnings.push(`${nodeLabel(node)} did not finish its controlled shutdown within ${o.stopGraceSeconds}s and was killed (exit 137): raise --stop-timeout-seconds`);
    }
    guard();
    current = { node, phase: 'starting' };
    p.update(o.startNode ? 'replacing the container' : 'docker start');
    const startAt = Date.now();
    try {
      await (o.startNode ? o.startNode(node) : startNode(node.container));
    } catch (error) {
      guard();
      p.fail('did not start');
      current = undefined;
      return { report: { ...base(node), outcome: 'failed', restartMs: null, stopMs, detail: `${(error as Error).message}; it is stopped: docker start ${node.container}` } };
    }
    current = { node, phase: 'back-wait' };

    // Back?
    p.update('waiting until it is back');
    try {
      await waitFor(
        async () => {
          for (const stage of stagesOf(node)) {
            const s = await readClusterState(cluster, d, partsFor(stage), { avoid: node.container, admin });
            const ps = backProblems(stage, s, startAt);
            if (ps.length > 0) throw new Error(ps.join('; '));
          }
          return true;
        },
        { what: `${nodeLabel(node)} to be back`, timeoutMs: o.timeoutMs, intervalMs: pollMs, progress: p },
      );
    } catch (error) {
      guard();
      p.fail('not back');
      windows.set(node.id, { from: stopAt, to: Date.now() });
      current = undefined;
      return {
        report: { ...base(node), outcome: 'failed', restartMs: null, safeWaitMs, stopMs, ...(exit ? { exitCode: exit.exitCode } : {}), detail: `not back: ${(error as Error).message}` },
      };
    }
    const backAt = Date.now();
    windows.set(node.id, { from: stopAt, to: backAt });
    guard();

    // Leaders back where they belong.
    let electionMs: number | undefined;
    let leadersElected: number | undefined;
    const isBroker = node.role === 'broker' || node.role === 'combined';
    if (o.electLeaders && isBroker && brokersOf(cluster).length > 1) {
      current = { node, phase: 'electing' };
      p.update('preferred leader election');
      const e0 = Date.now();
      let failed: readonly string[] = [];
      leadersElected = 0;
      for (let attempt = 0; attempt < 3; attempt++) {
        const r = await electPreferredLeaders(cluster, node.container, admin);
        leadersElected += r.elected.length;
        failed = r.failed;
        if (failed.length === 0) break;
        await new Promise((res) => setTimeout(res, 3000));
      }
      electionMs = Date.now() - e0;
      if (failed.length > 0) warnings.push(`${nodeLabel(node)}: preferred leader election left ${failed.length} partition(s) on another leader, e.g. ${failed[0]}`);
    }
    current = undefined;
    const restartMs = backAt - stopAt;
    p.done(`back; away ${(restartMs / 1000).toFixed(1)}s`);
    return {
      report: {
        ...base(node),
        outcome: 'restarted',
        restartMs,
        safeWaitMs,
        stopMs,
        backMs: backAt - startAt,
        ...(electionMs !== undefined ? { electionMs, leadersElected } : {}),
        ...(exit ? { exitCode: exit.exitCode } : {}),
      },
    };
  };

  try {
    return await Promise.race([
      run().catch(async (error: unknown) => {
        if (error instanceof Interrupted) return interruptedReport;
        // Never leave a node stopped on an unexpected error.
        if (!interrupted) await restore().catch(() => undefined);
        if (validation) await discardValidation(validation).catch(() => undefined);
        throw error;
      }),
      interruptedReport,
    ]);
  } finally {
    process.off('SIGINT', onSigint);
  }
}
