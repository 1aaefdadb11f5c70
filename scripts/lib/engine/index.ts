export { ensureBindings } from './bindings.ts';
export { ensureDockerEngine } from './docker-engine.ts';
export { KAFKA_VERSIONS, ensureKafkaImage, isKafkaVersion, jarsDir, kafkaImageTag } from './image/kafka-image.ts';
export type { KafkaVersion } from './image/kafka-image.ts';
export { kcatWrapperPath } from './kcat.ts';
export { ensureProviders, lockProviders } from './providers.ts';
export { runSetup } from './setup.ts';
export { SYNTH_CLUSTERS_ENV, deployStack, destroyStack, hasState, logTail, runTerraform, stackDir, synthesize, terraformIn } from './stack-runs.ts';
