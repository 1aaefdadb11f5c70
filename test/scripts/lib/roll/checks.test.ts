import { describe, expect, it } from 'vitest';
import { resolveCluster } from '../../../../stacks/model/resolve.ts';
import { aloneWarning, checksFor } from '../../../../scripts/lib/roll/checks.ts';
import { rollOrder } from '../../../../scripts/lib/roll/order.ts';

const opts = { electLeaders: true, stopGraceSeconds: 120, timeoutMs: 300_000 };

describe('aloneWarning', () => {
  it('warns that a one-node cluster is unavailable while it restarts', () => {
    const one = resolveCluster({ name: 'roll-t', brokers: 1 });
    expect(aloneWarning(one, rollOrder(one, {})[0]!)).toBe('node 1 is the whole cluster: the cluster is unavailable while it restarts');
  });

  it('warns for a lone controller or ZooKeeper server, not for a node with peers', () => {
    const ded = resolveCluster({ name: 'roll-t', mode: 'kraft-dedicated', controllers: 1, brokers: 3 });
    const [controller, broker] = rollOrder(ded, {});
    expect(aloneWarning(ded, controller!)).toMatch(/^controller 101 is the only controller/);
    expect(aloneWarning(ded, broker!)).toBeUndefined();
    const zk = resolveCluster({ name: 'roll-t', mode: 'zookeeper', zookeepers: 1, brokers: 3 });
    expect(aloneWarning(zk, rollOrder(zk, {})[0]!)).toMatch(/^zookeeper-1 is the only ZooKeeper server/);
  });
});

describe('checksFor', () => {
  it('a combined node: quorum and ISR safety before, controlled stop and start, back and elected after', () => {
    const c = resolveCluster({ name: 'roll-t' });
    const plan = checksFor(c, rollOrder(c, {})[0]!, opts);
    expect(plan.before).toHaveLength(2);
    expect(plan.before[0]).toMatch(/^wait until a majority of the voters other than 1 is caught up/);
    expect(plan.before[1]).toMatch(/^wait until no partition whose ISR holds broker 1 has an ISR of min.insync.replicas or fewer/);
    expect(plan.restart).toEqual([
      'docker stop -t 120 kafkalab-roll-t-kafka-1 (SIGTERM: controlled shutdown)',
      'docker start kafkalab-roll-t-kafka-1 (same container and volume)',
    ]);
    expect(plan.after.at(-1)).toBe('preferred leader election on all partitions (kafka-leader-election --election-type PREFERRED)');
  });

  it('no leader election when asked not to, and none for a ZooKeeper server', () => {
    const c = resolveCluster({ name: 'roll-t', mode: 'zookeeper', zookeepers: 3, brokers: 3 });
    const [z] = rollOrder(c, {});
    expect(checksFor(c, z!, opts).after).toEqual(['zookeeper-1 answers srvr as leader or follower, the ensemble has one leader (up to 300s)']);
    const b = rollOrder(c, {}).find((n) => n.role === 'broker')!;
    expect(checksFor(c, b, { ...opts, electLeaders: false }).after.join(' ')).not.toContain('election');
  });
});
