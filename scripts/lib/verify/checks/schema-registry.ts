/** Verify check of a cluster with a Schema Registry: its API answers, its journal replayed. */
import { registryUpCommand, waitForRegistry } from '../../schemas/index.ts';
import type { SingleCheck } from '../check.ts';

export const schemaRegistryReady: SingleCheck = {
  id: 'schema-registry-ready',
  name: () => 'Schema Registry answers',
  applies: (cluster) => Boolean(cluster.schemaRegistry),
  async run({ cluster, d, timeoutMs }) {
    if (!d.schemaRegistry) throw new Error(`the descriptor of '${cluster.name}' has no Schema Registry: run ${registryUpCommand(cluster.name)}`);
    const view = await waitForRegistry(d.schemaRegistry.url, { deadlineMs: timeoutMs, cluster: cluster.name, container: d.schemaRegistry.container });
    return `${view.subjects.length} subject${view.subjects.length === 1 ? '' : 's'}, global compatibility ${view.compatibility}, on ${d.schemaRegistry.url}`;
  },
};
