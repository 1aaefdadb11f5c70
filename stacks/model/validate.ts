import { KAFKA_VERSIONS, isKafkaVersion } from './versions.ts';
import { LIMITS, SPEC_DEFAULTS, type ClusterSpec } from './spec.ts';

/** Thrown when a spec is invalid; `problems` holds one teaching message per problem. */
export class SpecError extends Error {
  constructor(
    readonly cluster: string,
    readonly problems: readonly string[],
  ) {
    super(`cluster spec '${cluster}' is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'SpecError';
  }
}

export const CLUSTER_NAME_PATTERN = /^[a-z][a-z0-9-]{0,30}[a-z0-9]$/;
const MODES = ['kraft-combined'] as const;

const show = (v: unknown): string => (typeof v === 'string' ? `'${v}'` : JSON.stringify(v) ?? String(v));
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

/**
 * Every problem with a spec, as messages that name the field, the value and the fix.
 * Pure: checks nothing on the machine (ports in use are checked by the deploy script).
 */
export function validateSpec(spec: ClusterSpec): string[] {
  const problems: string[] = [];
  const raw = spec as unknown as Record<string, unknown>;
  const known = new Set(['name', 'kafkaVersion', 'mode', 'brokers', 'heapMiB', 'basePort']);
  for (const key of Object.keys(raw)) {
    if (!known.has(key)) {
      problems.push(`unknown field '${key}': remove it (known fields: ${[...known].join(', ')})`);
    }
  }

  if (typeof spec.name !== 'string' || !CLUSTER_NAME_PATTERN.test(spec.name)) {
    problems.push(
      `'name' (${show(spec.name)}) is not a valid cluster name: use 2 to 32 lower-case letters, digits and '-', starting with a letter and not ending with '-'`,
    );
  }

  if (spec.kafkaVersion !== undefined && !isKafkaVersion(spec.kafkaVersion)) {
    problems.push(
      `'kafkaVersion' (${show(spec.kafkaVersion)}) is not supported: use one of ${KAFKA_VERSIONS.join(', ')}`,
    );
  }

  if (spec.mode !== undefined && !(MODES as readonly unknown[]).includes(spec.mode)) {
    problems.push(`'mode' (${show(spec.mode)}) is not supported: use one of ${MODES.join(', ')}`);
  }

  const brokers = spec.brokers ?? SPEC_DEFAULTS.brokers;
  const brokersOk = isInt(brokers) && brokers >= LIMITS.minBrokers && brokers <= LIMITS.maxBrokers;
  if (!brokersOk) {
    problems.push(
      `'brokers' (${show(spec.brokers)}) is out of range: use a whole number from ${LIMITS.minBrokers} to ${LIMITS.maxBrokers}`,
    );
  }

  if (spec.heapMiB !== undefined) {
    const h = spec.heapMiB;
    if (!isInt(h) || h < LIMITS.minHeapMiB || h > LIMITS.maxHeapMiB) {
      problems.push(
        `'heapMiB' (${show(h)}) is out of range: use a whole number of MiB from ${LIMITS.minHeapMiB} to ${LIMITS.maxHeapMiB}`,
      );
    }
  }

  if (spec.basePort !== undefined) {
    const p = spec.basePort;
    const count = brokersOk ? brokers : 1;
    const top = LIMITS.maxPort - count + 1;
    if (!isInt(p) || p < LIMITS.minPort || p > top) {
      problems.push(
        `'basePort' (${show(p)}) is out of range: use a whole number from ${LIMITS.minPort} to ${top}, so that all ${count} node ports fit below ${LIMITS.maxPort + 1}`,
      );
    }
  }
  return problems;
}

/** Throws a SpecError listing every problem, or returns the spec unchanged. */
export function assertValidSpec(spec: ClusterSpec): ClusterSpec {
  const problems = validateSpec(spec);
  if (problems.length > 0) throw new SpecError(typeof spec.name === 'string' ? spec.name : '?', problems);
  return spec;
}
