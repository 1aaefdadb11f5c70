import type { ResolvedCluster, ResolvedNode } from '../model/spec.ts';
import { listenerPlan, quorumVoters, zookeeperConnect } from './listeners.ts';
import { renderProperties, type Properties } from './properties.ts';
import { securityPropertiesFor } from './security-config.ts';

/** Where the data volume is mounted, and so Kafka's log dir (ZooKeeper's dataDir too). */
export const DATA_DIR = '/var/lib/kafka/data';
/** Where rendered files are uploaded in each container. */
export const CONFIG_DIR = '/opt/kafka/config';
export const SERVER_PROPERTIES_PATH = `${CONFIG_DIR}/server.properties`;

type Entry = [string, string | number | boolean];

/** Identity and metadata wiring: KRaft roles and voters, or broker.id and zookeeper.connect. */
function identity(cluster: ResolvedCluster, node: ResolvedNode): Entry[] {
  if (cluster.mode === 'zookeeper') {
    return [
      ['broker.id', node.id],
      ['zookeeper.connect', zookeeperConnect(cluster)],
      ['zookeeper.connection.timeout.ms', 30000],
    ];
  }
  return [
    ['process.roles', node.roles.join(',')],
    ['node.id', node.id],
    ['controller.quorum.voters', quorumVoters(cluster)],
    ['metadata.log.max.snapshot.interval.ms', METADATA_SNAPSHOT_INTERVAL_MS],
  ];
}

/**
 * A metadata snapshot soon after the first records (Kafka's default waits an hour or 20 MB).
 * Measured on 4.4.0: a node that replays its metadata log from the start, with no snapshot,
 * rebuilds its SCRAM credentials in one delta; when that delta holds the removal of a user
 * whose name iterates first, every credential of the mechanism is dropped (ScramDelta.apply
 * removes the mechanism while its map is still empty), and after the restart no SCRAM client,
 * the admin included, can log in to that node. Replayed on top of a snapshot, the map is never
 * empty, so one early snapshot is enough. Users can override it.
 */
export const METADATA_SNAPSHOT_INTERVAL_MS = 30_000;

/** The config entries of one node, in a readable order; overrides last. */
export function serverPropertiesFor(cluster: ResolvedCluster, node: ResolvedNode): Properties {
  const plan = listenerPlan(cluster, node);
  const advertised = plan.bound.flatMap((l) => (l.advertised ? [l.advertised] : []));
  const r = cluster.replication;
  const props: Entry[] = [...identity(cluster, node)];
  if (plan.controllerListener) props.push(['controller.listener.names', plan.controllerListener]);
  props.push(['listeners', plan.bound.map((l) => l.bind).join(',')]);
  if (advertised.length > 0) {
    props.push(['advertised.listeners', advertised.join(',')]);
    if (plan.interBrokerListener) props.push(['inter.broker.listener.name', plan.interBrokerListener]);
  }
  props.push(['listener.security.protocol.map', plan.protocolMap]);
  props.push(['log.dirs', DATA_DIR]);
  if (node.rack !== undefined) props.push(['broker.rack', node.rack]);
  if (node.roles.includes('broker')) {
    props.push(
      ['default.replication.factor', r.defaultReplicationFactor],
      ['min.insync.replicas', r.minInsyncReplicas],
      ['offsets.topic.replication.factor', r.internalReplicationFactor],
      ['transaction.state.log.replication.factor', r.internalReplicationFactor],
      ['transaction.state.log.min.isr', Math.min(r.minInsyncReplicas, r.internalReplicationFactor)],
      ['group.initial.rebalance.delay.ms', 0],
    );
  }
  props.push(...securityPropertiesFor(cluster, node));
  const taken = new Set(props.map(([k]) => k));
  for (const [k, v] of Object.entries(node.overrides)) {
    if (taken.has(k)) props.splice(props.findIndex(([key]) => key === k), 1);
    props.push([k, v]);
  }
  return props;
}

export function renderServerProperties(cluster: ResolvedCluster, node: ResolvedNode): string {
  return renderProperties(
    serverPropertiesFor(cluster, node),
    `cluster ${cluster.name}, node ${node.id} (${node.roles.join('+')}), Kafka ${cluster.kafkaVersion}, ${cluster.mode}, security ${cluster.security.mode}: rendered by kafkalab, do not edit`,
  );
}
