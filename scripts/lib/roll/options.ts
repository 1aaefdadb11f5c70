import { CLUSTER_FLAG } from '../core/index.ts';
import { parseNodeList, type RollNode } from './order.ts';
import { UsageError } from '../../../stacks/model/errors.ts';

/** The flags of `npm run roll`. */
export const ROLL_FLAGS = {
  cluster: CLUSTER_FLAG,
  nodes: { type: 'string', description: 'restart only these nodes, comma-separated ids (e.g. 1,2; zookeeper-1 for a ZooKeeper server)' },
  from: { type: 'string', description: 'resume the computed order at this node (what a failed roll tells you)' },
  'dry-run': { type: 'boolean', description: 'print the order and the checks made around each node; touch nothing' },
  validate: {
    type: 'boolean',
    description: "prove no acknowledged record is lost: Kafka's verifiable producer (acks=all, idempotent) and consumer run through the roll",
  },
  json: { type: 'boolean', description: 'print the report as JSON (acked, consumed, lost, maxStallMs, nodes[].restartMs, ...)' },
  force: {
    type: 'boolean',
    description: 'roll an unhealthy cluster (a node down, under-replicated partitions), and accept partitions that cannot stay writable',
  },
  'no-elect-leaders': { type: 'boolean', description: 'skip the preferred leader election after each broker is back' },
  'timeout-seconds': { type: 'string', description: 'deadline of each wait: safe to stop, back after start (default 300)' },
  'stop-timeout-seconds': { type: 'string', description: 'grace for a controlled shutdown before Docker kills the node (default 120)' },
} as const;

export interface RollOptions {
  /** `--nodes`: restart only these (ids, hostnames or container names), in the computed order. @default - every node of the cluster */
  readonly nodes?: readonly string[];
  /** `--from`: resume the (restricted) order at this node. @default - the start of the order */
  readonly from?: string;
  readonly dryRun: boolean;
  readonly validate: boolean;
  readonly json: boolean;
  readonly force: boolean;
  readonly electLeaders: boolean;
  /** Deadline of each wait (safe to stop, back after start). */
  readonly timeoutMs: number;
  /** `docker stop -t`. */
  readonly stopGraceSeconds: number;
}

/** What `rollCluster` takes: the flags' options and what callers other than `npm run roll` set. */
export interface RollClusterOptions extends RollOptions {
  /** The `--cluster` value as typed, for the commands the report suggests. @default - the suggested commands name no --cluster */
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

type RollFlagValues = { [K in keyof typeof ROLL_FLAGS]?: (typeof ROLL_FLAGS)[K]['type'] extends 'boolean' ? boolean : string };

function seconds(flag: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new UsageError(`'--${flag}' (${value}) must be a whole number of seconds from ${min} to ${max}`);
  }
  return n;
}

/** Flags to options: defaults filled, numbers checked (a UsageError names the flag, the value and the range). */
export function rollOptionsFrom(flags: RollFlagValues): RollOptions {
  const nodes = flags.nodes !== undefined ? parseNodeList(flags.nodes) : undefined;
  if (nodes && nodes.length === 0) throw new UsageError(`'--nodes' (${JSON.stringify(flags.nodes)}) names no node: give ids, comma-separated, e.g. --nodes 1,2`);
  if (flags.from !== undefined && flags.from.trim() === '') throw new UsageError("'--from' is empty: give the id of the node to resume at");
  return {
    ...(nodes ? { nodes } : {}),
    ...(flags.from !== undefined ? { from: flags.from.trim() } : {}),
    dryRun: flags['dry-run'] ?? false,
    validate: flags.validate ?? false,
    json: flags.json ?? false,
    force: flags.force ?? false,
    electLeaders: !(flags['no-elect-leaders'] ?? false),
    timeoutMs: seconds('timeout-seconds', flags['timeout-seconds'], 300, 5, 3600) * 1000,
    stopGraceSeconds: seconds('stop-timeout-seconds', flags['stop-timeout-seconds'], 120, 5, 3600),
  };
}
