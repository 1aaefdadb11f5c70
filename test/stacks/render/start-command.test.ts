import { describe, expect, it } from 'vitest';
import { resolveCluster } from '../../../stacks/model/resolve.ts';
import { healthCheckFor, heapOptsFor, renderStartScript, startCommandFor } from '../../../stacks/render/start-command.ts';

const cluster = resolveCluster({ name: 'kraft-3', heapMiB: 768 });
const node = cluster.nodes[0]!;

describe('start command', () => {
  it('formats storage once with the stable cluster id, then execs the server', () => {
    const script = renderStartScript(cluster, node);
    expect(script).toContain('if [ ! -f /var/lib/kafka/data/meta.properties ]; then');
    expect(script).toContain(`kafka-storage.sh format --ignore-formatted -t ${cluster.clusterId} -c /opt/kafka/config/server.properties`);
    expect(script.trimEnd().split('\n').pop()).toBe('exec kafka-server-start.sh /opt/kafka/config/server.properties');
    expect(startCommandFor(cluster, node)).toEqual(['bash', '/opt/kafka/config/start.sh']);
  });

  it('sizes the heap from heapMiB', () => {
    expect(heapOptsFor(cluster)).toBe('-Xms768m -Xmx768m');
  });

  it('health-checks the internal listener without starting a JVM', () => {
    expect(healthCheckFor(cluster, node)).toEqual(['CMD', 'bash', '-c', 'exec 3<>/dev/tcp/127.0.0.1/9092']);
  });
});
