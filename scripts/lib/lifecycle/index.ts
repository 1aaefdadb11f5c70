export { clusterFromFlag, connectFlag, monitoringFlag, schemaRegistryFlag, upSwitches, type UpSwitches, deployCluster, destroyCluster, removeLeftovers, rollPlannedChange } from './cluster-lifecycle.ts';
export type { DeployOptions, DeployResult, DestroyOptions } from './cluster-lifecycle.ts';
export { clusterRunning } from './rolling-deploy.ts';
export { ensureScramUsers } from './scram-users.ts';
export { clusterStacksInput } from './stack-inputs.ts';
