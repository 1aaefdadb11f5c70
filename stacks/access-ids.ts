/**
 * Names and constants of the access stack that code outside a synth needs (ids, the provider's
 * password variable). Kept apart from access-stack.ts, which loads the generated provider
 * bindings (.gen): importing this module needs no setup.
 */

/** The mongey/kafka version built into the local mirror by setup (and pinned in cdktf.json). */
export const KAFKA_PROVIDER_VERSION = '0.13.1';

/**
 * The provider reads the SASL password from this variable when `sasl_password` is not set, so
 * the admin password never enters the synthesized JSON: deploy sets it from the password file.
 */
export const PROVIDER_PASSWORD_ENV = 'KAFKA_SASL_PASSWORD';

/**
 * Kafka protocol version the provider's client (sarama) speaks: its default, the first with
 * AlterUserScramCredentials, and above the oldest request versions Kafka 4.x still serves.
 * Set explicitly so a KAFKA_VERSION in the environment cannot change it.
 */
export const PROVIDER_PROTOCOL_VERSION = '2.7.0';

/** The stack id of a cluster's access stack. */
export function accessStackId(cluster: string): string {
  return `${cluster}-access`;
}
