/**
 * Certificate and CA rotation on a running cluster, every change applied through a rolling deploy
 * (one node at a time, with the roll's safety checks):
 *   --certs  new node (and mTLS client) certificates from the same CA, then one roll;
 *   --ca     the three-step CA rotation with a roll after each step:
 *            1. trust the old and the new CA   (truststore = both; certificates unchanged)
 *            2. sign with the new CA           (every certificate re-signed; truststore still both)
 *            3. drop the old CA                (truststore = the new CA only)
 * Clients that use the exported files (the truststore, and under mTLS their certificate) keep
 * working throughout: they trust both CAs until every node presents a new-CA certificate.
 * An interrupted CA rotation resumes at the step it was in (the PKI folder says which).
 */
import { existsSync } from 'node:fs';
import { dropOldCa, promoteNewCa, rotateNodeCertificates, stageNewCa } from '../../../security/pki.ts';
import { layoutOf } from '../../../security/pki-store.ts';
import type { ClusterSpec, ResolvedCluster } from '../../../stacks/model/spec.ts';
import { pkiDirOf, pkiOptionsFor } from '../cluster/index.ts';
import { clusterRunning, deployCluster } from '../lifecycle/index.ts';
import { hasState } from '../engine/index.ts';
import { rollOutcomeOf, type RollOutcome } from '../roll/index.ts';
import { OperationRefused } from '../../../stacks/model/errors.ts';

export type CaPhase = 'none' | 'staged' | 'promoted';

export interface CaStep {
  readonly step: 1 | 2 | 3;
  readonly name: 'trust old and new CA' | 'sign with the new CA' | 'drop the old CA';
}

export const CA_STEPS: readonly CaStep[] = [
  { step: 1, name: 'trust old and new CA' },
  { step: 2, name: 'sign with the new CA' },
  { step: 3, name: 'drop the old CA' },
];

/** Where a CA rotation stands, from the PKI folder: none, staged (after step 1) or promoted (after step 2). */
export function caPhaseOf(pkiDir: string): CaPhase {
  const layout = layoutOf(pkiDir);
  if (existsSync(layout.caPrevious.cert)) return 'promoted';
  if (existsSync(layout.caNext.cert)) return 'staged';
  return 'none';
}

/**
 * The steps still to run for a phase. A phase after step N may not have been rolled yet (an
 * interrupted run), so the step that got there is applied again first: its file change is a
 * no-op, and its deploy rolls what is still on the old files.
 */
export function remainingCaSteps(phase: CaPhase): CaStep[] {
  const from = phase === 'promoted' ? 2 : 1;
  return CA_STEPS.filter((s) => s.step >= from);
}

export interface RotationStepReport extends RollOutcome {
  readonly step: string;
  /** What changed in the PKI folder (empty: nothing, e.g. a resumed step). */
  readonly changes: readonly string[];
}

export interface RotationOptions {
  /** Prove each roll lost no record (Kafka's verifiable clients). @default false */
  readonly validate?: boolean;
  /** The `--cluster` value as typed, for the commands messages suggest. @default - the cluster's name */
  readonly clusterArg?: string;
  /** Called after each step's files changed, before its roll (messages). @default - no messages */
  readonly onStep?: (text: string) => void;
}

/** A rotation that cannot run: `usage` for a cluster without certificates, `failed` for one not whole. */
export class RotationRefused extends OperationRefused {}

/** Rotations need TLS; and a rotation of a cluster that is deployed but not running would be applied by no roll. */
async function preflight(cluster: ResolvedCluster, what: string): Promise<boolean> {
  if (!cluster.security.tls) {
    throw new RotationRefused(`cluster '${cluster.name}' uses security '${cluster.security.mode}', which has no certificates: nothing to rotate with ${what}`, 'usage');
  }
  if (!hasState(cluster.name)) return false;
  if (!(await clusterRunning(cluster))) {
    throw new RotationRefused(
      `cluster '${cluster.name}' is deployed but not every node is running: a rotation must roll through live nodes; start them (npm run deploy -- --cluster ${cluster.name}) and rotate again`,
      'failed',
    );
  }
  return true;
}

async function apply(spec: ClusterSpec, cluster: ResolvedCluster, step: string, changes: readonly string[], live: boolean, opts: RotationOptions): Promise<RotationStepReport> {
  opts.onStep?.(`${step}: ${changes.length > 0 ? changes.join('; ') : 'files already in place'}${live ? ', rolling the nodes that use them' : ''}`);
  if (!live) return { step, changes, rolled: [] };
  const { roll } = await deployCluster(spec, cluster, { validate: opts.validate ?? false, ...(opts.clusterArg ? { clusterArg: opts.clusterArg } : {}) });
  return { step, changes, ...rollOutcomeOf(roll) };
}

/** New node (and mTLS client) certificates from the same CA; a running cluster is rolled onto them. */
export async function rotateCertificates(spec: ClusterSpec, cluster: ResolvedCluster, opts: RotationOptions = {}): Promise<RotationStepReport[]> {
  const live = await preflight(cluster, '--certs');
  const pki = await rotateNodeCertificates(pkiOptionsFor(cluster));
  return [await apply(spec, cluster, 'new certificates from the same CA', pki.changes, live, opts)];
}

/** The three-step CA rotation, a roll after each step; resumes an interrupted one. */
export async function rotateCa(spec: ClusterSpec, cluster: ResolvedCluster, opts: RotationOptions = {}): Promise<RotationStepReport[]> {
  const live = await preflight(cluster, '--ca');
  const options = pkiOptionsFor(cluster);
  const out: RotationStepReport[] = [];
  for (const s of remainingCaSteps(caPhaseOf(pkiDirOf(cluster.name)))) {
    const pki = s.step === 1 ? await stageNewCa(options) : s.step === 2 ? await promoteNewCa(options) : await dropOldCa(options);
    out.push(await apply(spec, cluster, `step ${s.step} of 3, ${s.name}`, pki.changes, live, opts));
  }
  return out;
}
