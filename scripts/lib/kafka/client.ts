/**
 * The one place that talks to Kafka from the host. Everything else calls these functions, so
 * another client library could replace kafkajs here alone.
 */
import { readFileSync } from 'node:fs';
import kafkajs, { Kafka, Partitioners, logLevel, type Admin, type KafkaConfig, type SASLOptions } from 'kafkajs';

// Node's CommonJS interop does not see these enums as named exports of kafkajs.
const { AclOperationTypes, AclPermissionTypes, AclResourceTypes, ConfigResourceTypes, ResourcePatternTypes } = kafkajs;
import type { ConnectionDescriptor } from '../cluster/index.ts';
import { waitFor } from '../core/index.ts';

/** Who the client is, when not the descriptor's admin: another user's password, or none at all. */
export interface Identity {
  /** SASL user and password (sasl modes). */
  readonly sasl?: { readonly mechanism?: string; readonly username: string; readonly password: string };
  /** Client certificate and key PEM (mtls), or `null` to connect without one. */
  readonly cert?: { readonly certPem: string; readonly keyPem: string } | null;
  /** CA bundle PEM to trust instead of the cluster's. */
  readonly caPem?: string;
  /** Force a protocol different from the cluster's (negative tests: plaintext against TLS). */
  readonly plaintext?: boolean;
}

export interface ClientOptions {
  /** Bootstrap through these addresses only. @default - every address of the descriptor */
  readonly bootstrap?: readonly string[];
  /** @default 'kafkalab' */
  readonly clientId?: string;
  /** @default - the descriptor's admin */
  readonly identity?: Identity;
  /** kafkajs retries per request. @default 3 */
  readonly retries?: number;
}

const read = (path: string): string => readFileSync(path, 'utf8');

/** A live kafkajs config from the descriptor: CA, certificate and password read from their files. */
export function kafkajsConfigFrom(d: ConnectionDescriptor, opts: ClientOptions = {}): KafkaConfig {
  const id = opts.identity ?? {};
  const base: KafkaConfig = {
    clientId: opts.clientId ?? 'kafkalab',
    brokers: [...(opts.bootstrap ?? d.bootstrapServers)],
    connectionTimeout: 5000,
    authenticationTimeout: 5000,
    requestTimeout: 15000,
    retry: { retries: opts.retries ?? 3, initialRetryTime: 200 },
    logLevel: process.env.KAFKALAB_KAFKAJS_DEBUG ? logLevel.DEBUG : logLevel.NOTHING,
  };
  if (id.plaintext) return base;
  if (d.ssl) {
    const cert = id.cert === null ? undefined : id.cert ?? (d.ssl.certPath ? { certPem: read(d.ssl.certPath), keyPem: read(d.ssl.keyPath!) } : undefined);
    base.ssl = { ca: [id.caPem ?? read(d.ssl.caPath)], ...(cert ? { cert: cert.certPem, key: cert.keyPem } : {}) };
  }
  if (d.sasl) {
    const user = id.sasl ?? { username: d.sasl.username, password: read(d.sasl.passwordPath).trim() };
    base.sasl = {
      mechanism: (user.mechanism ?? d.sasl.mechanism).toLowerCase(),
      username: user.username,
      password: user.password,
    } as SASLOptions;
  }
  return base;
}

function kafkaFor(d: ConnectionDescriptor, opts: ClientOptions = {}): Kafka {
  return new Kafka(kafkajsConfigFrom(d, opts));
}

export async function withAdmin<T>(d: ConnectionDescriptor, fn: (admin: Admin) => Promise<T>, opts: ClientOptions = {}): Promise<T> {
  const admin = kafkaFor(d, opts).admin();
  await admin.connect();
  try {
    return await fn(admin);
  } finally {
    await admin.disconnect();
  }
}

export interface BrokerInfo {
  readonly nodeId: number;
  readonly host: string;
  readonly port: number;
}

/** The brokers the cluster's metadata lists: registered and (under KRaft) unfenced. */
export async function describeBrokers(d: ConnectionDescriptor, opts: ClientOptions = {}): Promise<BrokerInfo[]> {
  return withAdmin(d, async (admin) => {
    const c = await admin.describeCluster();
    return c.brokers.map((b) => ({ nodeId: b.nodeId, host: b.host, port: b.port })).sort((a, b) => a.nodeId - b.nodeId);
  }, opts);
}

/**
 * The controller id brokers report. In ZooKeeper mode it is the active controller; in KRaft a
 * broker reports a random live broker here, so use the quorum leader instead.
 */
export async function describeController(d: ConnectionDescriptor, opts: ClientOptions = {}): Promise<number> {
  return withAdmin(d, async (admin) => (await admin.describeCluster()).controller ?? -1, opts);
}

export interface PartitionState {
  readonly topic: string;
  readonly partition: number;
  readonly leader: number;
  readonly replicas: readonly number[];
  readonly isr: readonly number[];
}

