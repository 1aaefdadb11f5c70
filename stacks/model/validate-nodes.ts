import { LIMITS } from './limits.ts';
import { fieldProblem, isInt, show } from './problems.ts';
import { brokerIdsOf, controllerIdsOf, type SpecShape } from './spec-shape.ts';

const RACK_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;

function quorumProblem(field: string, value: unknown, what: string): string | undefined {
  if (value === undefined) return undefined;
  if (isInt(value) && (LIMITS.quorumSizes as readonly number[]).includes(value)) return undefined;
  if (isInt(value) && value > 0 && value % 2 === 0) {
    return fieldProblem(
      field,
      value,
      `is even: a quorum of ${value} survives no more failures than ${value - 1} (a majority of ${value} is ${value / 2 + 1}), so use ${value - 1} or ${value + 1} (allowed: 1, 3, 5)`,
    );
  }
  return fieldProblem(field, value, `is not a quorum size this tool runs: use 1, 3 or 5 ${what}`);
}

function idListProblems(field: string, ids: unknown, count: number, what: string): string[] {
  if (ids === undefined) return [];
  if (!Array.isArray(ids)) return [fieldProblem(field, ids, 'must be a list of node ids: e.g. [1, 2, 3]')];
  const problems: string[] = [];
  if (ids.length !== count) {
    problems.push(fieldProblem(field, ids, `has ${ids.length} ids for ${count} ${what}: give exactly one id per ${what.replace(/s$/, '')}`));
  }
  const bad = ids.filter((i) => !isInt(i) || i < 0 || i > 2147483647);
  if (bad.length > 0) problems.push(fieldProblem(field, ids, `holds ${show(bad[0])}: node ids are whole numbers from 0 to 2147483647`));
  const dup = ids.filter((i, at) => ids.indexOf(i) !== at);
  if (dup.length > 0) problems.push(fieldProblem(field, ids, `repeats node id ${show(dup[0])}: every node needs its own id`));
  return problems;
}

/** Problems with how many nodes of each kind the cluster has, and the fields only one mode uses. */
export function countProblems({ spec, mode, brokersOk }: SpecShape): string[] {
  const problems: string[] = [];
  if (!brokersOk) {
    problems.push(fieldProblem('brokers', spec.brokers, `is out of range: use a whole number from ${LIMITS.minBrokers} to ${LIMITS.maxBrokers}`));
  }
  const quorums = [
    { field: 'controllers', value: spec.controllers, mode: 'kraft-dedicated', what: 'controllers' },
    { field: 'zookeepers', value: spec.zookeepers, mode: 'zookeeper', what: 'ZooKeeper servers' },
  ] as const;
  for (const q of quorums) {
    if (q.value !== undefined && mode !== q.mode) {
      problems.push(fieldProblem(q.field, q.value, `applies only to 'mode' ${q.mode}: remove it, or set 'mode' to ${q.mode}`));
    } else {
      const p = quorumProblem(q.field, q.value, q.what);
      if (p) problems.push(p);
    }
  }
  if (spec.controllerIds !== undefined && mode !== 'kraft-dedicated') {
    problems.push(fieldProblem('controllerIds', spec.controllerIds, "applies only to 'mode' kraft-dedicated: remove it (in kraft-combined every broker is a controller)"));
  }
  return problems;
}

/** Problems with the node ids: one per node, valid, unique, and controllers apart from brokers. */
export function nodeIdProblems(shape: SpecShape): string[] {
  const { spec, mode, brokers, brokersOk, controllers } = shape;
  const problems: string[] = [];
  if (brokersOk) problems.push(...idListProblems('brokerIds', spec.brokerIds, brokers, 'brokers'));
  if (mode === 'kraft-dedicated' && isInt(controllers)) {
    problems.push(...idListProblems('controllerIds', spec.controllerIds, controllers, 'controllers'));
    const controllerIds = controllerIdsOf(shape);
    const shared = brokerIdsOf(shape).filter((id) => controllerIds.includes(id));
    if (shared.length > 0) {
      problems.push(
        fieldProblem('controllerIds', controllerIds, `reuses broker id ${show(shared[0])}: in kraft-dedicated every node needs its own id, so pick controller ids outside 'brokerIds'`),
      );
    }
  }
  return problems;
}

/** Problems with `racks`: one valid rack name per broker. */
export function rackProblems({ spec, brokers, brokersOk }: SpecShape): string[] {
  if (spec.racks === undefined) return [];
  if (!Array.isArray(spec.racks)) return [fieldProblem('racks', spec.racks, 'must be a list with one rack name per broker: e.g. ["a", "b", "c"]')];
  const problems: string[] = [];
  if (brokersOk && spec.racks.length !== brokers) {
    problems.push(fieldProblem('racks', spec.racks, `has ${spec.racks.length} entries for ${brokers} brokers: give one rack per broker, in broker order`));
  }
  const bad = spec.racks.find((r) => typeof r !== 'string' || !RACK_PATTERN.test(r));
  if (bad !== undefined) problems.push(`'racks' holds ${show(bad)}, which is not a rack name: use 1 to 64 letters, digits, '.', '_' or '-'`);
  return problems;
}
