/**
 * The consumer-group lag exporter (scripts/lib/kafka/java/KafkalabLagExporter.java): one Kafka Admin
 * client in a container of the cluster's Kafka image, answering GET /metrics in Prometheus' text
 * format (lag, committed and log end offsets, members and state of every consumer group) and
 * GET /-/healthy. Compiled on the host like the admin session (java-class.ts).
 */
import { join } from 'node:path';
import type { KafkaVersion } from '../../../stacks/model/versions.ts';
import { SECURE_JVM_OPTS } from '../../../stacks/render/secret-files.ts';
import { projectRoot } from '../core/index.ts';
import { SHORT_TOOL_ENV } from './in-cluster.ts';
import { ensureCompiledClass } from './java-class.ts';

export const LAG_EXPORTER_CLASS = 'KafkalabLagExporter';
export const LAG_EXPORTER_SOURCE = join(projectRoot, 'scripts', 'lib', 'kafka', 'java', `${LAG_EXPORTER_CLASS}.java`);
/** Its HTTP port in its container (kafka_exporter's usual port). */
export const LAG_EXPORTER_PORT = 9308;
/** The cached classes' folder under the cache dir. */
const LAG_EXPORTER_CACHE = 'lag-exporter';

/**
 * The compiled class of a version (javac against the version's cached jars), built once and cached;
 * returns the path of KafkalabLagExporter.class. Throws with the reason when it cannot be built.
 */
export function ensureLagExporterClass(version: KafkaVersion): Promise<string> {
  return ensureCompiledClass(version, LAG_EXPORTER_SOURCE, LAG_EXPORTER_CLASS, { cacheName: LAG_EXPORTER_CACHE });
}

/**
 * The exporter's JVM command in a container of the cluster's Kafka image: the class in `classDir`,
 * the image's jars, the client config at `configPath` (bootstrap.servers and the security settings;
 * secrets by `${file:...}` reference), HTTP on 0.0.0.0:`port`. A small heap, C1 only and the
 * serial GC (it waits on the network), and out of memory ends the JVM so a restart policy applies.
 */
export function lagExporterCommand(classDir: string, configPath: string, port: number = LAG_EXPORTER_PORT): string[] {
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`the lag exporter's port must be 1-65535, not ${port}`);
  return [
    'java',
    '-Xmx96m',
    ...SHORT_TOOL_ENV.KAFKA_JVM_PERFORMANCE_OPTS!.split(' '),
    '-XX:+ExitOnOutOfMemoryError',
    SECURE_JVM_OPTS,
    '-cp',
    `/opt/kafka/libs/*:${classDir}`,
    LAG_EXPORTER_CLASS,
    configPath,
    String(port),
  ];
}
