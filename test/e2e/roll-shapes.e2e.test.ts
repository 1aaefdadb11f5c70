import { describe, expect, it } from 'vitest';
import type { ClusterSpec } from '../../stacks/model/spec.ts';
import { E2E_CLUSTERS } from './clusters.ts';
import { cleanClusters, specFile } from './helpers.ts';
import { deploy, down, ROLL_TIMEOUT_MS, validatedRoll } from './roll-helpers.ts';

/**
 * Validated rolling restarts of the other two shapes, plaintext for speed: KRaft with dedicated
 * controllers, and ZooKeeper (roll.e2e.test.ts rolls the combined sasl_ssl cluster).
 */

const names = [E2E_CLUSTERS.rollDedicated.name, E2E_CLUSTERS.rollZookeeper.name];

cleanClusters(names);

describe('kraft-dedicated, 3 controllers + 3 brokers: validated roll', () => {
  const spec: ClusterSpec = { name: E2E_CLUSTERS.rollDedicated.name, mode: 'kraft-dedicated', controllers: 3, brokers: 3, basePort: E2E_CLUSTERS.rollDedicated.basePort, security: { mode: 'plaintext' } };
  const file = specFile(spec);

  it('deploys', async () => {
    await deploy(file);
  });

  it('rolls the controllers (quorum leader last) then the brokers, losing nothing', async () => {
    await validatedRoll(file, (order) => {
      expect(order.slice(0, 3).map(Number).sort()).toEqual([101, 102, 103]);
      expect(order.slice(3).map(Number).sort()).toEqual([1, 2, 3]);
    });
  }, ROLL_TIMEOUT_MS);

  it('destroys, leaving nothing', async () => {
    await down(file, 'roll-e2e-dedicated');
  });
});

describe('zookeeper, 1 ZooKeeper server + 3 brokers on 3.9.1: validated roll', () => {
  const spec: ClusterSpec = { name: E2E_CLUSTERS.rollZookeeper.name, mode: 'zookeeper', zookeepers: 1, brokers: 3, kafkaVersion: '3.9.1', basePort: E2E_CLUSTERS.rollZookeeper.basePort, security: { mode: 'plaintext' } };
  const file = specFile(spec);

  it('deploys', async () => {
    await deploy(file);
  });

  it('rolls ZooKeeper (with a warning: it is alone) then the brokers, losing nothing', async () => {
    const report = await validatedRoll(file, (order) => {
      expect(order[0]).toBe('zookeeper-1');
      expect(order.slice(1).map(Number).sort()).toEqual([1, 2, 3]);
    });
    expect(report.warnings.join('\n')).toContain('zookeeper-1 is the only ZooKeeper server');
  }, ROLL_TIMEOUT_MS);

  it('destroys, leaving nothing', async () => {
    await down(file, 'roll-e2e-zk');
  });
});
