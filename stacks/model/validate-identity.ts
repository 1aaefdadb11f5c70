import { KAFKA_VERSIONS, isKafkaVersion, kafkaMajor } from './versions.ts';
import { CLUSTER_MODES } from './spec.ts';
import { fieldProblem } from './problems.ts';
import type { SpecShape } from './spec-shape.ts';

export const CLUSTER_NAME_PATTERN = /^[a-z][a-z0-9-]{0,30}[a-z0-9]$/;

/** Problems with what the cluster is: its name, its Kafka version and its mode (and the two together). */
export function identityProblems({ spec, version, mode }: SpecShape): string[] {
  const problems: string[] = [];
  if (typeof spec.name !== 'string' || !CLUSTER_NAME_PATTERN.test(spec.name)) {
    problems.push(
      fieldProblem('name', spec.name, "is not a valid cluster name: use 2 to 32 lower-case letters, digits and '-', starting with a letter and not ending with '-'"),
    );
  }
  if (spec.kafkaVersion !== undefined && !isKafkaVersion(spec.kafkaVersion)) {
    problems.push(fieldProblem('kafkaVersion', spec.kafkaVersion, `is not supported: use one of ${KAFKA_VERSIONS.join(', ')}`));
  }
  if (!(CLUSTER_MODES as readonly unknown[]).includes(mode)) {
    problems.push(fieldProblem('mode', spec.mode, `is not supported: use one of ${CLUSTER_MODES.join(', ')}`));
  }
  if (mode === 'zookeeper' && isKafkaVersion(version) && kafkaMajor(version) >= 4) {
    problems.push(
      fieldProblem('kafkaVersion', version, "has no ZooKeeper mode: Kafka 4.0 removed ZooKeeper, so use 'kafkaVersion' 3.9.1 with 'mode' zookeeper, or a kraft mode"),
    );
  }
  return problems;
}
