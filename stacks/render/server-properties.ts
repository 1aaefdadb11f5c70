import type { ResolvedCluster, ResolvedNode } from '../model/spec.ts';
import { listenersFor, quorumVoters } from './listeners.ts';
import { renderProperties, type Properties } from './properties.ts';

/** Where the data volume is mounted, and so Kafka's log dir. */
export const DATA_DIR = '/var/lib/kafka/data';
/** Where rendered files are uploaded in each container. */
export const CONFIG_DIR = '/opt/kafka/config';
export const SERVER_PROPERTIES_PATH = `${CONFIG_DIR}/server.properties`;

/** The config entries of one node, in a readable order. */
export function serverPropertiesFor(cluster: ResolvedCluster, node: ResolvedNode): Properties {
  const listeners = listenersFor(cluster, node);
  const advertised = listeners.flatMap((l) => (l.advertised ? [l.advertised] : []));
  const r = cluster.replication;
  const props: [string, string | number | boolean][] = [
    ['process.roles', node.roles.join(',')],
    ['node.id', node.id],
    ['controller.quorum.voters', quorumVoters(cluster)],
    ['controller.listener.names', 'CONTROLLER'],
    ['listeners', listeners.map((l) => l.bind).join(',')],
  ];
  if (advertised.length > 0) {
    props.push(['advertised.listeners', advertised.join(',')]);
    props.push(['inter.broker.listener.name', 'INTERNAL']);
  }
  props.push(['listener.security.protocol.map', listeners.map((l) => `${l.name}:${l.protocol}`).join(',')]);
  props.push(['log.dirs', DATA_DIR]);
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
  return props;
}

export function renderServerProperties(cluster: ResolvedCluster, node: ResolvedNode): string {
  return renderProperties(
    serverPropertiesFor(cluster, node),
    `cluster ${cluster.name}, node ${node.id} (${node.roles.join('+')}), Kafka ${cluster.kafkaVersion}: rendered by kafkalab, do not edit`,
  );
}
