/**
 * Checks of the access spec's `topics`, one topic at a time:
 * 1. the name: valid, not internal (`__`), declared once, not colliding with another by '.' versus '_';
 * 2. the partition count: in range, and no fewer than the topic has now (Kafka cannot remove any);
 * 3. the replication factor: at least 1, at most the broker count;
 * 4. the config, and a min.insync.replicas (the topic's or the cluster's) the factor can meet;
 * 5. a topic with no problem is resolved, its config values as strings.
 */
import { TOPIC_FIELDS, type PreviousAccessState } from './access.ts';
import { brokersOf, type ResolvedCluster } from './spec.ts';
import { CONFIG_KEY_PATTERN, isConfigValue } from './config-values.ts';
import { fieldProblem, isInt, isObject, listProblem, orList, show, unknownFields } from './problems.ts';
import type { Checked } from './access-checked.ts';

export const TOPIC_NAME_PATTERN = /^[a-zA-Z0-9._-]{1,249}$/;
export const MAX_PARTITIONS = 1000;

/** Kafka's own default partition count for the cluster: its num.partitions, else 1. */
export function defaultPartitions(cluster: ResolvedCluster): number {
  const configured = Number(brokersOf(cluster)[0]?.overrides['num.partitions']);
  return Number.isInteger(configured) && configured > 0 ? configured : 1;
}

interface TopicContext {
  readonly cluster: ResolvedCluster;
  readonly previous: PreviousAccessState | undefined;
  /** Names seen so far, by their metric name ('.' as '_'). */
  readonly seen: Map<string, { name: string; at: number }>;
  readonly out: Checked;
}

/** Step 1: true when the name is usable (it is then recorded as declared). */
function checkName(name: unknown, i: number, ctx: TopicContext): name is string {
  const at = `topics[${i}]`;
  const p = ctx.out.problems;
  if (typeof name !== 'string' || !TOPIC_NAME_PATTERN.test(name) || name === '.' || name === '..') {
    p.push(fieldProblem(`${at}.name`, name, "is not a valid topic name: use 1 to 249 letters, digits, '.', '_' or '-' (but not '.' or '..' alone)"));
    return false;
  }
  if (name.startsWith('__')) {
    p.push(fieldProblem(`${at}.name`, name, "starts with '__', which Kafka keeps for its internal topics such as __consumer_offsets: pick a name without the leading '__'"));
    return false;
  }
  const key = name.replace(/\./g, '_');
  const other = ctx.seen.get(key);
  if (other && other.name === name) {
    p.push(fieldProblem(`${at}.name`, name, `is declared twice (topics[${other.at}]): declare each topic once`));
    return false;
  }
  if (other) {
    p.push(
      fieldProblem(
        `${at}.name`,
        name,
        `collides with '${other.name}' (topics[${other.at}]): Kafka maps '.' and '_' to the same metric names, so it refuses a topic that differs from another only by '.' versus '_'; rename one of them`,
      ),
    );
    return false;
  }
  ctx.seen.set(key, { name, at: i });
  ctx.out.topicNames.add(name);
  return true;
}

/** Step 2: true when the partition count is usable. */
function checkPartitions(partitions: unknown, name: string | undefined, at: string, ctx: TopicContext): partitions is number {
  const p = ctx.out.problems;
  if (!isInt(partitions) || partitions < 1 || partitions > MAX_PARTITIONS) {
    p.push(fieldProblem(`${at}.partitions`, partitions, `is out of range: use a whole number from 1 to ${MAX_PARTITIONS}`));
    return false;
  }
  const before = name !== undefined ? ctx.previous?.topics[name]?.partitions : undefined;
  if (before !== undefined && partitions < before) {
    p.push(
      fieldProblem(
        `${at}.partitions`,
        partitions,
        `is below the ${before} partitions topic '${name}' has now: Kafka cannot remove partitions (their records would be lost and keys would move to other partitions), and Terraform would delete and re-create the topic; keep ${before} or more, or create a new topic with ${partitions} partitions and move its producers and consumers to it`,
      ),
    );
  }
  return true;
}

/** Step 3: true when the replication factor is usable. */
function checkReplicationFactor(rf: unknown, at: string, { cluster, out }: TopicContext): rf is number {
  const brokers = brokersOf(cluster).length;
  if (!isInt(rf) || rf < 1) {
    out.problems.push(fieldProblem(`${at}.replicationFactor`, rf, 'must be a whole number of at least 1'));
    return false;
  }
  if (rf > brokers) {
    out.problems.push(
      fieldProblem(
        `${at}.replicationFactor`,
        rf,
        `exceeds the broker count of cluster '${cluster.name}' (${brokers}): each replica lives on its own broker, so use ${brokers} or less, or add brokers to the cluster`,
      ),
    );
    return false;
  }
  return true;
}

