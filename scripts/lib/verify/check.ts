/**
 * The vocabulary of verify: a check's outcome (one line of the report, one entry of
 * `verify --json`'s checks) and a verify check itself, a small named object that says for which
 * cluster shapes it applies and how it tests a running cluster.
 */
import type { ResolvedCluster } from '../../../stacks/model/spec.ts';
import type { ConnectionDescriptor } from '../cluster/index.ts';
import type { Progress } from '../core/index.ts';
import type { QuorumReader, QuorumStatus } from '../kafka/index.ts';

/** The outcome of one check. */
export interface Check {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
}

export interface VerifyReport {
  readonly ok: boolean;
  readonly cluster: string;
  /** The security mode that was checked. */
  readonly securityMode: string;
  readonly checks: readonly Check[];
  /** Not failures, but what needs doing soon (e.g. a certificate that expires within 30 days). */
  readonly warnings?: readonly string[];
}

/** What verify is given: the cluster, how to reach it, its deadline and its voice. */
export interface VerifyEnv {
  readonly cluster: ResolvedCluster;
  readonly d: ConnectionDescriptor;
  /** Deadline of each check that waits. */
  readonly timeoutMs: number;
  /** Where the check under way is shown. @default - nothing shown */
  readonly progress?: Progress;
  /** Every check in full; false keeps what proves the cluster serves (up's verify). @default true */
  readonly deep?: boolean;
  /** Where the KRaft checks read the quorum. @default - kafka-metadata-quorum.sh in a node, a JVM per read */
  readonly quorum?: Pick<QuorumReader, 'status' | 'replication'>;
}

/** Facts an earlier check found for a later one. */
export interface VerifyFindings {
  /** The KRaft quorum as `quorum has a leader` saw it (the active controller is its leader). */
  quorum?: QuorumStatus;
}

/** What every check runs with. */
export interface VerifyContext extends VerifyEnv {
  /** Retry `probe` until it returns, to the deadline; `what` names what is awaited. */
  waitFor<T>(probe: () => Promise<T>, what: string): Promise<T>;
  /** Note what needs doing soon (a warning of the report, not a failure). */
  warn(text: string): void;
  readonly found: VerifyFindings;
}

interface CheckBase {
  /** Stable kebab-case id, for `requires` and tests. */
  readonly id: string;
  /** The name of the check's line (for a group: of the line that reports it could not run). */
  name(cluster: ResolvedCluster): string;
  /** Whether the check runs for a cluster of this shape. */
  applies(cluster: ResolvedCluster): boolean;
  /** Ids of earlier checks that must have passed, else this one is skipped. @default - none */
  readonly requires?: readonly string[];
  /** A failure ends the verify: no later check runs (and every later check waits for it). @default false */
  readonly stopsOnFailure?: boolean;
  /** Every later check waits until this one has finished. @default false */
  readonly barrier?: boolean;
  /** Ids of earlier checks that must have finished (passed or not) before this one starts. @default - none */
  readonly after?: readonly string[];
}

/** A check with one line: `run` returns its detail, or throws with the reason it failed. */
export interface SingleCheck extends CheckBase {
  run(ctx: VerifyContext): Promise<string>;
}

/** A check with several lines (one per thing it tests); a throw is one failed line under `name`. */
export interface CheckGroup extends CheckBase {
  /** What the progress line shows while the group runs. */
  readonly progressLabel: string;
  runAll(ctx: VerifyContext): Promise<readonly Check[]>;
}

export type VerifyCheck = SingleCheck | CheckGroup;

export const isGroup = (c: VerifyCheck): c is CheckGroup => 'runAll' in c;

/** The message of what was thrown. */
export const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));
