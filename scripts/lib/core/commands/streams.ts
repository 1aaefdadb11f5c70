import { CLUSTER_FLAG } from '../flags.ts';
import { defineCommand } from './define.ts';

/** `npm run streams` (scripts/streams.ts). The subcommands are STREAMS_SUBCOMMANDS and the apps STREAMS_APPS in scripts/lib/streams. */
export const STREAMS = defineCommand({
  name: 'streams',
  summary: [
    "A Kafka Streams app kept in the repo, run on a cluster in a container of its Kafka image (as the admin): order-totals sums orders-in per customer into customer-totals, exactly once.",
    'subcommands: start, stop, status',
    '  start      make its topics when missing, build it for the cluster\'s Kafka version, start it and wait until it is RUNNING',
    '  stop       stop it cleanly and remove its container (its topics, internal ones included, stay)',
    '  status     its state and store, its consumer lag and its internal topics',
  ].join('\n'),
  flags: {
    cluster: CLUSTER_FLAG,
    app: { type: 'string', description: 'the app (default order-totals, the only one)' },
    json: { type: 'boolean', description: 'status: print { app, applicationId, container, running, report: { state, store: { name, entries } }, lag: { total, partitions }, internalTopics } as JSON' },
  },
});
