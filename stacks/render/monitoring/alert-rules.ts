/**
 * The alert rules Prometheus loads for every monitored cluster: one entry per alert, with its
 * meaning and first response (docs/monitoring.md's table is generated from this list).
 */

export type AlertSeverity = 'critical' | 'warning';

export interface AlertRule {
  readonly name: string;
  readonly severity: AlertSeverity;
  /** PromQL: the alert fires for every series this returns, once it has held for `for`. */
  readonly expr: string;
  readonly for: string;
  /** One line, with {{ $labels.x }} where a label helps. */
  readonly summary: string;
  /** What it means and what to do first (docs only). */
  readonly firstResponse: string;
}

export const ALERT_RULES: readonly AlertRule[] = [
  {
    name: 'KafkaNodeDown',
    severity: 'critical',
    expr: 'up{job=~"kafka|zookeeper"} == 0',
    for: '30s',
    summary: '{{ $labels.job }} node {{ $labels.node }} ({{ $labels.instance }}) does not answer its metrics scrape',
    firstResponse: 'docker ps -a shows whether the container runs; docker logs <container> why it stopped. Start it (docker start), or npm run up.',
  },
  {
    name: 'KafkaUnderReplicatedPartitions',
    severity: 'warning',
    expr: 'kafka_server_replicamanager_underreplicatedpartitions > 0',
    for: '30s',
    summary: 'broker {{ $labels.node }} leads {{ $value }} under-replicated partitions',
    firstResponse: 'A follower is down or behind: find it with kafka-topics.sh --describe --under-replicated-partitions, then look at that broker (down, disk, network).',
  },
  {
    name: 'KafkaOfflinePartitions',
    severity: 'critical',
    expr: 'max(kafka_controller_kafkacontroller_offlinepartitionscount) > 0',
    for: '15s',
    summary: '{{ $value }} partitions have no leader: their data cannot be read or written',
    firstResponse: 'Every replica of those partitions is down: bring their brokers back (kafka-topics.sh --describe --unavailable-partitions names them).',
  },
  {
    name: 'KafkaUnderMinIsrPartitions',
    severity: 'critical',
    expr: 'kafka_server_replicamanager_underminisrpartitioncount > 0',
    for: '30s',
    summary: 'broker {{ $labels.node }} leads {{ $value }} partitions below min.insync.replicas: acks=all producers fail on them',
    firstResponse: 'Fewer replicas are in sync than min.insync.replicas: bring the missing brokers back before lowering anything.',
  },
  {
    name: 'KafkaActiveControllerCount',
    severity: 'critical',
    expr: 'sum(kafka_controller_kafkacontroller_activecontrollercount) != 1',
    for: '30s',
    summary: '{{ $value }} active controllers (expected exactly 1)',
    firstResponse: '0: the quorum (or ZooKeeper) has no leader, check the controllers; 2 or more: a split brain, check the network between nodes.',
  },
  {
    name: 'KafkaConsumerLagGrowing',
    severity: 'warning',
    expr: 'sum by (group, topic) (kafka_consumergroup_lag) > 0 and sum by (group, topic) (delta(kafka_consumergroup_lag[5m])) > 0',
    for: '5m',
    summary: 'consumer group {{ $labels.group }} falls behind on {{ $labels.topic }} (lag {{ $value }})',
    firstResponse: 'kafka-consumer-groups.sh --describe --group <group>: no members means it stopped; members with a growing lag mean it is too slow (scale out, up to the partition count).',
  },
  {
    name: 'KafkaDiskUsageHigh',
    severity: 'warning',
    expr: 'kafkalab_node_disk_used_ratio > 0.8',
    for: '1m',
    summary: 'node {{ $labels.node }}: its data disk is {{ $value | humanizePercentage }} used',
    firstResponse: 'Find the biggest topics (kafka-log-dirs.sh --describe), bound them with retention.bytes and segment.bytes, or give the volume room.',
  },
];

/** The rules file Prometheus loads (JSON is YAML). */
export function renderAlertRules(rules: readonly AlertRule[] = ALERT_RULES): string {
  const group = {
    name: 'kafkalab',
    rules: rules.map((r) => ({ alert: r.name, expr: r.expr, for: r.for, labels: { severity: r.severity }, annotations: { summary: r.summary } })),
  };
  return `${JSON.stringify({ groups: [group] }, null, 2)}\n`;
}
