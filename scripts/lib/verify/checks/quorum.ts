/**
 * Verify checks of the metadata quorum. ZooKeeper mode: one ensemble leader, an elected
 * controller. KRaft: a quorum leader with the declared voters (and, dedicated, the brokers as
 * observers), every voter caught up, the leader as the active controller.
 */
import { brokersOf, controllersOf, type ResolvedCluster } from '../../../../stacks/model/spec.ts';
import { describeController, inCluster, parseQuorumReplication, parseQuorumStatus, zookeeperModes, type QuorumStatus, type ReplicaState } from '../../kafka/index.ts';
import type { SingleCheck, VerifyContext } from '../check.ts';

/** The quorum's status from the context's reader, else from kafka-metadata-quorum.sh in a node. */
async function quorumStatus(ctx: VerifyContext): Promise<QuorumStatus> {
  if (ctx.quorum) return ctx.quorum.status();
  return parseQuorumStatus(await inCluster(ctx.cluster, ['kafka-metadata-quorum.sh', 'describe', '--status']));
}

/** Every voter's and observer's replication row, the same two ways. */
async function quorumReplication(ctx: VerifyContext): Promise<readonly ReplicaState[]> {
  if (ctx.quorum) return ctx.quorum.replication();
  return parseQuorumReplication(await inCluster(ctx.cluster, ['kafka-metadata-quorum.sh', 'describe', '--replication']));
}

const zookeeperMode = (cluster: ResolvedCluster): boolean => Boolean(cluster.zookeeper);
const kraftMode = (cluster: ResolvedCluster): boolean => !cluster.zookeeper;
const sortedIds = (ids: readonly number[]): number[] => [...ids].sort((a, b) => a - b);

/** A node as the report names it: `node 1 (kafka-1)`. */
export function nodeLabel(cluster: ResolvedCluster, id: number): string {
  const n = cluster.nodes.find((x) => x.id === id);
  return n ? `node ${id} (${n.hostname})` : `node ${id}`;
}

export const zookeeperLeader: SingleCheck = {
  id: 'zookeeper-leader',
  name: () => 'zookeeper ensemble has one leader',
  applies: zookeeperMode,
  async run({ cluster, waitFor }) {
    const servers = cluster.zookeeper!.servers;
    const modes = await waitFor(async () => {
      const m = await zookeeperModes(servers);
      const leaders = m.filter((x) => x.mode === 'leader' || x.mode === 'standalone');
      const followers = m.filter((x) => x.mode === 'follower');
      if (leaders.length !== 1 || followers.length !== servers.length - 1) {
        throw new Error(`modes ${m.map((x) => `${x.hostname}:${x.mode}`).join(', ')}`);
      }
      return m;
    }, 'one ZooKeeper leader and the rest followers');
    return modes.map((x) => `${x.hostname} ${x.mode}`).join(', ');
  },
};

export const zookeeperController: SingleCheck = {
  id: 'zookeeper-controller',
  after: ['zookeeper-leader'],
  name: () => 'active controller',
  applies: zookeeperMode,
  async run({ cluster, d, waitFor }) {
    const id = await waitFor(async () => {
      const c = await describeController(d);
      if (c < 0) throw new Error('no controller elected yet');
      return c;
    }, 'an elected controller');
    return `broker ${nodeLabel(cluster, id)} is the active controller (elected through ZooKeeper, chroot ${cluster.zookeeper!.chroot})`;
  },
};

/** Found quorum status is kept for the active controller check, even when the voters are wrong. */
export const quorumLeader: SingleCheck = {
  id: 'quorum-leader',
  name: () => 'quorum has a leader',
  applies: kraftMode,
  async run(ctx) {
    const { cluster, waitFor, found } = ctx;
    const status = await waitFor(async () => {
      const s = await quorumStatus(ctx);
      if (s.leaderId < 0) throw new Error('no quorum leader yet');
      return s;
    }, 'a KRaft quorum leader');
    found.quorum = status;
    const want = sortedIds(controllersOf(cluster).map((n) => n.id));
    const voters = sortedIds(status.voters);
    if (voters.join(',') !== want.join(',')) throw new Error(`voters [${voters.join(',')}], expected [${want.join(',')}]`);
    const observers = sortedIds(status.observers);
    if (cluster.mode === 'kraft-dedicated') {
      const wantObservers = sortedIds(brokersOf(cluster).map((n) => n.id));
      if (observers.join(',') !== wantObservers.join(',')) throw new Error(`observers [${observers.join(',')}], expected the brokers [${wantObservers.join(',')}]`);
    }
    return `leader ${status.leaderId}, epoch ${status.leaderEpoch}, voters [${voters.join(', ')}], observers [${observers.join(', ')}]`;
  },
};

export const votersCaughtUp: SingleCheck = {
  id: 'voters-caught-up',
  after: ['quorum-leader'],
  name: () => 'voters caught up',
  applies: kraftMode,
  async run(ctx) {
    const controllers = controllersOf(ctx.cluster);
    const rows = await ctx.waitFor(async () => {
      const r = await quorumReplication(ctx);
      const voters = r.filter((x) => x.status === 'Leader' || x.status === 'Follower');
      const lagging = voters.filter((x) => x.lag > 0);
      if (voters.length !== controllers.length) throw new Error(`${voters.length} voters reported, expected ${controllers.length}`);
      if (lagging.length > 0) throw new Error(`lagging voters: ${lagging.map((x) => `${x.nodeId} (lag ${x.lag})`).join(', ')}`);
      return r;
    }, 'every voter to catch up with the leader');
    return rows.map((x) => `${x.nodeId}:${x.status.toLowerCase()} lag ${x.lag}`).join(', ');
  },
};

export const kraftController: SingleCheck = {
  id: 'kraft-controller',
  after: ['voters-caught-up'],
  name: () => 'active controller',
  applies: kraftMode,
  async run({ cluster, found }) {
    if (!found.quorum) throw new Error('no quorum status (see the check above)');
    return `${nodeLabel(cluster, found.quorum.leaderId)} is the active controller (KRaft quorum leader)`;
  },
};
