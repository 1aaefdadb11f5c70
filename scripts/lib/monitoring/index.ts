/**
 * The monitoring domain's public surface: reading a monitored cluster's Prometheus (queries,
 * targets, alerts). Other domains import only this.
 */
export { alerts, apiGet, query, targets } from './prometheus-api.ts';
export type { Fetch, FiringAlert, Sample, Target } from './prometheus-api.ts';
export { renderAlerts } from './render-alerts.ts';
export { renderAlertTable } from './doc-table.ts';
