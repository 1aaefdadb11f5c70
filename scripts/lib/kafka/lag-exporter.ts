/**
 * The consumer-group lag exporter (scripts/lib/kafka/java/KafkalabLagExporter.java): one Kafka Admin
 * client in a container of the cluster's Kafka image, answering GET /metrics in Prometheus' text
 * format (lag, committed and log end offsets, members and state of every consumer group) and
 * GET /-/healthy. Compiled on the host like the admin session (java-class.ts).
 */
import { join } from 'node:path';
import type { KafkaVersion } from '../../../stacks/model/versions.ts';
import { MONITORING_PORTS } from '../../../stacks/model/monitoring.ts';
import { LAG_EXPORTER_CLASS } from '../../../stacks/render/monitoring/lag-exporter.ts';
import { projectRoot } from '../core/index.ts';
import { ensureCompiledClass } from './java-class.ts';

/** The class and its command are the stack's (stacks/render/monitoring/lag-exporter.ts): one definition. */
export { LAG_EXPORTER_CLASS, lagExporterCommand } from '../../../stacks/render/monitoring/lag-exporter.ts';
export const LAG_EXPORTER_SOURCE = join(projectRoot, 'scripts', 'lib', 'kafka', 'java', `${LAG_EXPORTER_CLASS}.java`);
/** Its HTTP port in its container (kafka_exporter's usual port). */
export const LAG_EXPORTER_PORT: number = MONITORING_PORTS.lagExporter;
/** The cached classes' folder under the cache dir. */
const LAG_EXPORTER_CACHE = 'lag-exporter';

/**
 * The compiled class of a version (javac against the version's cached jars), built once and cached;
 * returns the path of KafkalabLagExporter.class. Throws with the reason when it cannot be built.
 */
export function ensureLagExporterClass(version: KafkaVersion): Promise<string> {
  return ensureCompiledClass(version, LAG_EXPORTER_SOURCE, LAG_EXPORTER_CLASS, { cacheName: LAG_EXPORTER_CACHE });
}
