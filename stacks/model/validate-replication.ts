import { fieldProblem, isInt, isObject, show } from './problems.ts';
import type { SpecShape } from './spec-shape.ts';

const REPLICATION_FIELDS = ['defaultReplicationFactor', 'internalReplicationFactor', 'minInsyncReplicas'];

/**
 * Problems with `replication`: known fields, factors between 1 and the broker count, and a
 * min.insync.replicas that acks=all writes can meet.
 */
export function replicationProblems({ spec, brokers, brokersOk }: SpecShape): string[] {
  if (spec.replication !== undefined && !isObject(spec.replication)) {
    return [fieldProblem('replication', spec.replication, 'must be an object: e.g. { "minInsyncReplicas": 2 }')];
  }
  if (!brokersOk) return [];
  const problems: string[] = [];
  const r = spec.replication ?? {};
  for (const key of Object.keys(r)) {
    if (!REPLICATION_FIELDS.includes(key)) {
      problems.push(`unknown field 'replication.${key}': use defaultReplicationFactor, internalReplicationFactor or minInsyncReplicas`);
    }
  }
  const rf = r.defaultReplicationFactor ?? Math.min(3, brokers);
  for (const field of ['defaultReplicationFactor', 'internalReplicationFactor'] as const) {
    const v = r[field];
    if (v === undefined) continue;
    if (!isInt(v) || v < 1) problems.push(fieldProblem(`replication.${field}`, v, 'must be a whole number of at least 1'));
    else if (v > brokers) problems.push(fieldProblem(`replication.${field}`, v, `exceeds 'brokers' (${brokers}): lower it or add brokers`));
  }
  const minIsr = r.minInsyncReplicas;
  if (minIsr === undefined) return problems;
  if (!isInt(minIsr) || minIsr < 1) {
    problems.push(fieldProblem('replication.minInsyncReplicas', minIsr, 'must be a whole number of at least 1'));
  } else if (isInt(rf) && minIsr > rf) {
    problems.push(
      fieldProblem(
        'replication.minInsyncReplicas',
        minIsr,
        `exceeds the replication factor (${show(rf)}): acks=all writes would always fail, so lower it to ${rf} or less, or raise 'replication.defaultReplicationFactor'`,
      ),
    );
  }
  return problems;
}