/** Step 4, the config: its valid entries as strings. */
function checkConfig(cfg: unknown, at: string, p: string[]): Record<string, string> {
  const config: Record<string, string> = {};
  if (cfg !== undefined && !isObject(cfg)) {
    p.push(fieldProblem(`${at}.config`, cfg, 'must be an object of topic config keys to values: e.g. { "retention.ms": 604800000 }'));
    return config;
  }
  for (const [key, value] of Object.entries(cfg ?? {})) {
    if (!CONFIG_KEY_PATTERN.test(key)) {
      p.push(`'${at}.config' has key ${show(key)}, which is not a Kafka config key: use lower-case dotted names such as 'retention.ms'`);
    } else if (!isConfigValue(value)) {
      p.push(fieldProblem(`${at}.config.${key}`, value, 'must be a string, number or boolean'));
    } else {
      config[key] = String(value);
    }
  }
  return config;
}

/** Step 4, min.insync.replicas: the topic's own, or else the cluster's, must not exceed the factor. */
function checkMinInsync(raw: unknown, config: Readonly<Record<string, string>>, rf: number | undefined, at: string, { cluster, out }: TopicContext): void {
  const minIsrRaw = config['min.insync.replicas'];
  if (minIsrRaw !== undefined) {
    const minIsr = Number(minIsrRaw);
    if (!Number.isInteger(minIsr) || minIsr < 1) {
      out.problems.push(fieldProblem(`${at}.config.min.insync.replicas`, raw, 'must be a whole number of at least 1'));
    } else if (rf !== undefined && minIsr > rf) {
      out.problems.push(
        fieldProblem(
          `${at}.config.min.insync.replicas`,
          minIsr,
          `exceeds '${at}.replicationFactor' (${rf}): acks=all writes would always fail with NOT_ENOUGH_REPLICAS, so lower it to ${rf} or less, or raise the replication factor`,
        ),
      );
    }
  } else if (rf !== undefined && cluster.replication.minInsyncReplicas > rf) {
    const minIsr = cluster.replication.minInsyncReplicas;
    out.problems.push(
      fieldProblem(
        `${at}.replicationFactor`,
        rf,
        `is below the min.insync.replicas of cluster '${cluster.name}' (${minIsr}): acks=all writes would always fail with NOT_ENOUGH_REPLICAS, so raise it to ${minIsr} or more, or set '${at}.config.min.insync.replicas' to ${rf} or less`,
      ),
    );
  }
}

function checkTopic(t: unknown, i: number, ctx: TopicContext): void {
  const at = `topics[${i}]`;
  const { cluster, out } = ctx;
  const p = out.problems;
  if (!isObject(t)) return void p.push(fieldProblem(at, t, 'must be an object: e.g. { "name": "orders", "partitions": 3 }'));
  p.push(...unknownFields(t, TOPIC_FIELDS, `${at}.`, `use ${orList(TOPIC_FIELDS)}`));
  const name = t.name;
  const nameOk = checkName(name, i, ctx);
  const partitions = t.partitions ?? defaultPartitions(cluster);
  const partitionsOk = checkPartitions(partitions, nameOk ? (name as string) : undefined, at, ctx);
  const rf = t.replicationFactor ?? cluster.replication.defaultReplicationFactor;
  const rfOk = checkReplicationFactor(rf, at, ctx);
  const config = checkConfig(t.config, at, p);
  const rawMinIsr = isObject(t.config) ? t.config['min.insync.replicas'] : undefined;
  checkMinInsync(rawMinIsr, config, rfOk ? (rf as number) : undefined, at, ctx);
  const prot = t.protected ?? false;
  if (typeof prot !== 'boolean') p.push(fieldProblem(`${at}.protected`, prot, 'must be true or false'));
  if (nameOk && partitionsOk && rfOk && typeof prot === 'boolean') {
    out.topics.push({ name: name as string, partitions: partitions as number, replicationFactor: rf as number, config, protected: prot });
  }
}

/** Checks `topics` (steps 1 to 5 for each), gathering problems and resolved topics into `out`. */
export function checkTopics(raw: unknown, cluster: ResolvedCluster, previous: PreviousAccessState | undefined, out: Checked): void {
  const listed = listProblem('topics', raw, '[{ "name": "orders", "partitions": 3 }]');
  if (listed) return void out.problems.push(listed);
  const ctx: TopicContext = { cluster, previous, seen: new Map(), out };
  ((raw ?? []) as unknown[]).forEach((t, i) => checkTopic(t, i, ctx));
}
