/**
 * The launchers of the image's /opt/kafka/bin: which tools there are, and which main class each
 * runs in a given version's jars.
 */
import { StepError } from '../../../../stacks/model/errors.ts';
import type { KafkaVersion } from './versions.ts';

export interface LauncherSpec {
  /** File name in /opt/kafka/bin, without `.sh`. */
  readonly name: string;
  /** server: INFO to stdout and a bigger heap; tool: WARN+ to stderr. */
  readonly kind: 'server' | 'tool';
  /** Main classes, newest location first: the first one present in the jars is used. */
  readonly candidates: readonly string[];
  /** Left out of the image when no candidate exists (instead of failing the build). */
  readonly optional?: boolean;
}

/**
 * The launchers of /opt/kafka/bin (besides kafka-run-class.sh, which takes the class as its first
 * argument). Classes moved between releases (kafka.admin / kafka.tools in Scala to
 * org.apache.kafka.tools in Java), hence the candidate lists; add a name here when a release moves
 * one again. Part of the recipe hash.
 */
export const LAUNCHERS: readonly LauncherSpec[] = [
  { name: 'kafka-server-start', kind: 'server', candidates: ['kafka.Kafka'] },
  {
    name: 'zookeeper-server-start',
    kind: 'server',
    candidates: ['org.apache.zookeeper.server.quorum.QuorumPeerMain'],
    optional: true,
  },
  { name: 'kafka-storage', kind: 'tool', candidates: ['kafka.tools.StorageTool'] },
  {
    name: 'kafka-topics',
    kind: 'tool',
    candidates: ['org.apache.kafka.tools.TopicCommand', 'kafka.admin.TopicCommand'],
  },
  {
    name: 'kafka-configs',
    kind: 'tool',
    candidates: ['org.apache.kafka.tools.ConfigCommand', 'kafka.admin.ConfigCommand'],
  },
  { name: 'kafka-acls', kind: 'tool', candidates: ['org.apache.kafka.tools.AclCommand', 'kafka.admin.AclCommand'] },
  { name: 'kafka-metadata-quorum', kind: 'tool', candidates: ['org.apache.kafka.tools.MetadataQuorumCommand'] },
  {
    name: 'kafka-consumer-groups',
    kind: 'tool',
    candidates: ['org.apache.kafka.tools.consumer.group.ConsumerGroupCommand', 'kafka.admin.ConsumerGroupCommand'],
  },
  {
    name: 'kafka-console-producer',
    kind: 'tool',
    candidates: ['org.apache.kafka.tools.ConsoleProducer', 'kafka.tools.ConsoleProducer'],
  },
  {
    name: 'kafka-console-consumer',
    kind: 'tool',
    candidates: ['org.apache.kafka.tools.consumer.ConsoleConsumer', 'kafka.tools.ConsoleConsumer'],
  },
  {
    name: 'kafka-producer-perf-test',
    kind: 'tool',
    candidates: ['org.apache.kafka.tools.ProducerPerformance', 'kafka.tools.ProducerPerformance'],
  },
  {
    name: 'kafka-consumer-perf-test',
    kind: 'tool',
    candidates: ['org.apache.kafka.tools.ConsumerPerformance', 'kafka.tools.ConsumerPerformance'],
  },
  {
    name: 'kafka-reassign-partitions',
    kind: 'tool',
    candidates: ['org.apache.kafka.tools.reassign.ReassignPartitionsCommand', 'kafka.admin.ReassignPartitionsCommand'],
  },
  {
    name: 'kafka-leader-election',
    kind: 'tool',
    candidates: ['org.apache.kafka.tools.LeaderElectionCommand', 'kafka.admin.LeaderElectionCommand'],
  },
  {
    name: 'kafka-broker-api-versions',
    kind: 'tool',
    candidates: ['org.apache.kafka.tools.BrokerApiVersionsCommand', 'kafka.admin.BrokerApiVersionsCommand'],
  },
  {
    name: 'kafka-get-offsets',
    kind: 'tool',
    candidates: ['org.apache.kafka.tools.GetOffsetShell', 'kafka.tools.GetOffsetShell'],
  },
  {
    name: 'kafka-log-dirs',
    kind: 'tool',
    candidates: ['org.apache.kafka.tools.LogDirsCommand', 'kafka.admin.LogDirsCommand'],
  },
  {
    name: 'kafka-delete-records',
    kind: 'tool',
    candidates: ['org.apache.kafka.tools.DeleteRecordsCommand', 'kafka.admin.DeleteRecordsCommand'],
  },
  {
    name: 'kafka-dump-log',
    kind: 'tool',
    candidates: ['org.apache.kafka.tools.DumpLogSegments', 'kafka.tools.DumpLogSegments'],
  },
  { name: 'kafka-verifiable-producer', kind: 'tool', candidates: ['org.apache.kafka.tools.VerifiableProducer'] },
  { name: 'kafka-verifiable-consumer', kind: 'tool', candidates: ['org.apache.kafka.tools.VerifiableConsumer'] },
  { name: 'kafka-transactions', kind: 'tool', candidates: ['org.apache.kafka.tools.TransactionsCommand'] },
  {
    name: 'kafka-features',
    kind: 'tool',
    candidates: ['org.apache.kafka.tools.FeatureCommand', 'kafka.admin.FeatureCommand'],
  },
];

/** The shared launcher: `kafka-run-class.sh CLASS [ARG...]`. */
export const RUN_CLASS_LAUNCHER = 'kafka-run-class';

export interface ResolvedLauncher extends LauncherSpec {
  readonly className: string;
}

/** The first candidate present in `classes` (fully qualified names), or undefined. */
export function resolveClass(candidates: readonly string[], classes: ReadonlySet<string>): string | undefined {
  return candidates.find((c) => classes.has(c));
}

/**
 * Picks the class of every launcher from the classes of a version's jars. Optional launchers
 * without a class are left out; any other one fails, naming the tool.
 */
export function resolveLaunchers(
  version: KafkaVersion,
  classes: ReadonlySet<string>,
  specs: readonly LauncherSpec[] = LAUNCHERS,
): ResolvedLauncher[] {
  const resolved: ResolvedLauncher[] = [];
  for (const spec of specs) {
    const className = resolveClass(spec.candidates, classes);
    if (className) resolved.push({ ...spec, className });
    else if (!spec.optional) {
      throw new StepError(
        'launcher resolution',
        `no main class for ${spec.name}.sh in the Kafka ${version} jars (tried ${spec.candidates.join(', ')})`,
        `find the tool's class in ${version}'s bin/${spec.name}.sh upstream and add it to its candidates in scripts/lib/engine/image/launchers.ts`,
      );
    }
  }
  return resolved;
}
