/**
 * The Kafka versions an image can be built for (the list itself is in stacks/model/versions.ts)
 * and how each one logs.
 */
import { DEFAULT_KAFKA_VERSION, KAFKA_VERSIONS, isKafkaVersion, type KafkaVersion } from '../../../../stacks/model/versions.ts';
import { StepError } from '../../../../stacks/model/errors.ts';

export { DEFAULT_KAFKA_VERSION, KAFKA_VERSIONS, isKafkaVersion, type KafkaVersion };

/** Fails, naming the versions there are, for a version no image is built for. */
export function assertVersion(v: string): asserts v is KafkaVersion {
  if (!isKafkaVersion(v)) {
    throw new StepError(
      'kafka image',
      `unsupported Kafka version ${JSON.stringify(v)}`,
      `use one of ${KAFKA_VERSIONS.join(', ')}`,
    );
  }
}

/** How a version logs: 3.x through slf4j-reload4j (log4j 1 syntax), 4.x through log4j2. */
export type LoggingFlavor = 'log4j1' | 'log4j2';

export function loggingFlavor(version: KafkaVersion): LoggingFlavor {
  return Number(version.split('.')[0]) >= 4 ? 'log4j2' : 'log4j1';
}
