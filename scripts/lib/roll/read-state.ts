import { bootstrapServers } from '../../../stacks/model/resolve.ts';
import { brokersOf, type ResolvedCluster } from '../../../stacks/model/spec.ts';
import type { ConnectionDescriptor } from '../cluster/index.ts';
import { containerState } from '../core/index.ts';
import { type AdminSession, describeBrokers, describeController, describePartitions, describeTopicConfig, inCluster, parseQuorumReplication, quorumFromReplication, SHORT_TOOL_ENV, zookeeperModes } from '../kafka/index.ts';
import type { ClusterState } from './cluster-state.ts';

/** Which parts of the state to read: each costs time (the quorum one starts a JVM, unless an admin session answers). */
export interface StateParts {
  readonly kafka?: boolean;
  readonly quorum?: boolean;
  readonly zookeeper?: boolean;
  /** ZooKeeper mode: ask which broker is the active controller. */
  readonly controller?: boolean;
}

export interface ReadStateOptions {
  /** Container to ask last (the node being restarted). @default - every running broker in the spec's order */
  readonly avoid?: string;
  /** A live admin session answers every part but ZooKeeper's, one request each (instead of kafkajs connections and a JVM start). @default - kafkajs and the CLI tool in a node */
  readonly admin?: AdminSession;
}

const firstLine = (e: unknown): string => (e instanceof Error ? e.message : String(e)).split('\n')[0]!;

/**
 * Read the parts of a cluster's state the roll needs. Never throws: a part that cannot be read is
 * left out and its error listed, so the predicates say what is missing.
 */
export async function readClusterState(
  cluster: ResolvedCluster,
  d: ConnectionDescriptor,
  parts: StateParts,
  opts: ReadStateOptions = {},
): Promise<ClusterState> {
  const errors: string[] = [];
  const names = [...(cluster.zookeeper?.servers ?? []).map((z) => z.containerName), ...cluster.nodes.map((n) => n.containerName)];
  const states = await Promise.all(names.map((n) => containerState(n)));
  const running = Object.fromEntries(names.map((n, i) => [n, states[i]?.running ?? false]));

  // Bootstrap through the running brokers' host addresses, the restarting one last.
  const all = bootstrapServers(cluster);
  const brokerNodes = brokersOf(cluster);
  const up = brokerNodes.flatMap((b, i) => (running[b.containerName] ? [{ c: b.containerName, a: all[i]! }] : []));
  const bootstrap = [...up.filter((x) => x.c !== opts.avoid), ...up.filter((x) => x.c === opts.avoid)].map((x) => x.a);
  const client = { bootstrap: bootstrap.length > 0 ? bootstrap : all, retries: 1 };

  const state: { -readonly [K in keyof ClusterState]: ClusterState[K] } = { running, errors };
  const session = opts.admin?.alive() ? opts.admin : undefined;
  const readKafka = async (): Promise<void> => {
    if (!parts.kafka && !parts.controller) return;
    if (session) {
      // One request on the session's open connection: metadata, controller and min.insync.replicas.
      try {
        const c = await session.cluster();
        if (parts.kafka) {
          state.brokers = [...c.brokers];
          state.partitions = c.partitions;
          state.minIsr = Object.fromEntries(Object.entries(c.minIsr).map(([t, v]) => [t, Number(v)]));
        }
        if (parts.controller) state.activeController = c.controller;
      } catch (error) {
        errors.push(`cluster metadata: ${firstLine(error)}`);
      }
      return;
    }
    if (parts.kafka) {
      try {
        state.brokers = (await describeBrokers(d, client)).map((b) => b.nodeId);
        const partitions = await describePartitions(d, undefined, client);
        state.partitions = partitions;
        const topics = [...new Set(partitions.map((p) => p.topic))];
        const raw = await describeTopicConfig(d, topics, 'min.insync.replicas', client);
        state.minIsr = Object.fromEntries(Object.entries(raw).map(([t, v]) => [t, Number(v)]));
      } catch (error) {
        errors.push(`cluster metadata: ${firstLine(error)}`);
      }
    }
    if (parts.controller) {
      try {
        state.activeController = await describeController(d, client);
      } catch (error) {
        errors.push(`active controller: ${firstLine(error)}`);
      }
    }
  };
  const readQuorum = async (): Promise<void> => {
    if (!parts.quorum || cluster.mode === 'zookeeper') return;
    try {
      if (session) state.quorum = await session.quorum();
      else {
        const avoid = opts.avoid ? [opts.avoid] : [];
        // One JVM per look: --replication alone names the leader and the voters.
        const rows = parseQuorumReplication(await inCluster(cluster, ['kafka-metadata-quorum.sh', 'describe', '--replication'], { avoid, timeoutMs: 45_000, env: SHORT_TOOL_ENV }));
        state.quorum = quorumFromReplication(rows);
      }
    } catch (error) {
      errors.push(`metadata quorum: ${firstLine(error)}`);
    }
  };
  await Promise.all([readKafka(), readQuorum()]);
  if (parts.zookeeper && cluster.zookeeper) {
    state.zookeeper = await zookeeperModes(cluster.zookeeper.servers);
  }
  return state;
}
