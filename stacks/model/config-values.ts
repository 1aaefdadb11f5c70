/**
 * Kafka config as a spec writes it: for every node and per node in the cluster spec, per topic in
 * the access spec. Values are strings, numbers or booleans; Kafka and the provider take strings.
 */

/** A Kafka config value as written in a spec. */
export type ConfigValue = string | number | boolean;
export type ConfigMap = Readonly<Record<string, ConfigValue>>;

/** What a Kafka config key looks like: lower-case dotted names such as 'log.retention.ms'. */
export const CONFIG_KEY_PATTERN = /^[a-z][a-z0-9._-]*$/;

export function isConfigValue(v: unknown): v is ConfigValue {
  return ['string', 'number', 'boolean'].includes(typeof v);
}

/** The values as strings, as Kafka and the provider take them. */
export function stringifyConfig(cfg: ConfigMap | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(cfg ?? {}).map(([k, v]) => [k, String(v)]));
}
