/** Verify checks of the nodes: every container runs, every broker is registered. */
import { brokersOf } from '../../../../stacks/model/spec.ts';
import { containerState } from '../../core/index.ts';
import { describeBrokers } from '../../kafka/index.ts';
import type { SingleCheck } from '../check.ts';

const always = (): boolean => true;

/** Every ZooKeeper server and node container runs; when not, nothing else is checked. */
export const containersRunning: SingleCheck = {
  id: 'containers-running',
  name: () => 'containers running',
  applies: always,
  stopsOnFailure: true,
  async run({ cluster }) {
    const names = [...(cluster.zookeeper?.servers ?? []).map((z) => z.containerName), ...cluster.nodes.map((n) => n.containerName)];
    const states = await Promise.all(names.map((n) => containerState(n)));
    const down = names.filter((_, i) => !states[i]?.running);
    if (down.length > 0) throw new Error(`not running: ${down.join(', ')} (try npm run deploy, or docker logs <name>)`);
    return `${names.length} of ${names.length} running (${cluster.mode})`;
  },
};

/** The registered brokers are exactly the declared ones. */
export const brokersRegistered: SingleCheck = {
  id: 'brokers-registered',
  barrier: true,
  name: () => 'brokers registered',
  applies: always,
  async run({ cluster, d, waitFor }) {
    const want = brokersOf(cluster).map((n) => n.id).sort((a, b) => a - b);
    const got = await waitFor(async () => {
      // No retries inside a look: a broker still starting fails it at once, and the next look comes 250 ms later.
      const ids = (await describeBrokers(d, { retries: 0 })).map((b) => b.nodeId);
      if (ids.join(',') !== want.join(',')) throw new Error(`registered brokers [${ids.join(',')}], expected [${want.join(',')}]`);
      return ids;
    }, 'every broker to register');
    return `brokers [${got.join(', ')}] registered`;
  },
};
