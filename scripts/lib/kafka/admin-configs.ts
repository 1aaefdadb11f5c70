/**
 * Configs of topics and brokers (Kafka's DescribeConfigs and AlterConfigs APIs): the value a
 * topic applies, a topic's own overrides, a broker's effective and dynamic config, and setting a
 * topic's config.
 */
import kafkajs from 'kafkajs';
import type { ConnectionDescriptor } from '../cluster/index.ts';
import { withAdmin, type ClientOptions } from './connection.ts';

// Node's CommonJS interop does not see this enum as a named export of kafkajs.
const { ConfigResourceTypes } = kafkajs;

/** Kafka's ConfigSource for a value set on the topic itself (DescribeConfigs v1+). */
const TOPIC_CONFIG_SOURCE = 1;

/** Kafka's ConfigSource for a dynamic value on one broker (2) and for the dynamic cluster-wide default (3). */
const DYNAMIC_BROKER_SOURCES = new Set([2, 3]);

/**
 * One config of each topic as the brokers apply it (the topic's own value, else the broker's
 * default): topic name → value. Topics whose answer carries an error are left out.
 */
export async function describeTopicConfig(
  d: ConnectionDescriptor,
  topics: readonly string[],
  configName: string,
  opts: ClientOptions = {},
): Promise<Record<string, string>> {
  if (topics.length === 0) return {};
  return withAdmin(d, async (admin) => {
    const res = await admin.describeConfigs({
      includeSynonyms: false,
      resources: topics.map((name) => ({ type: ConfigResourceTypes.TOPIC, name, configNames: [configName] })),
    });
    const out: Record<string, string> = {};
    for (const r of res.resources) {
      if (r.errorCode !== 0) continue;
      const entry = r.configEntries.find((e) => e.configName === configName);
      if (entry?.configValue != null) out[r.resourceName] = entry.configValue;
    }
    return out;
  }, opts);
}

/** Topic-level overrides (config set on the topic itself, not inherited), by topic. */
export async function describeTopicOverrides(d: ConnectionDescriptor, topics: readonly string[]): Promise<Record<string, Record<string, string>>> {
  if (topics.length === 0) return {};
  return withAdmin(d, async (admin) => {
    const res = await admin.describeConfigs({
      includeSynonyms: false,
      resources: topics.map((name) => ({ type: ConfigResourceTypes.TOPIC, name })),
    });
    const out: Record<string, Record<string, string>> = {};
    for (const r of res.resources) {
      if (r.errorCode !== 0) throw new Error(`describing topic '${r.resourceName}' failed: ${r.errorMessage ?? `error ${r.errorCode}`}`);
      out[r.resourceName] = Object.fromEntries(
        r.configEntries.filter((e) => e.configSource === TOPIC_CONFIG_SOURCE).map((e) => [e.configName, e.configValue ?? '']),
      );
    }
    return out;
  });
}

/** Set topic-level config (incremental: other overrides stay). */
export async function alterTopicConfig(d: ConnectionDescriptor, topic: string, config: Readonly<Record<string, string>>): Promise<void> {
  await withAdmin(d, async (admin) => {
    await admin.alterConfigs({
      validateOnly: false,
      resources: [{ type: ConfigResourceTypes.TOPIC, name: topic, configEntries: Object.entries(config).map(([name, value]) => ({ name, value })) }],
    });
  });
}

/** A broker's effective config (every key, as the broker reports it). */
export async function describeBrokerConfig(d: ConnectionDescriptor, brokerId: number): Promise<Record<string, string>> {
  return withAdmin(d, async (admin) => {
    const res = await admin.describeConfigs({ includeSynonyms: false, resources: [{ type: ConfigResourceTypes.BROKER, name: String(brokerId) }] });
    const r = res.resources[0]!;
    if (r.errorCode !== 0) throw new Error(`describing broker ${brokerId} failed: ${r.errorMessage ?? `error ${r.errorCode}`}`);
    return Object.fromEntries(r.configEntries.map((e) => [e.configName, e.configValue ?? '']));
  });
}

/**
 * Dynamic configs (set with kafka-configs.sh on the broker, or as the cluster-wide broker default)
 * that one broker applies, among `configNames`: name → value.
 */
export async function describeBrokerDynamicConfig(d: ConnectionDescriptor, brokerId: number, configNames: readonly string[]): Promise<Record<string, string>> {
  return withAdmin(d, async (admin) => {
    const res = await admin.describeConfigs({
      includeSynonyms: false,
      resources: [{ type: ConfigResourceTypes.BROKER, name: String(brokerId), configNames: [...configNames] }],
    });
    const r = res.resources[0]!;
    if (r.errorCode !== 0) throw new Error(`describing broker ${brokerId} failed: ${r.errorMessage ?? `error ${r.errorCode}`}`);
    return Object.fromEntries(
      r.configEntries.filter((e) => DYNAMIC_BROKER_SOURCES.has(e.configSource as number) && configNames.includes(e.configName)).map((e) => [e.configName, e.configValue ?? '']),
    );
  });
}