/** Partition state of the given topics (all topics when omitted). */
export async function describePartitions(d: ConnectionDescriptor, topics?: readonly string[], opts: ClientOptions = {}): Promise<PartitionState[]> {
  return withAdmin(d, async (admin) => {
    const names = topics ? [...topics] : await admin.listTopics();
    if (names.length === 0) return [];
    const meta = await admin.fetchTopicMetadata({ topics: names });
    return meta.topics.flatMap((t) =>
      t.partitions.map((p) => ({
        topic: t.name,
        partition: p.partitionId,
        leader: p.leader,
        replicas: p.replicas,
        isr: p.isr,
      })),
    );
  }, opts);
}

/** kafkajs's ConfigResourceTypes.TOPIC (its CommonJS enum is not a named ESM export). */
const TOPIC_RESOURCE = ConfigResourceTypes.TOPIC;

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
      resources: topics.map((name) => ({ type: TOPIC_RESOURCE, name, configNames: [configName] })),
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

/** Delete topics, ignoring the ones that do not exist. */
export async function deleteTopics(d: ConnectionDescriptor, topics: readonly string[], opts: ClientOptions = {}): Promise<void> {
  await withAdmin(d, async (admin) => {
    const existing = new Set(await admin.listTopics());
    const gone = topics.filter((t) => existing.has(t));
    if (gone.length > 0) await admin.deleteTopics({ topics: gone, timeout: 30_000 });
  }, opts);
}

export interface TopicRequest {
  readonly name: string;
  readonly partitions: number;
  readonly replicationFactor: number;
  readonly config?: Readonly<Record<string, string>>;
  /** Place partition i's replicas on exactly these node ids (overrides the broker's placement). */
  readonly replicaAssignment?: readonly (readonly number[])[];
}

/**
 * Create a topic if it does not exist, then wait until every partition has a leader and a full
 * ISR as seen from every broker. A new KRaft cluster may still be electing; retried to a deadline.
 */
export async function ensureTopic(d: ConnectionDescriptor, req: TopicRequest, timeoutMs = 90_000): Promise<PartitionState[]> {
  await waitFor(
    () =>
      withAdmin(d, async (admin) => {
        const existing = await admin.listTopics();
        if (!existing.includes(req.name)) {
          await admin.createTopics({
            waitForLeaders: false,
            topics: [
              {
                topic: req.name,
                ...(req.replicaAssignment
                  ? { replicaAssignment: req.replicaAssignment.map((replicas, partition) => ({ partition, replicas: [...replicas] })) }
                  : { numPartitions: req.partitions, replicationFactor: req.replicationFactor }),
                configEntries: Object.entries(req.config ?? {}).map(([name, value]) => ({ name, value })),
              },
            ],
          });
        }
        return true;
      }),
    { what: `topic '${req.name}' to be created`, timeoutMs },
  );
  return waitFor(
    async () => {
      const parts = await describePartitions(d, [req.name]);
      const ready =
        parts.length === req.partitions &&
        parts.every((p) => p.leader >= 0 && p.isr.length === p.replicas.length && p.replicas.length === req.replicationFactor);
      if (!ready) throw new Error(`topic '${req.name}' partitions not all led with a full ISR yet`);
      return parts;
    },
    { what: `topic '${req.name}' to have leaders and full ISRs`, timeoutMs },
  );
}

export interface OutRecord {
  readonly key?: string;
  readonly value: string;
  readonly partition?: number;
  readonly headers?: Readonly<Record<string, string>>;
}

/** Produce with acks=all and an idempotent producer, bootstrapping through `bootstrap` only. */
export async function produce(
  d: ConnectionDescriptor,
  topic: string,
  records: readonly OutRecord[],
  opts: ClientOptions = {},
): Promise<void> {
  const producer = kafkaFor(d, opts).producer({
    createPartitioner: Partitioners.DefaultPartitioner,
    idempotent: true,
    allowAutoTopicCreation: false,
  });
  await producer.connect();
  try {
    await producer.send({
      topic,
      acks: -1,
      messages: records.map((r) => ({
        key: r.key ?? null,
        value: r.value,
        ...(r.partition !== undefined ? { partition: r.partition } : {}),
        ...(r.headers ? { headers: { ...r.headers } } : {}),
      })),
    });
  } finally {
    await producer.disconnect();
  }
}

export interface InRecord {
  readonly partition: number;
  readonly offset: string;
  readonly key: string | null;
  readonly value: string | null;
}

/**
 * Read a topic from the beginning with a fresh consumer group until `done(records)` is true or the
 * timeout passes; returns what was read either way.
 */
