import { CLUSTER_FLAG } from '../flags.ts';
import { defineCommand } from './define.ts';

/** `npm run streams` (scripts/streams.ts). The subcommands are STREAMS_SUBCOMMANDS and the apps STREAMS_APPS in scripts/lib/streams. */
export const STREAMS = defineCommand({
  name: 'streams',
  summary: [
    "A Kafka Streams app kept in the repo, run on a cluster in a container of its Kafka image (as the admin): order-totals sums orders-in per customer into customer-totals, exactly once (or at least once, with --guarantee).",
    'subcommands: start, stop, status',
    '  start      make its topics when missing, build it for the cluster\'s Kafka version, start it (exactly_once_v2 unless --guarantee says otherwise) and wait until it is RUNNING',
    '  stop       stop it cleanly and remove its container (its topics, internal ones included, stay)',
    '  status     its state, processing guarantee and store, its consumer lag and its internal topics',
  ].join('\n'),
  flags: {
    cluster: CLUSTER_FLAG,
    app: { type: 'string', description: 'the app (default order-totals, the only one)' },
    guarantee: {
      type: 'string',
      description:
        "start: its processing.guarantee, exactly_once_v2 (the default: transactions, read_committed, state restored from the changelog after a crash) or at_least_once (no transactions: after a crash it reprocesses what it had not committed, so an aggregate may count an order twice); a running app's guarantee changes only by a stop and a start",
    },
    json: { type: 'boolean', description: 'status: print { app, applicationId, container, running, report: { state, processingGuarantee, store: { name, entries } }, lag: { total, partitions }, internalTopics } as JSON' },
  },
});
