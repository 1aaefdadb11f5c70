import { isKafkaVersion } from './versions.ts';
import { CONFIG_KEY_PATTERN, isConfigValue } from './config-values.ts';
import { OWNED_KEYS, removedKeyProblem } from './owned-keys.ts';
import { fieldProblem, isObject, show } from './problems.ts';
import { brokerIdsOf, controllerIdsOf, type SpecShape } from './spec-shape.ts';

/**
 * Problems with one config object (`config`, or `nodeConfig.<id>`): keys the tool owns, keys that
 * are not Kafka keys, values of the wrong type, and keys the cluster's Kafka version removed.
 */
function configMapProblems(field: string, cfg: unknown, version: string): string[] {
  if (cfg === undefined) return [];
  if (!isObject(cfg)) return [fieldProblem(field, cfg, 'must be an object of Kafka config keys to values: e.g. { "num.partitions": 3 }')];
  const problems: string[] = [];
  for (const [key, value] of Object.entries(cfg)) {
    const owned = OWNED_KEYS[key];
    if (owned) {
      problems.push(`'${field}.${key}' is set by kafkalab and cannot be overridden: use ${owned} in the spec instead`);
    } else if (!CONFIG_KEY_PATTERN.test(key)) {
      problems.push(`'${field}' has key ${show(key)}, which is not a Kafka config key: use lower-case dotted names such as 'log.retention.ms'`);
    } else if (!isConfigValue(value)) {
      problems.push(fieldProblem(`${field}.${key}`, value, 'must be a string, number or boolean'));
    } else if (isKafkaVersion(version)) {
      const removed = removedKeyProblem(version, key, field);
      if (removed) problems.push(removed);
    }
  }
  return problems;
}

/** Problems with the config overrides: `config` for every node, `nodeConfig` by node id. */
export function configProblems(shape: SpecShape): string[] {
  const { spec, version } = shape;
  const problems = configMapProblems('config', spec.config, version);
  if (spec.nodeConfig === undefined) return problems;
  if (!isObject(spec.nodeConfig)) {
    return [...problems, fieldProblem('nodeConfig', spec.nodeConfig, 'must map node ids to config objects: e.g. { "1": { "num.io.threads": 4 } }')];
  }
  const known = [...brokerIdsOf(shape), ...controllerIdsOf(shape)];
  for (const [id, cfg] of Object.entries(spec.nodeConfig)) {
    if (!known.includes(Number(id))) {
      problems.push(`'nodeConfig.${id}' names no node of this cluster: use one of the node ids ${known.join(', ')}`);
    } else {
      problems.push(...configMapProblems(`nodeConfig.${id}`, cfg, version));
    }
  }
  return problems;
}
