/** The launcher classes of the Kafka versions, as the launcher tests see them in the jars. */

/** Every launcher class, as found where Kafka 4.x keeps it. */
export const classes4 = new Set([
  'kafka.Kafka',
  'kafka.tools.StorageTool',
  'org.apache.kafka.tools.TopicCommand',
  'org.apache.kafka.tools.ConfigCommand',
  'org.apache.kafka.tools.AclCommand',
  'org.apache.kafka.tools.MetadataQuorumCommand',
  'org.apache.kafka.tools.consumer.group.ConsumerGroupCommand',
  'org.apache.kafka.tools.ConsoleProducer',
  'org.apache.kafka.tools.consumer.ConsoleConsumer',
  'org.apache.kafka.tools.ProducerPerformance',
  'org.apache.kafka.tools.ConsumerPerformance',
  'org.apache.kafka.tools.reassign.ReassignPartitionsCommand',
  'org.apache.kafka.tools.LeaderElectionCommand',
  'org.apache.kafka.tools.BrokerApiVersionsCommand',
  'org.apache.kafka.tools.GetOffsetShell',
  'org.apache.kafka.tools.LogDirsCommand',
  'org.apache.kafka.tools.DeleteRecordsCommand',
  'org.apache.kafka.tools.DumpLogSegments',
  'org.apache.kafka.tools.VerifiableProducer',
  'org.apache.kafka.tools.VerifiableConsumer',
  'org.apache.kafka.tools.TransactionsCommand',
  'org.apache.kafka.tools.FeatureCommand',
]);

/** The same for 3.9: some classes still in kafka.admin / kafka.tools, and ZooKeeper present. */
export const classes39 = new Set(
  [...classes4]
    .map((c) =>
      c
        .replace('org.apache.kafka.tools.ConfigCommand', 'kafka.admin.ConfigCommand')
        .replace('org.apache.kafka.tools.AclCommand', 'kafka.admin.AclCommand')
        .replace('org.apache.kafka.tools.ConsoleProducer', 'kafka.tools.ConsoleProducer')
        .replace('org.apache.kafka.tools.BrokerApiVersionsCommand', 'kafka.admin.BrokerApiVersionsCommand')
        .replace('org.apache.kafka.tools.DumpLogSegments', 'kafka.tools.DumpLogSegments'),
    )
    .concat(['org.apache.zookeeper.server.quorum.QuorumPeerMain', 'kafka.admin.FeatureCommand']),
);
