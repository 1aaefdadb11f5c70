/**
 * A drill: a hands-on exercise on a real cluster. Setup builds the scenario, the learner fixes
 * or builds something with any tool, check grades the cluster's real state, reset heals it.
 */
import type { ResolvedCluster } from '../../../../../stacks/model/spec.ts';
import type { ConnectionDescriptor } from '../../../cluster/index.ts';

export const TRACKS = ['ops', 'dev', 'chaos'] as const;
export type Track = (typeof TRACKS)[number];

/** Exam domains, per track (the operator domains serve the chaos track too). */
export const DOMAINS: Readonly<Record<Track, readonly string[]>> = {
  ops: [
    'operations-and-maintenance',
    'security',
    'monitoring-and-troubleshooting',
    'replication-and-durability',
    'kraft-and-zookeeper',
    'scaling-and-capacity',
  ],
  dev: ['producers', 'consumers', 'transactions-and-semantics', 'topics-and-partitions', 'schemas-and-serialization', 'streams-and-connect', 'testing-and-monitoring'],
  chaos: [
    'operations-and-maintenance',
    'monitoring-and-troubleshooting',
    'replication-and-durability',
    'kraft-and-zookeeper',
  ],
};

export const DIFFICULTIES = ['easy', 'medium', 'hard'] as const;
export type Difficulty = (typeof DIFFICULTIES)[number];

/** The cluster shape a drill needs. */
export interface DrillNeeds {
  /** @default 1 */
  readonly minBrokers: number;
  /** Metadata modes the drill works in. 'kraft' is kraft-combined or kraft-dedicated. */
  readonly mode: 'any' | 'kraft';
  /** 'sasl': SCRAM users and an authorizer (sasl_ssl or sasl_plaintext). */
  readonly security: 'any' | 'sasl';
  /**
   * Prometheus, the exporters and the dashboards (`"monitoring": true` in the spec, or
   * `npm run up -- --monitoring`): drills diagnosed from the metrics and alerts.
   * @default false
   */
  readonly monitoring?: boolean;
  /**
   * Kafka Connect workers and their REST API (`"connect": true` in the spec, or
   * `npm run up -- --connect`): drills on connectors, their tasks and transforms.
   * @default false
   */
  readonly connect?: boolean;
  /**
   * A Schema Registry and its Confluent-compatible API (`"schemaRegistry": true` in the spec, or
   * `npm run up -- --schema-registry`): drills on subjects, compatibility levels and the wire format.
   * @default false
   */
  readonly schemaRegistry?: boolean;
  /**
   * Nodes placed on lab hosts: `hosts` in the spec from `npm run lab-hosts -- up`, one host's
   * failure survivable (no host holding a majority of the controllers, min.insync.replicas brokers
   * off each host): drills that cut a whole host off the network (docs/lab-hosts.md).
   * @default false
   */
  readonly labHosts?: boolean;
}

/** One graded point: what was looked for, whether it holds, what the grader saw. */
export interface Criterion {
  readonly name: string;
  readonly ok: boolean;
  readonly saw: string;
}

/** Facts a setup hands to check and solution (persisted with the start, in the practice log). */
export type Facts = Readonly<Record<string, string | number | boolean | readonly string[] | readonly number[]>>;

export interface ToolOptions {
  /** Standard input of the tool. @default - none */
  readonly input?: string;
  /** @default 120000 */
  readonly timeoutMs?: number;
  /** Files written (path → text) into the same container before the tool runs, e.g. a plan. @default - none */
  readonly files?: Readonly<Record<string, string>>;
}

export interface ToolResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly container: string;
}

/** What every drill part gets: the cluster, how to reach it, and a voice. */
export interface DrillContext {
  readonly cluster: ResolvedCluster;
  readonly d: ConnectionDescriptor;
  /** Facts setup returned (empty in setup itself). */
  readonly facts: Facts;
  /** The learner's folder for files a drill asks for (`.kafkalab/practice`). */
  readonly practiceDir: string;
  /**
   * Run a Kafka CLI tool in a healthy broker container as the admin, through the internal
   * listener (`--bootstrap-server kafka-N:9092 --command-config <admin client>` are added).
   * Throws with the tool's last error line on a non-zero exit.
   */
  tool(tool: string, args: readonly string[], opts?: ToolOptions): Promise<ToolResult>;
  /** Run a command in a container (no bootstrap added); never throws. */
  exec(container: string, args: readonly string[], opts?: { readonly input?: string; readonly timeoutMs?: number }): Promise<{ exitCode: number; stdout: string; stderr: string }>;
  /** The descriptor, bootstrapping only through brokers whose containers are up right now. */
  live(): Promise<ConnectionDescriptor>;
  /** Narrate a step (solutions print what they do; setup and reset stay quieter). */
  say(line: string): void;
}

export interface DrillSolution {
  /** What the reference solution does, printed by `solution ID --print` (commands with placeholders). */
  readonly steps: readonly string[];
  /** Runs it, narrating each concrete action with ctx.say. Ends when the effect is visible. */
  run(ctx: DrillContext): Promise<void>;
}

export interface Drill {
  /** kebab-case, unique. */
  readonly id: string;
  readonly title: string;
  readonly track: Track;
  readonly domain: string;
  readonly difficulty: Difficulty;
  /** Time budget in minutes. */
  readonly minutes: number;
  readonly needs: DrillNeeds;
  /** The preset `start` uses without --cluster. @default 'kraft-3' */
  readonly preset?: string;
  /** The statement, for a person. May use facts (e.g. a target time) from setup. */
  task(facts: Facts, cluster: ResolvedCluster): string;
  /** Builds the scenario; returns the facts check and solution need. */
  setup(ctx: DrillContext): Promise<Facts>;
  /** Grades the real cluster state. Never throws for a failed criterion: it reports it. */
  check(ctx: DrillContext): Promise<Criterion[]>;
  /** Revealed one at a time. */
  readonly hints: readonly string[];
  readonly solution: DrillSolution;
  /** The Kafka concept behind the drill, shown after a pass or with the solution. */
  readonly explain: string;
  /**
   * Undoes a disruption that healing the containers cannot (e.g. a full disk under a node), ending
   * when the cluster is whole again. Runs before the nodes are healed on reset, and before reset
   * when a new start undoes an open attempt. Must be safe to run twice and after a partial setup.
   */
  beforeHeal?(ctx: DrillContext): Promise<void>;
  /** Removes what the drill created. The runner heals the nodes first (start, unpause, reconnect), so reset finds a whole cluster. */
  reset(ctx: DrillContext): Promise<void>;
}

export const criterion = (name: string, ok: boolean, saw: string): Criterion => ({ name, ok, saw });