export async function consumeUntil(
  d: ConnectionDescriptor,
  topic: string,
  done: (records: readonly InRecord[]) => boolean,
  opts: ClientOptions & { readonly timeoutMs?: number; readonly groupId?: string } = {},
): Promise<InRecord[]> {
  const groupId = opts.groupId ?? `kafkalab-read-${process.pid}-${Date.now()}`;
  const consumer = kafkaFor(d, opts).consumer({ groupId, sessionTimeout: 10_000, heartbeatInterval: 1000 });
  const seen: InRecord[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    let finish: () => void = () => {};
    const finished = new Promise<void>((r) => {
      finish = r;
    });
    await consumer.run({
      eachMessage: async ({ partition, message }) => {
        seen.push({
          partition,
          offset: message.offset,
          key: message.key ? message.key.toString() : null,
          value: message.value ? message.value.toString() : null,
        });
        if (done(seen)) finish();
      },
    });
    // A live (not unref'd) timer: while kafkajs's sockets sit idle it is what keeps the process
    // waiting, instead of exiting with an unsettled promise.
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((r) => {
      timer = setTimeout(r, opts.timeoutMs ?? 60_000);
    });
    await Promise.race([finished, timeout]);
    clearTimeout(timer);
    return seen;
  } finally {
    await consumer.disconnect();
    await withAdmin(d, (admin) => admin.deleteGroups([groupId])).catch(() => undefined);
  }
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

/** Kafka's ConfigSource for a value set on the topic itself (DescribeConfigs v1+). */
const TOPIC_CONFIG_SOURCE = 1;

/** One ACL binding as Kafka stores it, in the access model's words (lower case). */
export interface AclBinding {
  readonly principal: string;
  readonly resourceType: string;
  readonly resourceName: string;
  readonly pattern: string;
  readonly operation: string;
  readonly permission: string;
  readonly host: string;
}

const lowerName = (table: Record<string, unknown>, value: number): string =>
  (Object.entries(table).find(([, v]) => v === value)?.[0] ?? String(value)).toLowerCase();

/** Every ACL binding the cluster holds. */
export async function describeAclBindings(d: ConnectionDescriptor): Promise<AclBinding[]> {
  return withAdmin(d, async (admin) => {
    const res = await admin.describeAcls({
      resourceType: AclResourceTypes.ANY,
      resourcePatternType: ResourcePatternTypes.ANY,
      operation: AclOperationTypes.ANY,
      permissionType: AclPermissionTypes.ANY,
    });
    return res.resources.flatMap((r) =>
      r.acls.map((a) => ({
        principal: a.principal,
        resourceType: lowerName(AclResourceTypes, r.resourceType),
        resourceName: r.resourceName,
        pattern: lowerName(ResourcePatternTypes, r.resourcePatternType),
        operation: lowerName(AclOperationTypes, a.operation),
        permission: lowerName(AclPermissionTypes, a.permissionType),
        host: a.host,
      })),
    );
  });
}

/**
 * Read a topic as one consumer group until `count` records came or the timeout passed; fails
 * fast (rejects) with Kafka's own error when the broker refuses, e.g. an authorization failure.
 */
export async function consumeAs(
  d: ConnectionDescriptor,
  topic: string,
  count: number,
  opts: ClientOptions & { readonly groupId: string; readonly timeoutMs?: number },
): Promise<InRecord[]> {
  // kafkajs drops the broker's answer when no broker finds a coordinator (e.g. the group is not
  // authorized) and reports "coordinator not found"; its debug log still has the real error.
  let refusal: Error | undefined;
  const kafka = new Kafka({
    ...kafkajsConfigFrom(d, { ...opts, retries: opts.retries ?? 1 }),
    logLevel: logLevel.DEBUG,
    logCreator: () => (entry) => {
      const err = (entry.log as { error?: unknown }).error as { type?: string; message?: string } | undefined;
      if (!refusal && err && typeof err === 'object' && /AUTHORIZATION_FAILED/.test(err.type ?? '')) {
        refusal = Object.assign(new Error(`${err.type}: ${err.message ?? ''}`), { type: err.type });
      }
    },
  });
  const consumer = kafka.consumer({
    groupId: opts.groupId,
    sessionTimeout: 10_000,
    heartbeatInterval: 1000,
    retry: { retries: 1, restartOnFailure: async () => false },
  });
  const seen: InRecord[] = [];
  let timer: NodeJS.Timeout | undefined;
  try {
    await consumer.connect();
    const outcome = new Promise<void>((resolve, reject) => {
      consumer.on(consumer.events.CRASH, (e) => reject(refusal ?? e.payload.error));
      timer = setTimeout(resolve, opts.timeoutMs ?? 30_000);
      void consumer.subscribe({ topic, fromBeginning: true }).then(() =>
        consumer.run({
          // Never moves the group's committed offsets: reading is all a check may do.
          autoCommit: false,
          eachMessage: async ({ partition, message }) => {
            seen.push({ partition, offset: message.offset, key: message.key?.toString() ?? null, value: message.value?.toString() ?? null });
            if (seen.length >= count) resolve();
          },
        }),
      ).catch((e: unknown) => reject(refusal ?? e));
    });
    await outcome;
    return seen;
  } finally {
    clearTimeout(timer);
    await consumer.disconnect().catch(() => undefined);
  }
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

/** Kafka's ConfigSource for a dynamic value on one broker (2) and for the dynamic cluster-wide default (3). */
const DYNAMIC_BROKER_SOURCES = new Set([2, 3]);

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
