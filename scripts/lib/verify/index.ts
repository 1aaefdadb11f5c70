export { runNegativeProbes } from './probes.ts';
export { renderReport, verifyCluster } from './verify-cluster.ts';
