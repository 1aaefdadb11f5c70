import type { SaslMechanism } from '../model/security.ts';
import { passwordRef } from './secret-files.ts';

const MODULES: Record<SaslMechanism, string> = {
  'SCRAM-SHA-512': 'org.apache.kafka.common.security.scram.ScramLoginModule',
  'SCRAM-SHA-256': 'org.apache.kafka.common.security.scram.ScramLoginModule',
  PLAIN: 'org.apache.kafka.common.security.plain.PlainLoginModule',
};

/** Key of a user's password in passwords.properties. */
export const passwordKey = (user: string): string => `password.${user}`;

/**
 * A listener's `sasl.jaas.config`. `as` is the identity this node uses when it is the client on
 * that listener (inter-broker, broker-to-controller). For PLAIN the server side lists every user
 * it accepts (`user_<name>`), since PLAIN has no credential store; SCRAM reads Kafka's.
 */
export function listenerJaas(mechanism: SaslMechanism, as: string | undefined, plainUsers: readonly string[] = []): string {
  const parts = [MODULES[mechanism], 'required'];
  if (as) parts.push(`username="${as}"`, `password="${passwordRef(passwordKey(as))}"`);
  if (mechanism === 'PLAIN') for (const u of plainUsers) parts.push(`user_${u}="${passwordRef(passwordKey(u))}"`);
  return `${parts.join(' ')};`;
}

/** A client's `sasl.jaas.config`, with the password read from a file by Kafka's FileConfigProvider. */
export function clientJaas(mechanism: SaslMechanism, user: string, passwordsFile: string): string {
  return `${MODULES[mechanism]} required username="${user}" password="\${file:${passwordsFile}:${passwordKey(user)}}";`;
}
