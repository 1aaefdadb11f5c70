import { describe, expect, it } from 'vitest';
import { changesIn, nodesOf, replacementsIn } from '../../../../scripts/lib/lifecycle/rolling-deploy.ts';
import { resolveCluster } from '../../../../stacks/model/resolve.ts';

const change = (address: string, type: string, actions: string[], name?: string) => ({ address, type, change: { actions, before: name ? { name } : null } });

describe('replacementsIn', () => {
  it('lists the containers a plan deletes and creates again, nothing else', () => {
    const plan = {
      resource_changes: [
        change('docker_container.kafka_node-1_container_A', 'docker_container', ['delete', 'create'], 'kafkalab-c-kafka-1'),
        change('docker_container.kafka_node-2_container_B', 'docker_container', ['create', 'delete'], 'kafkalab-c-kafka-2'),
        change('docker_container.kafka_node-3_container_C', 'docker_container', ['no-op'], 'kafkalab-c-kafka-3'),
        change('docker_container.new', 'docker_container', ['create']),
        change('docker_volume.v', 'docker_volume', ['delete', 'create'], 'kafkalab-c-kafka-1-data'),
      ],
    };
    expect(replacementsIn(plan)).toEqual([
      { address: 'docker_container.kafka_node-1_container_A', container: 'kafkalab-c-kafka-1' },
      { address: 'docker_container.kafka_node-2_container_B', container: 'kafkalab-c-kafka-2' },
    ]);
    expect(replacementsIn({})).toEqual([]);
  });
});

describe('nodesOf', () => {
  it('maps containers to the node ids a roll takes (ZooKeeper servers by hostname)', () => {
    const cluster = resolveCluster({ name: 'cc', mode: 'zookeeper', zookeepers: 1, brokers: 2 });
    expect(nodesOf(cluster, [
      { address: 'a', container: 'kafkalab-cc-kafka-2' },
      { address: 'b', container: 'kafkalab-cc-zookeeper-1' },
      { address: 'c', container: 'something-else' },
    ])).toEqual(['2', 'zookeeper-1']);
  });
});

describe('changesIn', () => {
  it('counts every resource a plan changes, not its no-ops and reads', () => {
    const change = (actions: string[]) => ({ address: `x.${actions.join('-')}`, type: 'docker_container', change: { actions } });
    expect(changesIn({ resource_changes: [change(['no-op']), change(['read']), change(['update']), change(['delete', 'create']), change(['create'])] })).toBe(3);
    expect(changesIn({ resource_changes: [change(['no-op'])] })).toBe(0);
    expect(changesIn({})).toBe(0);
  });
});
