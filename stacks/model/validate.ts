import { SpecError } from './errors.ts';
import { KAFKA_VERSIONS, isKafkaVersion, kafkaMajor } from './versions.ts';
import { CLUSTER_MODES, LIMITS, SPEC_DEFAULTS, SPEC_FIELDS, type ClusterSpec, type ConfigMap } from './spec.ts';
import { OWNED_KEYS, removedKeyProblem } from './owned-keys.ts';
import { securityProblems } from './security.ts';

export const CLUSTER_NAME_PATTERN = /^[a-z][a-z0-9-]{0,30}[a-z0-9]$/;
const RACK_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;
const CONFIG_KEY_PATTERN = /^[a-z][a-z0-9._-]*$/;

const show = (v: unknown): string => (typeof v === 'string' ? `'${v}'` : JSON.stringify(v) ?? String(v));
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function quorumProblem(field: string, value: unknown, what: string): string | undefined {
  if (value === undefined) return undefined;
  if (isInt(value) && (LIMITS.quorumSizes as readonly number[]).includes(value)) return undefined;
  if (isInt(value) && value > 0 && value % 2 === 0) {
    return `'${field}' (${value}) is even: a quorum of ${value} survives no more failures than ${value - 1} (a majority of ${value} is ${value / 2 + 1}), so use ${value - 1} or ${value + 1} (allowed: 1, 3, 5)`;
  }
  return `'${field}' (${show(value)}) is not a quorum size this tool runs: use 1, 3 or 5 ${what}`;
}

function idListProblems(field: string, ids: unknown, count: number, what: string): string[] {
  if (ids === undefined) return [];
  if (!Array.isArray(ids)) return [`'${field}' (${show(ids)}) must be a list of node ids: e.g. [1, 2, 3]`];
  const problems: string[] = [];
  if (ids.length !== count) {
    problems.push(`'${field}' (${show(ids)}) has ${ids.length} ids for ${count} ${what}: give exactly one id per ${what.replace(/s$/, '')}`);
  }
  const bad = ids.filter((i) => !isInt(i) || i < 0 || i > 2147483647);
  if (bad.length > 0) problems.push(`'${field}' (${show(ids)}) holds ${show(bad[0])}: node ids are whole numbers from 0 to 2147483647`);
  const dup = ids.filter((i, at) => ids.indexOf(i) !== at);
  if (dup.length > 0) problems.push(`'${field}' (${show(ids)}) repeats node id ${show(dup[0])}: every node needs its own id`);
  return problems;
}

function configProblems(field: string, cfg: unknown, version: string): string[] {
  if (cfg === undefined) return [];
  if (!isObject(cfg)) return [`'${field}' (${show(cfg)}) must be an object of Kafka config keys to values: e.g. { "num.partitions": 3 }`];
  const problems: string[] = [];
  for (const [key, value] of Object.entries(cfg)) {
    const owned = OWNED_KEYS[key];
    if (owned) {
      problems.push(`'${field}.${key}' is set by kafkalab and cannot be overridden: use ${owned} in the spec instead`);
      continue;
    }
    if (!CONFIG_KEY_PATTERN.test(key)) {
      problems.push(`'${field}' has key ${show(key)}, which is not a Kafka config key: use lower-case dotted names such as 'log.retention.ms'`);
      continue;
    }
    if (!['string', 'number', 'boolean'].includes(typeof value)) {
      problems.push(`'${field}.${key}' (${show(value)}) must be a string, number or boolean`);
      continue;
    }
    if (isKafkaVersion(version)) {
      const removed = removedKeyProblem(version, key, field);
      if (removed) problems.push(removed);
    }
  }
  return problems;
}

/**
 * Every problem with a spec, as messages that name the field, the value and the fix.
 * Pure: checks nothing on the machine (ports in use are checked by the deploy script).
 */
