import { describe, expect, it } from 'vitest';
import { resolveCluster } from '../../../stacks/model/resolve.ts';
import { healthCheckFor, heapOptsFor, renderStartScript, startCommandFor } from '../../../stacks/render/start-command.ts';
import { renderZooKeeperStartScript } from '../../../stacks/render/zookeeper.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { recipeDir } from '../../../scripts/lib/engine/image/recipe.ts';

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

  it('hands SIGTERM to the JVM: every step from the container command to java is an exec, so docker stop is a controlled shutdown', () => {
    const zkCluster = resolveCluster({ name: 'zk', mode: 'zookeeper', zookeepers: 1, brokers: 1 });
    for (const script of [
      renderStartScript(cluster, node),
      renderStartScript(zkCluster, zkCluster.nodes[0]!),
      renderZooKeeperStartScript(zkCluster, zkCluster.zookeeper!.servers[0]!),
    ]) {
      expect(script).toContain('exec setpriv --reuid=1000 --regid=1000 --clear-groups -- bash "$0" "$@"');
      expect(script.trimEnd().split('\n').pop()).toMatch(/^exec (kafka|zookeeper)-server-start\.sh /);
    }
    const launcher = (f: string): string => readFileSync(join(recipeDir, 'launchers', f), 'utf8');
    expect(launcher('server.sh.tmpl')).toMatch(/^exec "\$\(dirname "\$0"\)\/kafka-run-class\.sh" @CLASS@ "\$@"$/m);
    expect(launcher('kafka-run-class.sh.tmpl')).toMatch(/^exec "\$JAVA" /m);
  });
});
