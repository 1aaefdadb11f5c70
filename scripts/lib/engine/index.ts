export { ensureBindings } from './bindings.ts';
export { ensureDockerEngine } from './docker-engine.ts';
export type { EnsureOptions } from './image/base-image.ts';
export { jarsDir } from './image/cache.ts';
export { CONNECT_IMAGE_REPOSITORY, CONNECT_VERSION, connectImageTag, ensureConnectImage } from './image/connect-image.ts';
export { engineLabel, ensureImageOnEngine, ensureImagesOnEngines, imageIdOn, zxDocker } from './image/engine-images.ts';
export type { DockerCli, DockerResult, EngineImageResult } from './image/engine-images.ts';
export { ensureKafkaImage, kafkaImageTag } from './image/kafka-image.ts';
export { PROMETHEUS_IMAGE_REPOSITORY, ensurePrometheusImage, prometheusImageTag } from './image/prometheus-image.ts';
export { IMAGE_JMX_AGENT_PATH, JMX_EXPORTER_VERSION } from './image/recipe.ts';
export { REGISTRY_IMAGE_REPOSITORY, ensureRegistryImage, registryImageTag } from './image/registry-image.ts';
export {
  IMAGE_REGISTRY_CONFIG,
  IMAGE_REGISTRY_LAUNCHER,
  IMAGE_REGISTRY_WORK_DIR,
  REGISTRY_HTTP_PORT,
  REGISTRY_MANAGEMENT_PORT,
  REGISTRY_READY_PATH,
  REGISTRY_VERSION,
} from './image/registry-recipe.ts';
export { KAFKA_VERSIONS, isKafkaVersion } from './image/versions.ts';
export type { KafkaVersion } from './image/versions.ts';
export { kcatWrapperPath } from './kcat.ts';
export { ensureProviders, lockProviders } from './providers.ts';
export { runSetup } from './setup.ts';
export { SYNTH_CLUSTERS_ENV, deployStack, destroyStack, hasState, logTail, runTerraform, stackDir, synthesize, terraformIn } from './stack-runs.ts';
