import type { ResolvedCluster } from '../../../stacks/model/spec.ts';
import type { ConnectionDescriptor } from '../cluster/index.ts';
import { startProgress, systemClock, waitFor, type Clock, type Progress } from '../core/index.ts';

import { electPreferredLeaders, openAdminSession, type AdminSession } from '../kafka/index.ts';
import type { ClusterState } from './cluster-state.ts';
import { lastExit, startNode, stopNode, type ContainerExit } from './node-container.ts';
import type { RollClusterOptions } from './options.ts';
import { readClusterState, type StateParts } from './read-state.ts';
import { discardValidation, startValidation, stopValidation, type Validation, type ValidationResult } from './validation.ts';

/** Poll a probe until it returns a value, or throw after the deadline with the last reason seen (core's `waitFor`). */
export type Wait = typeof waitFor;

/** The outcome of one preferred leader election. */
export interface Election {
  readonly elected: readonly string[];
  /** `partition: reason` for each partition that could not be elected. */
  readonly failed: readonly string[];
}

/** Kafka's verifiable producer and consumer, run through the roll with `--validate`. */
export interface ValidationClients {
  start(opts: { readonly progress: Progress; readonly throughput: number }): Promise<Validation>;
  stop(v: Validation, opts: { readonly progress: Progress }): Promise<ValidationResult>;
  /** Remove the clients without accounting (an interrupt, an error). */
  discard(v: Validation): Promise<void>;
}

/** Where interrupts (Ctrl-C) come from, and where the roll tells the person at the terminal about one. */
export interface InterruptSource {
  /** Call `handler` on each interrupt until the returned function is called. */
  subscribe(handler: () => void): () => void;
  say(text: string): void;
}

/**
 * Everything a roll does to the world, as parameters: the unit tests pass fakes, `openRollDeps`
 * wires the real ones (an admin session, Docker, the system clock, progress lines on stderr).
 */
export interface RollDeps {
  /** How often a wait looks again: a look through the admin session is a request, without it JVM starts. */
  readonly pollMs: number;
  /** The parts of the cluster's state asked for; `avoid` is the container to ask last (the node restarting). Never throws. */
  readonly readState: (parts: StateParts, avoid?: string) => Promise<ClusterState>;
  /** A controlled shutdown (`docker stop -t graceSeconds`); throws when the container still runs. */
  readonly stopNode: (container: string, graceSeconds: number) => Promise<void>;
  /** `docker start` of the same container; throws when it fails. */
  readonly startNode: (container: string) => Promise<void>;
  readonly lastExit: (container: string) => Promise<ContainerExit | undefined>;
  /** A preferred leader election on every partition, `avoid` (the node just back) asked last. */
  readonly electLeaders: (avoid: string) => Promise<Election>;
  readonly validation: ValidationClients;
  readonly clock: Clock;
  readonly waitFor: Wait;
  /** A progress line with this title. */
  readonly progress: (title: string) => Progress;
  readonly interrupts: InterruptSource;
}

const silent: Progress = { update() {}, done() {}, fail() {} };

const sigint: InterruptSource = {
  subscribe(handler) {
    process.on('SIGINT', handler);
    return () => void process.off('SIGINT', handler);
  },
  say(text) {
    process.stderr.write(text);
  },
};

/** The real dependencies of a roll, around one admin session (or none: then kafkajs and Kafka's CLI tools, slower). */
export function rollDepsFor(cluster: ResolvedCluster, d: ConnectionDescriptor, o: RollClusterOptions, admin: AdminSession | undefined): RollDeps {
  const showProgress = o.progress ?? true;
  return {
    // A look through the admin session costs a request on an open connection; without it, JVM starts.
    pollMs: admin ? 500 : 2000,
    readState: (parts, avoid) => readClusterState(cluster, d, parts, { ...(avoid ? { avoid } : {}), admin }),
    stopNode,
    startNode,
    lastExit,
    electLeaders: (avoid) => electPreferredLeaders(cluster, avoid, admin),
    validation: {
      start: (opts) => startValidation(cluster, d, opts),
      stop: (v, opts) => stopValidation(v, opts),
      discard: (v) => discardValidation(v),
    },
    clock: systemClock,
    waitFor,
    progress: (title) => (showProgress ? startProgress(title) : silent),
    interrupts: sigint,
  };
}

/** An opened roll's dependencies, the warnings of opening them, and what closes them. */
export interface OpenedRollDeps {
  readonly deps: RollDeps;
  readonly warnings: string[];
  close(): Promise<void>;
}

/**
 * Open the admin session a roll reads and elects through (not for a dry run), and wire the real
 * dependencies around it. Without a session the roll still works, slower, and says so in a warning.
 */
export async function openRollDeps(cluster: ResolvedCluster, d: ConnectionDescriptor, o: RollClusterOptions): Promise<OpenedRollDeps> {
  const warnings: string[] = [];
  let admin: AdminSession | undefined;
  if (!o.dryRun) {
    try {
      admin = await openAdminSession(cluster);
    } catch (error) {
      warnings.push(`no admin session (${(error as Error).message.split('\n')[0]}): the roll reads the cluster through kafkajs and Kafka's CLI tools instead, which is slower`);
    }
  }
  return { deps: rollDepsFor(cluster, d, o, admin), warnings, close: async () => void (await admin?.close()) };
}
