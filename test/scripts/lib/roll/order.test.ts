import { describe, expect, it } from 'vitest';
import { resolveCluster } from '../../../../stacks/model/resolve.ts';
import { parseNodeList, rollOrder, selectNodes } from '../../../../scripts/lib/roll/order.ts';
import { NodeSelectionError } from '../../../../stacks/model/errors.ts';

const combined = resolveCluster({ name: 'roll-t' });
const dedicated = resolveCluster({ name: 'roll-t', mode: 'kraft-dedicated', controllers: 3, brokers: 3 });
const zk = resolveCluster({ name: 'roll-t', mode: 'zookeeper', zookeepers: 3, brokers: 3 });
const ids = (ns: readonly { id: number | string }[]) => ns.map((n) => n.id);

describe('rollOrder', () => {
  it('kraft-combined: every node is both, the active controller goes last', () => {
    expect(ids(rollOrder(combined, { quorumLeader: 2 }))).toEqual([1, 3, 2]);
    expect(rollOrder(combined, { quorumLeader: 2 }).map((n) => n.role)).toEqual(['combined', 'combined', 'combined']);
  });

  it('kraft-dedicated: controllers first with the quorum leader last, then the brokers', () => {
    const order = rollOrder(dedicated, { quorumLeader: 101 });
    expect(ids(order)).toEqual([102, 103, 101, 1, 2, 3]);
    expect(order.map((n) => n.role)).toEqual(['controller', 'controller', 'controller', 'broker', 'broker', 'broker']);
    expect(order[0]!.container).toBe('kafkalab-roll-t-controller-2');
  });

  it('zookeeper: ZooKeeper followers, the ZooKeeper leader, then the brokers with the active controller last', () => {
    const order = rollOrder(zk, { zookeeperLeader: 'zookeeper-1', activeController: 1 });
    expect(ids(order)).toEqual(['zookeeper-2', 'zookeeper-3', 'zookeeper-1', 2, 3, 1]);
    expect(order[2]).toEqual({ id: 'zookeeper-1', role: 'zookeeper', hostname: 'zookeeper-1', container: 'kafkalab-roll-t-zookeeper-1' });
  });

  it('keeps id order when no leader is known', () => {
    expect(ids(rollOrder(combined, {}))).toEqual([1, 2, 3]);
    expect(ids(rollOrder(resolveCluster({ name: 'roll-t', brokers: 5, brokerIds: [10, 9, 30, 4, 5] }), { quorumLeader: 9 }))).toEqual([4, 5, 10, 30, 9]);
  });
});

describe('selectNodes', () => {
  const order = rollOrder(zk, { zookeeperLeader: 'zookeeper-1', activeController: 1 });

  it('--nodes restricts, keeping the computed order; ids, hostnames and container names all name a node', () => {
    expect(ids(selectNodes(order, { nodes: ['1', '2'] }))).toEqual([2, 1]);
    expect(ids(selectNodes(order, { nodes: ['zookeeper-1', 'kafka-3'] }))).toEqual(['zookeeper-1', 3]);
    expect(ids(selectNodes(order, { nodes: ['kafkalab-roll-t-kafka-2'] }))).toEqual([2]);
  });

  it('--from resumes the order at that node', () => {
    expect(ids(selectNodes(order, { from: '3' }))).toEqual([3, 1]);
    expect(ids(selectNodes(order, { from: 'zookeeper-1' }))).toEqual(['zookeeper-1', 2, 3, 1]);
    expect(ids(selectNodes(order, { nodes: ['1', '2', '3'], from: '3' }))).toEqual([3, 1]);
  });

  it('refuses a node the cluster does not have, naming the ones it has', () => {
    expect(() => selectNodes(order, { nodes: ['7'] })).toThrow(NodeSelectionError);
    expect(() => selectNodes(order, { nodes: ['7'] })).toThrow("'--nodes' names '7', which is no node of this cluster: use ids among zookeeper-2, zookeeper-3, zookeeper-1, 2, 3, 1");
    expect(() => selectNodes(order, { nodes: ['1'], from: '2' })).toThrow("'--from' names '2', which is not among the nodes picked by '--nodes' (1)");
  });
});

describe('parseNodeList', () => {
  it('splits on commas and drops blanks', () => {
    expect(parseNodeList('1, 2,,zookeeper-1 ')).toEqual(['1', '2', 'zookeeper-1']);
    expect(parseNodeList(' , ')).toEqual([]);
  });
});