export function validateSpec(spec: ClusterSpec): string[] {
  const problems: string[] = [];
  const raw = spec as unknown as Record<string, unknown>;
  for (const key of Object.keys(raw)) {
    if (!(SPEC_FIELDS as readonly string[]).includes(key)) {
      problems.push(`unknown field '${key}': remove it (known fields: ${SPEC_FIELDS.join(', ')})`);
    }
  }

  if (typeof spec.name !== 'string' || !CLUSTER_NAME_PATTERN.test(spec.name)) {
    problems.push(
      `'name' (${show(spec.name)}) is not a valid cluster name: use 2 to 32 lower-case letters, digits and '-', starting with a letter and not ending with '-'`,
    );
  }

  const version = spec.kafkaVersion ?? (spec.mode === 'zookeeper' ? '3.9.1' : SPEC_DEFAULTS.kafkaVersion);
  if (spec.kafkaVersion !== undefined && !isKafkaVersion(spec.kafkaVersion)) {
    problems.push(`'kafkaVersion' (${show(spec.kafkaVersion)}) is not supported: use one of ${KAFKA_VERSIONS.join(', ')}`);
  }

  const mode = spec.mode ?? SPEC_DEFAULTS.mode;
  if (!(CLUSTER_MODES as readonly unknown[]).includes(mode)) {
    problems.push(`'mode' (${show(spec.mode)}) is not supported: use one of ${CLUSTER_MODES.join(', ')}`);
  }
  if (mode === 'zookeeper' && isKafkaVersion(version) && kafkaMajor(version) >= 4) {
    problems.push(
      `'kafkaVersion' (${show(version)}) has no ZooKeeper mode: Kafka 4.0 removed ZooKeeper, so use 'kafkaVersion' 3.9.1 with 'mode' zookeeper, or a kraft mode`,
    );
  }

  const brokers = spec.brokers ?? SPEC_DEFAULTS.brokers;
  const brokersOk = isInt(brokers) && brokers >= LIMITS.minBrokers && brokers <= LIMITS.maxBrokers;
  if (!brokersOk) {
    problems.push(`'brokers' (${show(spec.brokers)}) is out of range: use a whole number from ${LIMITS.minBrokers} to ${LIMITS.maxBrokers}`);
  }

  // Quorum sizes, and fields that only one mode uses.
  if (spec.controllers !== undefined && mode !== 'kraft-dedicated') {
    problems.push(`'controllers' (${show(spec.controllers)}) applies only to 'mode' kraft-dedicated: remove it, or set 'mode' to kraft-dedicated`);
  } else {
    const p = quorumProblem('controllers', spec.controllers, 'controllers');
    if (p) problems.push(p);
  }
  if (spec.zookeepers !== undefined && mode !== 'zookeeper') {
    problems.push(`'zookeepers' (${show(spec.zookeepers)}) applies only to 'mode' zookeeper: remove it, or set 'mode' to zookeeper`);
  } else {
    const p = quorumProblem('zookeepers', spec.zookeepers, 'ZooKeeper servers');
    if (p) problems.push(p);
  }
  if (spec.controllerIds !== undefined && mode !== 'kraft-dedicated') {
    problems.push(`'controllerIds' (${show(spec.controllerIds)}) applies only to 'mode' kraft-dedicated: remove it (in kraft-combined every broker is a controller)`);
  }

  // Node ids.
  if (brokersOk) problems.push(...idListProblems('brokerIds', spec.brokerIds, brokers, 'brokers'));
  const controllers = spec.controllers ?? SPEC_DEFAULTS.controllers;
  if (mode === 'kraft-dedicated' && isInt(controllers)) {
    problems.push(...idListProblems('controllerIds', spec.controllerIds, controllers, 'controllers'));
    const brokerIds = Array.isArray(spec.brokerIds) ? spec.brokerIds : Array.from({ length: brokersOk ? brokers : 0 }, (_, i) => i + 1);
    const controllerIds = Array.isArray(spec.controllerIds)
      ? spec.controllerIds
      : Array.from({ length: controllers }, (_, i) => SPEC_DEFAULTS.controllerIdBase + i + 1);
    const shared = brokerIds.filter((id) => controllerIds.includes(id));
    if (shared.length > 0) {
      problems.push(`'controllerIds' (${show(controllerIds)}) reuses broker id ${show(shared[0])}: in kraft-dedicated every node needs its own id, so pick controller ids outside 'brokerIds'`);
    }
  }

  // Racks.
  if (spec.racks !== undefined) {
    if (!Array.isArray(spec.racks)) {
      problems.push(`'racks' (${show(spec.racks)}) must be a list with one rack name per broker: e.g. ["a", "b", "c"]`);
    } else {
      if (brokersOk && spec.racks.length !== brokers) {
        problems.push(`'racks' (${show(spec.racks)}) has ${spec.racks.length} entries for ${brokers} brokers: give one rack per broker, in broker order`);
      }
      const bad = spec.racks.find((r) => typeof r !== 'string' || !RACK_PATTERN.test(r));
      if (bad !== undefined) problems.push(`'racks' holds ${show(bad)}, which is not a rack name: use 1 to 64 letters, digits, '.', '_' or '-'`);
    }
  }

  // Replication.
  if (spec.replication !== undefined && !isObject(spec.replication)) {
    problems.push(`'replication' (${show(spec.replication)}) must be an object: e.g. { "minInsyncReplicas": 2 }`);
  } else if (brokersOk) {
    const r = spec.replication ?? {};
    for (const key of Object.keys(r)) {
      if (!['defaultReplicationFactor', 'internalReplicationFactor', 'minInsyncReplicas'].includes(key)) {
        problems.push(`unknown field 'replication.${key}': use defaultReplicationFactor, internalReplicationFactor or minInsyncReplicas`);
      }
    }
    const rf = r.defaultReplicationFactor ?? Math.min(3, brokers);
    for (const field of ['defaultReplicationFactor', 'internalReplicationFactor'] as const) {
      const v = r[field];
      if (v === undefined) continue;
      if (!isInt(v) || v < 1) problems.push(`'replication.${field}' (${show(v)}) must be a whole number of at least 1`);
      else if (v > brokers) problems.push(`'replication.${field}' (${v}) exceeds 'brokers' (${brokers}): lower it or add brokers`);
    }
    const minIsr = r.minInsyncReplicas;
    if (minIsr !== undefined) {
      if (!isInt(minIsr) || minIsr < 1) {
        problems.push(`'replication.minInsyncReplicas' (${show(minIsr)}) must be a whole number of at least 1`);
      } else if (isInt(rf) && minIsr > rf) {
        problems.push(
          `'replication.minInsyncReplicas' (${minIsr}) exceeds the replication factor (${rf}): acks=all writes would always fail, so lower it to ${rf} or less, or raise 'replication.defaultReplicationFactor'`,
        );
      }
    }
  }

  // Config overrides.
  problems.push(...configProblems('config', spec.config, version));
  if (spec.nodeConfig !== undefined) {
    if (!isObject(spec.nodeConfig)) {
      problems.push(`'nodeConfig' (${show(spec.nodeConfig)}) must map node ids to config objects: e.g. { "1": { "num.io.threads": 4 } }`);
    } else {
      const brokerIds = Array.isArray(spec.brokerIds) ? spec.brokerIds : Array.from({ length: brokersOk ? brokers : 0 }, (_, i) => i + 1);
      const controllerIds =
        mode === 'kraft-dedicated'
          ? Array.isArray(spec.controllerIds)
            ? spec.controllerIds
            : Array.from({ length: isInt(controllers) ? controllers : 0 }, (_, i) => SPEC_DEFAULTS.controllerIdBase + i + 1)
          : [];
      const known = [...brokerIds, ...controllerIds];
      for (const [id, cfg] of Object.entries(spec.nodeConfig)) {
        if (!known.includes(Number(id))) {
          problems.push(`'nodeConfig.${id}' names no node of this cluster: use one of the node ids ${known.join(', ')}`);
          continue;
        }
        problems.push(...configProblems(`nodeConfig.${id}`, cfg, version));
      }
    }
  }

  for (const field of ['heapMiB', 'zookeeperHeapMiB'] as const) {
    const h = spec[field];
    if (h !== undefined && (!isInt(h) || h < LIMITS.minHeapMiB || h > LIMITS.maxHeapMiB)) {
      problems.push(`'${field}' (${show(h)}) is out of range: use a whole number of MiB from ${LIMITS.minHeapMiB} to ${LIMITS.maxHeapMiB}`);
    }
  }
  if (spec.zookeeperHeapMiB !== undefined && mode !== 'zookeeper') {
    problems.push(`'zookeeperHeapMiB' (${show(spec.zookeeperHeapMiB)}) applies only to 'mode' zookeeper: remove it`);
  }

  if (spec.basePort !== undefined) {
    const p = spec.basePort;
    const count = brokersOk ? brokers : 1;
    const top = LIMITS.maxPort - count + 1;
    if (!isInt(p) || p < LIMITS.minPort || p > top) {
      problems.push(
        `'basePort' (${show(p)}) is out of range: use a whole number from ${LIMITS.minPort} to ${top}, so that all ${count} broker ports fit below ${LIMITS.maxPort + 1}`,
      );
    }
  }
  problems.push(...securityProblems(spec.security));
  if (spec.access !== undefined && (typeof spec.access !== 'object' || spec.access === null || Array.isArray(spec.access))) {
    problems.push(`'access' (${JSON.stringify(spec.access)}) must be an object with 'topics', 'users' and 'acls' lists, e.g. { "topics": [{ "name": "orders" }] }`);
  }
  return problems;
}

/** Throws a SpecError listing every problem, or returns the spec unchanged. */
export function assertValidSpec(spec: ClusterSpec): ClusterSpec {
  const problems = validateSpec(spec);
  if (problems.length > 0) throw new SpecError(typeof spec.name === 'string' ? spec.name : '?', problems);
  return spec;
}

export type { ConfigMap };
