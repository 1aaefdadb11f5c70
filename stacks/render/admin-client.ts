import { ADMIN_USER } from '../model/security.ts';
import type { ResolvedCluster } from '../model/spec.ts';
import { clientJaas } from './jaas.ts';
import { protocolFor } from './listeners.ts';
import { renderProperties, type Properties } from './properties.ts';
import { runtimePath } from './secret-files.ts';
import { CONFIG_DIR } from './server-properties.ts';

/** Client config for Kafka's tools run inside a node's container (docker exec), as the admin. */
export const ADMIN_CLIENT_PATH = `${CONFIG_DIR}/admin-client.properties`;

export function adminClientPropertiesFor(cluster: ResolvedCluster): Properties {
  const s = cluster.security;
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

export function renderAdminClientProperties(cluster: ResolvedCluster): string {
  return renderProperties(adminClientPropertiesFor(cluster), `in-container tools of cluster ${cluster.name}, as ${ADMIN_USER}`);
}
