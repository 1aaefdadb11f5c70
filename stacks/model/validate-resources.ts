import { LIMITS } from './limits.ts';
import { PROMETHEUS_PORT_OFFSET } from './monitoring.ts';
import { CONNECT_PORT_OFFSET, connectPortSpan } from './connect.ts';
import { SCHEMA_REGISTRY_PORT_OFFSET, schemaRegistryPortSpan } from './schema-registry.ts';
import { fieldProblem, isInt } from './problems.ts';
import type { SpecShape } from './spec-shape.ts';

/** Problems with what the cluster takes from the machine: JVM heaps and host ports. */
export function resourceProblems({ spec, mode, brokers, brokersOk }: SpecShape): string[] {
  const problems: string[] = [];
  for (const field of ['heapMiB', 'zookeeperHeapMiB'] as const) {
    const h = spec[field];
    if (h !== undefined && (!isInt(h) || h < LIMITS.minHeapMiB || h > LIMITS.maxHeapMiB)) {
      problems.push(fieldProblem(field, h, `is out of range: use a whole number of MiB from ${LIMITS.minHeapMiB} to ${LIMITS.maxHeapMiB}`));
    }
  }
  if (spec.zookeeperHeapMiB !== undefined && mode !== 'zookeeper') {
    problems.push(fieldProblem('zookeeperHeapMiB', spec.zookeeperHeapMiB, "applies only to 'mode' zookeeper: remove it"));
  }
  if (spec.basePort !== undefined) {
    const p = spec.basePort;
    const count = brokersOk ? brokers : 1;
    // A monitored cluster also publishes Prometheus, at basePort + PROMETHEUS_PORT_OFFSET, and
    // Connect its workers' REST ports after it.
    const connectSpan = connectPortSpan(spec.connect);
    const registrySpan = schemaRegistryPortSpan(spec.schemaRegistry);
    const span = Math.max(count, spec.monitoring ? PROMETHEUS_PORT_OFFSET + 1 : 0, connectSpan, registrySpan);
    const top = LIMITS.maxPort - span + 1;
    if (!isInt(p) || p < LIMITS.minPort || p > top) {
      const what =
        span === count
          ? `all ${count} broker ports fit`
          : span === registrySpan
            ? `the Schema Registry's port (basePort + ${SCHEMA_REGISTRY_PORT_OFFSET}) fits`
          : span === connectSpan
            ? `the Connect workers' ports (from basePort + ${CONNECT_PORT_OFFSET}) fit`
            : `Prometheus's port (basePort + ${PROMETHEUS_PORT_OFFSET}) fits`;
      problems.push(fieldProblem('basePort', p, `is out of range: use a whole number from ${LIMITS.minPort} to ${top}, so that ${what} below ${LIMITS.maxPort + 1}`));
    }
  }
  return problems;
}
