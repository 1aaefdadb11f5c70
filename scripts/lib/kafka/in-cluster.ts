/**
 * Kafka's CLI tools run inside a running broker's container, as the admin through the internal
 * listener, with the JVM settings of a tool that runs for seconds.
 */
import { adminClientPathOf } from '../../../stacks/render/admin-client.ts';
import { internalAddressOf } from '../../../stacks/render/listeners.ts';
import { brokersOf, type ResolvedCluster } from '../../../stacks/model/spec.ts';
import { containerState, dockerExec } from '../core/index.ts';

/**
 * JVM settings for a tool that runs for seconds, inside a node whose environment sizes the JVM for
 * the server: a small heap, the C1 compiler only, the serial collector. Measured on 2 busy cores:
 * kafka-metadata-quorum starts in 3 to 4 s instead of 5 to 7 s, and takes less CPU from the node.
 */
export const SHORT_TOOL_ENV: Readonly<Record<string, string>> = {
  KAFKA_HEAP_OPTS: '-Xmx128m',
  KAFKA_JVM_PERFORMANCE_OPTS: '-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto -Djava.awt.headless=true',
};

export interface InClusterOptions {
  /** Containers to try last (e.g. the node being restarted, which may not serve yet). @default [] */
  readonly avoid?: readonly string[];
  /** Deadline of each attempt. @default 60000 */
  readonly timeoutMs?: number;
  /** Extra environment of the tool (e.g. SHORT_TOOL_ENV). @default {} */
  readonly env?: Readonly<Record<string, string>>;
}

/**
 * Run a Kafka CLI tool inside a running broker's container, through its internal listener, as the
 * admin (`--bootstrap-server <host>:9092 --command-config <admin client config>` go right after
 * the tool's name). Tries the next running broker when one fails; throws with the last failure.
 */
export async function inCluster(cluster: ResolvedCluster, args: readonly string[], opts: InClusterOptions = {}): Promise<string> {
  const avoid = new Set(opts.avoid ?? []);
  const brokers = brokersOf(cluster);
  const ordered = [...brokers.filter((b) => !avoid.has(b.containerName)), ...brokers.filter((b) => avoid.has(b.containerName))];
  let last = `no broker container of cluster '${cluster.name}' is running`;
  for (const node of ordered) {
    const st = await containerState(node.containerName);
    if (!st?.running) continue;
    const out = await dockerExec(
      node.containerName,
      [args[0]!, '--bootstrap-server', internalAddressOf(cluster, node), '--command-config', adminClientPathOf(cluster), ...args.slice(1)],
      { timeoutMs: opts.timeoutMs ?? 60_000, ...(opts.env ? { env: opts.env } : {}) },
    );
    if (out.exitCode === 0) return out.stdout;
    last = `${args[0]} ${args.slice(1).join(' ')} in ${node.containerName} failed: ${out.stderr.trim().split('\n').slice(-1)[0] ?? ''}`;
  }
  throw new Error(last);
}
