import { describe, expect, it } from 'vitest';
import { resolveCluster } from '../../../../../stacks/model/resolve.ts';
import type { VerifyContext } from '../../../../../scripts/lib/verify/check.ts';
import { kraftController, nodeLabel, quorumLeader, zookeeperLeader } from '../../../../../scripts/lib/verify/checks/quorum.ts';

describe('quorum checks', () => {
  const kraft = resolveCluster({ name: 'verify-t', mode: 'kraft-dedicated', controllers: 3, brokers: 3 });
  const zk = resolveCluster({ name: 'verify-t', mode: 'zookeeper', kafkaVersion: '3.9.1' });

  it('apply by metadata mode', () => {
    expect([quorumLeader.applies(kraft), zookeeperLeader.applies(kraft)]).toEqual([true, false]);
    expect([quorumLeader.applies(zk), zookeeperLeader.applies(zk)]).toEqual([false, true]);
  });

  it('names a node by id and hostname', () => {
    expect(nodeLabel(kraft, 101)).toBe('node 101 (controller-1)');
    expect(nodeLabel(kraft, 99)).toBe('node 99');
  });

  it('the KRaft active controller is the leader the quorum check found, or a failure pointing at it', async () => {
    const ctx = (found: VerifyContext['found']): VerifyContext => ({ cluster: kraft, found }) as unknown as VerifyContext;
    await expect(kraftController.run(ctx({}))).rejects.toThrow('no quorum status (see the check above)');
    const quorum = { leaderId: 102, leaderEpoch: 4, voters: [101, 102, 103], observers: [1, 2, 3] } as unknown as NonNullable<VerifyContext['found']['quorum']>;
    await expect(kraftController.run(ctx({ quorum }))).resolves.toBe('node 102 (controller-2) is the active controller (KRaft quorum leader)');
  });
});
