/**
 * Verify checks of a cluster with Kafka Connect: every worker answers and has joined the group,
 * and every declared connector runs with all its tasks.
 */
import { resolvedAccessOf } from '../../access/index.ts';
import { connectStatus, describeState, waitForConnectorsRunning, waitForWorkers } from '../../connect/index.ts';
import type { SingleCheck } from '../check.ts';
import { accessConnectors } from '../../../../stacks/render/connect/mirror.ts';

export const connectWorkersJoined: SingleCheck = {
  id: 'connect-workers-joined',
  name: () => 'Connect workers joined',
  applies: (cluster) => Boolean(cluster.connect),
  async run({ cluster, d, timeoutMs }) {
    if (!d.connect) throw new Error(`the descriptor of '${cluster.name}' has no Connect workers: run npm run up -- --cluster ${cluster.name} --connect`);
    await waitForWorkers(d.connect, { timeoutMs, cluster: cluster.name });
    const status = await connectStatus(d.connect, { cluster: cluster.name });
    const versions = [...new Set(status.workers.flatMap((w) => (w.version ? [w.version] : [])))];
    return `${status.workers.length} of ${d.connect.workers.length} workers answer in group '${status.groupId}' (Connect ${versions.join(', ')}) on ${d.connect.restUrl}`;
  },
};

export const connectorsRunning: SingleCheck = {
  id: 'connectors-running',
  name: () => 'every declared connector RUNNING',
  applies: (cluster) => Boolean(cluster.connect),
  after: [connectWorkersJoined.id],
  async run({ cluster, d, timeoutMs }) {
    const access = resolvedAccessOf(cluster);
    const names = access ? accessConnectors(cluster, access).map((c) => c.name) : [];
    // A mirror's checkpoint connector has no task until one of its groups has committed at the source.
    const noTasksOk = access?.mirrors.map((m) => m.connectors[1]!) ?? [];
    if (names.length === 0) return 'no connector declared';
    // A connector missing or FAILED for 15 s will not run by itself: the check says so then.
    const list = await waitForConnectorsRunning(d.connect!, names, { timeoutMs, cluster: cluster.name, failedForMs: 15_000, noTasksOk });
    return list.map((c) => describeState(c.name, c)).join('; ');
  },
};
