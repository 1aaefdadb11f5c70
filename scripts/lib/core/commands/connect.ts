import { CLUSTER_FLAG } from '../flags.ts';
import { defineCommand } from './define.ts';

/** `npm run connect` (scripts/connect.ts). The subcommands are CONNECT_SUBCOMMANDS in scripts/lib/connect. */
export const CONNECT = defineCommand({
  name: 'connect',
  summary: [
    "A cluster's Kafka Connect workers and connectors, over the workers' REST API on 127.0.0.1 (turn Connect on with npm run up -- --connect).",
    'subcommands: status, restart, pause, resume, roll',
    '  status [--json]                   the workers, each connector with its tasks and their errors in plain words',
    '  restart NAME [--failed-tasks]     restart the connector and its tasks (only the failed ones with --failed-tasks)',
    '  pause NAME                        pause the connector and its tasks',
    '  resume NAME                       resume a paused connector',
    '  roll                              restart the workers one at a time, each once every connector runs again',
  ].join('\n'),
  flags: {
    cluster: CLUSTER_FLAG,
    json: { type: 'boolean', description: 'status: print { groupId, workers: [{ name, restUrl, ok, version?, error? }], connectors: [{ name, type, state, workerId, tasks, lastError? }] } as JSON' },
    'failed-tasks': { type: 'boolean', description: 'restart: only the connector or tasks that FAILED' },
  },
});
