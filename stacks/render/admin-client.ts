import { ADMIN_USER, type ResolvedSecurity } from '../model/security.ts';
import type { ListenerSet } from '../model/listener-sets.ts';
import type { ResolvedCluster } from '../model/spec.ts';
import { clientJaas } from './jaas.ts';
import { listenerSetsOf, protocolFor } from './listeners.ts';
import { renderProperties, type Properties } from './properties.ts';
import { runtimePath } from './secret-files.ts';
import { CONFIG_DIR } from './server-properties.ts';

/** Client config for Kafka's tools run inside a node's container (docker exec), as the admin. */
export const ADMIN_CLIENT_PATH = `${CONFIG_DIR}/admin-client.properties`;

/**
 * The admin client config of one listener set. Tools the tool itself runs in a container use this
 * one, with the same set's port: during a live security switch, nodes on different steps agree on
 * every set they both bind, but not on which one `admin-client.properties` describes.
 */
export function adminClientPathFor(set: ListenerSet): string {
  return `${CONFIG_DIR}/admin-client-${set}.properties`;
}

/** The admin client config (path) of the cluster's listener set. */
export function adminClientPathOf(cluster: ResolvedCluster): string {
  const l = cluster.listeners;
  // A cluster never switched keeps using the file every version of this tool has uploaded.
  return l.set === 'a' && !l.switch && !l.toolsBySet ? ADMIN_CLIENT_PATH : adminClientPathFor(l.set);
}

export function adminClientPropertiesFor(cluster: ResolvedCluster, security: ResolvedSecurity = cluster.security): Properties {
  const s = security;
  const props: [string, string][] = [['security.protocol', protocolFor(s)]];
  if (s.tls) {
    props.push(['ssl.truststore.type', 'PEM'], ['ssl.truststore.location', runtimePath('truststore')]);
  }
  if (s.clientCerts) {
    props.push(['ssl.keystore.type', 'PEM'], ['ssl.keystore.location', runtimePath('adminKeystore')]);
  }
  if (s.sasl) {
    props.push(
      ['config.providers', 'file'],
      ['config.providers.file.class', 'org.apache.kafka.common.config.provider.FileConfigProvider'],
      ['sasl.mechanism', s.mechanism],
      ['sasl.jaas.config', clientJaas(s.mechanism, ADMIN_USER, runtimePath('passwords'))],
    );
  }
  return props;
}

export function renderAdminClientProperties(cluster: ResolvedCluster, security: ResolvedSecurity = cluster.security): string {
  return renderProperties(adminClientPropertiesFor(cluster, security), `in-container tools of cluster ${cluster.name}, as ${ADMIN_USER}`);
}

/** Every admin client config a node carries: the cluster's, and one per listener set it binds. */
export function adminClientFilesFor(cluster: ResolvedCluster): { file: string; content: string }[] {
  return [
    { file: ADMIN_CLIENT_PATH, content: renderAdminClientProperties(cluster) },
    ...listenerSetsOf(cluster).map(({ set, security }) => ({ file: adminClientPathFor(set), content: renderAdminClientProperties(cluster, security) })),
  ];
}
