export { deployAccess, hasAccessState, planAccess, refuseProtectedTopics, resolvedAccessOf } from './apply.ts';
export { aclDrift, connectorDrift, liveTopics, topicDrift } from './drift.ts';
export { describeCase, matrixCases } from './matrix.ts';
export type { MatrixCase } from './matrix.ts';
export { accessSpecFor, accessStackDir, accessStatePath, prepareAccessSecrets, previousAccessState } from './state.ts';
export { liveAccessDrift, liveAclDrift, liveConnectorDrift, liveTopicDrift } from './live-drift.ts';
export { mirrorSourcesOf, mirrorUploads } from './mirror-sources.ts';
