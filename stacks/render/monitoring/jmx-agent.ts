/**
 * The JMX exporter agent of a monitored cluster's JVMs: where the image keeps it, where each
 * container gets its rules, and the option that starts it. The agent listens on the node's
 * hostname (its address on the cluster network), never on a published port.
 */
import type { ResolvedCluster } from '../../model/spec.ts';
import { MONITORING_PORTS } from '../../model/monitoring.ts';
import { CONFIG_DIR } from '../server-properties.ts';

/** In every Kafka image (scripts/lib/engine/image puts it there; a test keeps the two equal). */
export const JMX_AGENT_JAR = '/opt/kafka/agents/jmx_prometheus_javaagent.jar';

/** The rules each kind of JVM is given (the files are in stacks/monitoring/jmx/). */
export const JMX_RULES = {
  kafka: { file: 'kafka.yaml', path: `${CONFIG_DIR}/jmx-exporter-kafka.yaml` },
  zookeeper: { file: 'zookeeper.yaml', path: `${CONFIG_DIR}/jmx-exporter-zookeeper.yaml` },
} as const;
export type JmxRulesKind = keyof typeof JMX_RULES;

/** `-javaagent:<jar>=<hostname>:7071:<rules>` */
export function jmxAgentOption(hostname: string, kind: JmxRulesKind): string {
  return `-javaagent:${JMX_AGENT_JAR}=${hostname}:${MONITORING_PORTS.jmxExporter}:${JMX_RULES[kind].path}`;
}

/**
 * Start-script lines that add the agent to the server's JVM only (not to the tools run in the
 * container later, whose JVMs would find its port taken): nothing when monitoring is off.
 */
export function jmxAgentLines(cluster: ResolvedCluster, hostname: string, kind: JmxRulesKind): string[] {
  if (!cluster.monitoring) return [];
  return [`export KAFKA_OPTS="\${KAFKA_OPTS:-} ${jmxAgentOption(hostname, kind)}"`];
}
