/**
 * How the e2e test compares the defaults the questions state with what a live Kafka reports:
 * DescribeConfigs entries for broker and topic keys, the client config classes' own documentation
 * (printed by their main methods, from the version's jars) for producer and consumer keys.
 */
import type { ClaimedDefault } from './defaults.ts';
import type { DefaultScope } from './question.ts';

/** DescribeConfigs' source of a value that nobody set: Kafka's built-in default. */
export const DEFAULT_CONFIG_SOURCE = 5;

const SOURCE_NAMES: Readonly<Record<number, string>> = {
  0: 'UNKNOWN',
  1: 'TOPIC_CONFIG',
  2: 'DYNAMIC_BROKER_CONFIG',
  3: 'DYNAMIC_DEFAULT_BROKER_CONFIG',
  4: 'STATIC_BROKER_CONFIG',
  5: 'DEFAULT_CONFIG',
  6: 'DYNAMIC_BROKER_LOGGER_CONFIG',
};

/** The classes whose main() prints the config documentation of a client, defaults included. */
export const CLIENT_CONFIG_CLASSES: Readonly<Record<Extract<DefaultScope, 'producer' | 'consumer'>, string>> = {
  producer: 'org.apache.kafka.clients.producer.ProducerConfig',
  consumer: 'org.apache.kafka.clients.consumer.ConsumerConfig',
};

/** One DescribeConfigs entry, as kafkajs returns it with includeSynonyms. */
export interface DescribedConfig {
  readonly configName: string;
  readonly configValue: string | null;
  readonly configSource: number;
  readonly configSynonyms?: readonly { readonly configName: string; readonly configValue: string | null; readonly configSource: number }[];
}

/** What a live source says about one key: its built-in value, or why that cannot be seen. */
export type Observed = { readonly value: string } | { readonly problem: string };

/**
 * Kafka's built-in value of a key from a DescribeConfigs entry: the value itself when nothing set
 * it, else the DEFAULT_CONFIG synonym of the same name (the value under the static or dynamic
 * override kafkalab or an operator put on top).
 */
export function observedDefault(entry: DescribedConfig | undefined, key: string): Observed {
  if (!entry) return { problem: `the cluster does not report '${key}'` };
  if (entry.configSource === DEFAULT_CONFIG_SOURCE) return { value: entry.configValue ?? 'null' };
  const synonym = entry.configSynonyms?.find((s) => s.configName === key && s.configSource === DEFAULT_CONFIG_SOURCE);
  if (synonym) return { value: synonym.configValue ?? 'null' };
  return {
    problem: `'${key}' is set by ${SOURCE_NAMES[entry.configSource] ?? entry.configSource} to ${JSON.stringify(entry.configValue)} and no DEFAULT_CONFIG synonym shows the built-in value`,
  };
}

/**
 * key → default from the HTML that a client config class's main() prints. Durations and sizes
 * carry a readable suffix there ("120000 (2 minutes)"), which is dropped.
 */
export function parseConfigDocs(html: string): Map<string, string> {
  const out = new Map<string, string>();
  const item = /<li>\s*<h4>.*?href="#[^"]*">([^<]+)<\/a><\/h4>.*?<tr><th>Default:<\/th><td>(.*?)<\/td><\/tr>/gs;
  for (const m of html.matchAll(item)) {
    const value = m[2]!.replace(/^(-?\d+(?:\.\d+)?) \([^)]*\)$/, '$1');
    out.set(m[1]!, value);
  }
  return out;
}

/** A claim that the live value contradicts (or that cannot be checked), in words that say what to fix. */
export function claimMismatch(claim: ClaimedDefault, observed: Observed): string | undefined {
  const who = `Kafka ${claim.version} ${claim.scope} '${claim.key}'`;
  const ids = claim.questions.join(', ');
  if ('problem' in observed) return `${who}: cannot check the value ${JSON.stringify(claim.value)} that ${ids} states: ${observed.problem}`;
  if (observed.value === claim.value) return undefined;
  return `${who}: ${ids} states ${JSON.stringify(claim.value)}, the live default is ${JSON.stringify(observed.value)}: fix the question`;
}
