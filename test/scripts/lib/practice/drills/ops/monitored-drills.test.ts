import { describe, expect, it } from 'vitest';
import { resolveCluster } from '../../../../../../stacks/model/resolve.ts';
import { SHOP_GROUPS, lagOf, offsetsFact, parseOffsetsFact, showLag, stalledConsumerGroup } from '../../../../../../scripts/lib/practice/drills/ops/stalled-consumer-group.ts';
import { leftoverThrottle, showConfigs, throttledTopics } from '../../../../../../scripts/lib/practice/drills/ops/leftover-throttle.ts';
import { DUMP, bytesByTopic, diskFillingNode, fullestNode, isDeletedLogDir } from '../../../../../../scripts/lib/practice/drills/ops/disk-filling-node.ts';

const monitored = resolveCluster({ name: 'mon', basePort: 45092, monitoring: true });

describe('stalled-consumer-group', () => {
  it('keeps five groups on two topics, the stalled one chosen among them', () => {
    expect(SHOP_GROUPS.map((g) => `${g.group}@${g.topic}`)).toEqual([
      'shop-billing@shop-orders',
      'shop-shipping@shop-orders',
      'shop-audit@shop-orders',
      'shop-fraud-check@shop-payments',
      'shop-ledger@shop-payments',
    ]);
  });

  it('keeps a group\'s offsets in the facts and reads them back', () => {
    const fact = offsetsFact('shop-billing', 'shop-orders', [120, 120, 119]);
    expect(fact).toBe('shop-billing@shop-orders=120,120,119');
    expect(parseOffsetsFact(fact)).toEqual({ group: 'shop-billing', topic: 'shop-orders', offsets: [120, 120, 119] });
    expect(parseOffsetsFact('g@t=-1,-1')).toEqual({ group: 'g', topic: 't', offsets: [-1, -1] });
    expect(() => parseOffsetsFact('nonsense')).toThrow("'nonsense' is not group@topic=offsets");
  });

  it('computes the lag per partition: nothing committed lags by the whole end, never below 0', () => {
    expect(lagOf([120, 120, 120], new Map([[0, 40], [1, 120], [2, -1]]))).toEqual([80, 0, 120]);
    expect(lagOf([10], new Map([[0, 12]]))).toEqual([0]);
    expect(showLag([80, 0, 120])).toBe('200 (p0 80, p1 0, p2 120)');
  });

  it('names the dashboards of the cluster in the task', () => {
    expect(stalledConsumerGroup.task({}, monitored)).toContain('the consumer-lag dashboard (http://127.0.0.1:45110/user/index.html)');
    expect(stalledConsumerGroup.needs).toEqual({ minBrokers: 1, mode: 'any', security: 'any', monitoring: true });
  });
});

describe('leftover-throttle', () => {
  it('lists the topics that still throttle replicas, and nothing else', () => {
    expect(
      throttledTopics({
        'ops-catchup': { 'leader.replication.throttled.replicas': '*', 'follower.replication.throttled.replicas': '*', 'retention.ms': '1000' },
        other: { 'retention.ms': '1000' },
        emptied: { 'leader.replication.throttled.replicas': '' },
      }),
    ).toEqual(['ops-catchup: leader.replication.throttled.replicas=*, follower.replication.throttled.replicas=*']);
    expect(throttledTopics({})).toEqual([]);
  });

  it('shows configs as key=value pairs', () => {
    expect(showConfigs({ 'leader.replication.throttled.rate': '500', 'follower.replication.throttled.rate': '500' })).toBe('leader.replication.throttled.rate=500, follower.replication.throttled.rate=500');
    expect(showConfigs({})).toBe('none');
  });

  it('needs monitoring and three brokers, and clears the throttle before the nodes are healed', () => {
    expect(leftoverThrottle.needs).toEqual({ minBrokers: 3, mode: 'any', security: 'any', monitoring: true });
    expect(typeof leftoverThrottle.beforeHeal).toBe('function');
  });
});

describe('disk-filling-node', () => {
  const logDirs = [
    'Querying brokers for log directories information',
    'Received log directory information from brokers 3',
    JSON.stringify({
      version: 1,
      brokers: [
        {
          broker: 3,
          logDirs: [
            {
              logDir: '/var/lib/kafka/data',
              error: null,
              partitions: [
                { partition: 'debug-dump-0', size: 30_000_000, offsetLag: 0, isFuture: false },
                { partition: 'debug-dump-1', size: 27_000_000, offsetLag: 0, isFuture: false },
                { partition: '__consumer_offsets-13', size: 90_000_000, offsetLag: 0, isFuture: false },
                { partition: 'ops-disk-orders-2', size: 4_000, offsetLag: 0, isFuture: false },
                { partition: 'a-b-10', size: 5, offsetLag: 0, isFuture: false },
              ],
            },
          ],
        },
      ],
    }),
  ].join('\n');

  it('adds up the partitions per topic, biggest first, and never offers an internal topic', () => {
    expect(bytesByTopic(logDirs)).toEqual([
      { topic: DUMP, bytes: 57_000_000 },
      { topic: 'ops-disk-orders', bytes: 4_000 },
      { topic: 'a-b', bytes: 5 },
    ]);
    expect(() => bytesByTopic('Error while executing')).toThrow("kafka-log-dirs.sh printed no JSON: 'Error while executing'");
  });

  it('picks the node the alert names, else the one over 80%, else none', () => {
    const ratios = [
      { node: 'kafka-1', ratio: 0.71 },
      { node: 'kafka-2', ratio: 0.71 },
      { node: 'kafka-3', ratio: 0.5 },
    ];
    expect(fullestNode(['kafka-3'], ratios)).toBe('kafka-3');
    expect(fullestNode([], ratios)).toBeUndefined();
    expect(fullestNode([], [...ratios.slice(0, 2), { node: 'kafka-3', ratio: 0.85 }])).toBe('kafka-3');
  });

  it('leaves out the folders of a topic being deleted when it builds the small disk', () => {
    expect(isDeletedLogDir('ops-catchup-0.0123456789abcdef0123456789abcdef-delete')).toBe(true);
    expect(isDeletedLogDir('ops-catchup-0.0123456789abcdef0123456789abcdef-stray')).toBe(false);
    expect(isDeletedLogDir('ops-catchup-0')).toBe(false);
    expect(isDeletedLogDir('meta.properties')).toBe(false);
  });

  it('needs monitoring and three brokers', () => {
    expect(diskFillingNode.needs).toEqual({ minBrokers: 3, mode: 'any', security: 'any', monitoring: true });
  });
});
