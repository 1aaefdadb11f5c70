import { ADMIN_USER, BROKER_USER, CONTROLLER_USER, type ResolvedSecurity } from '../model/security.ts';
import type { ResolvedCluster, ResolvedNode } from '../model/spec.ts';
import { listenerJaas } from './jaas.ts';
import { listenerSetsOf } from './listeners.ts';
import { listenerSetLayout } from '../model/listener-sets.ts';
import { runtimePath } from './secret-files.ts';

type Entry = [string, string | number | boolean];

/** Principal mapping under mTLS: `CN=alice,...` becomes `User:alice`. */
export const PRINCIPAL_MAPPING_RULES = 'RULE:^CN=([^,]+).*$/$1/,DEFAULT';

/** The SASL mechanism of the KRaft controller listener: SCRAM cannot serve there (its credentials live in the metadata the controllers serve), so PLAIN. */
export const CONTROLLER_SASL_MECHANISM = 'PLAIN';

/** Every principal that must be a super user: the admin, and the identities nodes use with each other. */
export function superUsers(cluster: ResolvedCluster, security: ResolvedSecurity = cluster.security): string[] {
  if (security.clientCerts) return [ADMIN_USER, ...cluster.nodes.map((n) => n.hostname)].map((u) => `User:${u}`);
  const users = [ADMIN_USER, BROKER_USER];
  if (cluster.mode !== 'zookeeper') users.push(CONTROLLER_USER);
  return users.map((u) => `User:${u}`);
}

/**
 * During a live switch between plaintext and a secured mode, plaintext listeners run beside an
 * authorizer: their clients (and nodes) are the anonymous principal, made a super user until the
 * plaintext listeners are gone, so they keep the access they had.
 */
export const ANONYMOUS_PRINCIPAL = 'User:ANONYMOUS';

/** Users a PLAIN listener must accept (PLAIN has no credential store). */
function plainUsers(s: ResolvedSecurity): string[] {
  return [BROKER_USER, ...s.users];
}

/**
 * Security entries of one node's server.properties, for its cluster's security mode (during a
 * live switch, for both modes, each on its own listener set).
 * Passwords appear only as `${file:...}` references; key material only as file paths.
 */
export function securityPropertiesFor(cluster: ResolvedCluster, node: ResolvedNode): Entry[] {
  const sets = listenerSetsOf(cluster);
  const secured = sets.filter((x) => x.security.mode !== 'plaintext');
  const props: Entry[] = [];
  const kraft = cluster.mode !== 'zookeeper';
  const broker = node.roles.includes('broker');
  const controller = node.roles.includes('controller');
  if (secured.length === 0) return props;

  if (secured.some((x) => x.security.sasl)) {
    props.push(
      ['config.providers', 'file'],
      ['config.providers.file.class', 'org.apache.kafka.common.config.provider.FileConfigProvider'],
    );
  }
  if (secured.some((x) => x.security.tls)) {
    props.push(
      ['ssl.keystore.type', 'PEM'],
      ['ssl.keystore.location', runtimePath('keystore')],
      ['ssl.truststore.type', 'PEM'],
      ['ssl.truststore.location', runtimePath('truststore')],
      ['ssl.endpoint.identification.algorithm', 'https'],
    );
  }
  if (secured.some((x) => x.security.clientCerts)) {
    props.push(['ssl.client.auth', 'required'], ['ssl.principal.mapping.rules', PRINCIPAL_MAPPING_RULES]);
  }
  for (const { set, security: s } of secured) {
    if (!s.sasl) continue;
    const names = listenerSetLayout(set);
    const mech = s.mechanism.toLowerCase();
    if (broker) {
      props.push(
        ['sasl.enabled.mechanisms', s.mechanism],
        ['sasl.mechanism.inter.broker.protocol', s.mechanism],
        [`listener.name.${names.internal.toLowerCase()}.${mech}.sasl.jaas.config`, listenerJaas(s.mechanism, BROKER_USER, plainUsers(s))],
        [`listener.name.${names.external.toLowerCase()}.${mech}.sasl.jaas.config`, listenerJaas(s.mechanism, undefined, plainUsers(s))],
      );
    }
    if (kraft) {
      const c = names.controller.toLowerCase();
      props.push(['sasl.mechanism.controller.protocol', CONTROLLER_SASL_MECHANISM]);
      props.push([`listener.name.${c}.sasl.enabled.mechanisms`, CONTROLLER_SASL_MECHANISM]);
      props.push([`listener.name.${c}.plain.sasl.jaas.config`, listenerJaas('PLAIN', CONTROLLER_USER, controller ? [CONTROLLER_USER] : [])]);
    }
  }
  const authorizing = secured.find((x) => x.security.authorizer);
  if (authorizing) {
    const anonymous = sets.some((x) => x.security.mode === 'plaintext') ? [ANONYMOUS_PRINCIPAL] : [];
    props.push(
      ['authorizer.class.name', kraft ? 'org.apache.kafka.metadata.authorizer.StandardAuthorizer' : 'kafka.security.authorizer.AclAuthorizer'],
      ['allow.everyone.if.no.acl.found', false],
      ['super.users', [...superUsers(cluster, authorizing.security), ...anonymous].join(';')],
    );
  }
  if (!kraft) {
    // The broker-to-ZooKeeper link: SASL DIGEST-MD5 (JAAS 'Client' section), and ACLs on the znodes it writes.
    props.push(['zookeeper.set.acl', true]);
  }
  return props;
}
