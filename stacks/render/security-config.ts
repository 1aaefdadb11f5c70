import { ADMIN_USER, BROKER_USER, CONTROLLER_USER, type ResolvedSecurity } from '../model/security.ts';
import type { ResolvedCluster, ResolvedNode } from '../model/spec.ts';
import { listenerJaas } from './jaas.ts';
import { runtimePath } from './secret-files.ts';

type Entry = [string, string | number | boolean];

/** Principal mapping under mTLS: `CN=alice,...` becomes `User:alice`. */
export const PRINCIPAL_MAPPING_RULES = 'RULE:^CN=([^,]+).*$/$1/,DEFAULT';

/** The SASL mechanism of the KRaft controller listener: SCRAM cannot serve there (its credentials live in the metadata the controllers serve), so PLAIN. */
export const CONTROLLER_SASL_MECHANISM = 'PLAIN';

/** Every principal that must be a super user: the admin, and the identities nodes use with each other. */
export function superUsers(cluster: ResolvedCluster): string[] {
  const s = cluster.security;
  if (s.clientCerts) return [ADMIN_USER, ...cluster.nodes.map((n) => n.hostname)].map((u) => `User:${u}`);
  const users = [ADMIN_USER, BROKER_USER];
  if (cluster.mode !== 'zookeeper') users.push(CONTROLLER_USER);
  return users.map((u) => `User:${u}`);
}

/** Users a PLAIN listener must accept (PLAIN has no credential store). */
function plainUsers(s: ResolvedSecurity): string[] {
  return [BROKER_USER, ...s.users];
}

/**
 * Security entries of one node's server.properties, for its cluster's security mode.
 * Passwords appear only as `${file:...}` references; key material only as file paths.
 */
export function securityPropertiesFor(cluster: ResolvedCluster, node: ResolvedNode): Entry[] {
  const s = cluster.security;
  const props: Entry[] = [];
  const kraft = cluster.mode !== 'zookeeper';
  const broker = node.roles.includes('broker');
  const controller = node.roles.includes('controller');
  if (s.mode === 'plaintext') return props;

  if (s.sasl) {
    props.push(
      ['config.providers', 'file'],
      ['config.providers.file.class', 'org.apache.kafka.common.config.provider.FileConfigProvider'],
    );
  }
  if (s.tls) {
    props.push(
      ['ssl.keystore.type', 'PEM'],
      ['ssl.keystore.location', runtimePath('keystore')],
      ['ssl.truststore.type', 'PEM'],
      ['ssl.truststore.location', runtimePath('truststore')],
      ['ssl.endpoint.identification.algorithm', 'https'],
    );
  }
  if (s.clientCerts) {
    props.push(['ssl.client.auth', 'required'], ['ssl.principal.mapping.rules', PRINCIPAL_MAPPING_RULES]);
  }
  if (s.sasl) {
    const mech = s.mechanism.toLowerCase();
    if (broker) {
      props.push(
        ['sasl.enabled.mechanisms', s.mechanism],
        ['sasl.mechanism.inter.broker.protocol', s.mechanism],
        [`listener.name.internal.${mech}.sasl.jaas.config`, listenerJaas(s.mechanism, BROKER_USER, plainUsers(s))],
        [`listener.name.external.${mech}.sasl.jaas.config`, listenerJaas(s.mechanism, undefined, plainUsers(s))],
      );
    }
    if (kraft) {
      props.push(['sasl.mechanism.controller.protocol', CONTROLLER_SASL_MECHANISM]);
      props.push(['listener.name.controller.sasl.enabled.mechanisms', CONTROLLER_SASL_MECHANISM]);
      props.push([
        'listener.name.controller.plain.sasl.jaas.config',
        listenerJaas('PLAIN', CONTROLLER_USER, controller ? [CONTROLLER_USER] : []),
      ]);
    }
  }
  if (s.authorizer) {
    props.push(
      ['authorizer.class.name', kraft ? 'org.apache.kafka.metadata.authorizer.StandardAuthorizer' : 'kafka.security.authorizer.AclAuthorizer'],
      ['allow.everyone.if.no.acl.found', false],
      ['super.users', superUsers(cluster).join(';')],
    );
  }
  if (!kraft) {
    // The broker-to-ZooKeeper link: SASL DIGEST-MD5 (JAAS 'Client' section), and ACLs on the znodes it writes.
    props.push(['zookeeper.set.acl', true]);
  }
  return props;
}
