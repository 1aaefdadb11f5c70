/**
 * The cluster as its metadata shows it (Kafka's DescribeCluster and Metadata APIs): the brokers,
 * the controller they name, and the state of every partition.
 */
import type { ConnectionDescriptor } from '../cluster/index.ts';
import { withAdmin, type ClientOptions } from './connection.ts';

export interface BrokerInfo {
  readonly nodeId: number;
  readonly host: string;
  readonly port: number;
}

/** The brokers the cluster's metadata lists: registered and (under KRaft) unfenced. */
export async function describeBrokers(d: ConnectionDescriptor, opts: ClientOptions = {}): Promise<BrokerInfo[]> {
  return withAdmin(d, async (admin) => {
    const c = await admin.describeCluster();
    return c.brokers.map((b) => ({ nodeId: b.nodeId, host: b.host, port: b.port })).sort((a, b) => a.nodeId - b.nodeId);
  }, opts);
}

/**
 * The controller id brokers report. In ZooKeeper mode it is the active controller; in KRaft a
 * broker reports a random live broker here, so use the quorum leader instead.
 */
export async function describeController(d: ConnectionDescriptor, opts: ClientOptions = {}): Promise<number> {
  return withAdmin(d, async (admin) => (await admin.describeCluster()).controller ?? -1, opts);
}

export interface PartitionState {
  readonly topic: string;
  readonly partition: number;
  readonly leader: number;
  readonly replicas: readonly number[];
  readonly isr: readonly number[];
}

/** Partition state of the given topics (all topics when omitted). */
export async function describePartitions(d: ConnectionDescriptor, topics?: readonly string[], opts: ClientOptions = {}): Promise<PartitionState[]> {
  return withAdmin(d, async (admin) => {
    const names = topics ? [...topics] : await admin.listTopics();
    if (names.length === 0) return [];
    const meta = await admin.fetchTopicMetadata({ topics: names });
    return meta.topics.flatMap((t) =>
      t.partitions.map((p) => ({
        topic: t.name,
        partition: p.partitionId,
        leader: p.leader,
        replicas: p.replicas,
        isr: p.isr,
      })),
    );
  }, opts);
}
