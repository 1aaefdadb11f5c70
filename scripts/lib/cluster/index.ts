export { renderConnectHelp } from './connect-help.ts';
export { buildDescriptor, descriptorPath, readDescriptor, writeDescriptor } from './descriptor.ts';
export type { ConnectionDescriptor } from './descriptor.ts';
export { knownClusters, loadClusterSpec, readListenerState, registerCluster, writeListenerState } from './known-clusters.ts';
export { portProblems } from './ports.ts';
export { clientSecretPaths, pkiDirOf, pkiOptionsFor, prepareClusterSecrets, secretsDir } from './secrets.ts';
export { currentMounts, mountsAtOrUnder, releaseVolumeMounts, scratchMountDir, unmountAll, volumeMountpoint } from './volume-mounts.ts';
export type { MountEntry } from './volume-mounts.ts';
