import { CLUSTER_FLAG } from '../flags.ts';
import { defineCommand } from './define.ts';

/** `npm run alerts` (scripts/alerts.ts). */
export const ALERTS = defineCommand({
  name: 'alerts',
  summary: "What a monitored cluster's Prometheus alerts on now (broker down, under-replicated, offline or under-min-ISR partitions, controllers, consumer lag, disk).",
  flags: {
    cluster: CLUSTER_FLAG,
    json: { type: 'boolean', description: 'print { alerts: [{ name, severity, labels, since, summary }], pending: [...] } as JSON' },
  },
});
