export { startNode, stopNode } from './node-container.ts';
export { ROLL_FLAGS, rollOptionsFrom } from './options.ts';
export type { RollOptions } from './options.ts';
export type { RollNode } from './order.ts';
export { renderRollReport, rollOutcomeOf, rollReportJson } from './report.ts';
export type { RollOutcome, RollReport } from './report.ts';
export { rollCluster } from './roll-cluster.ts';
export { startValidation, stopValidation } from './validation.ts';
