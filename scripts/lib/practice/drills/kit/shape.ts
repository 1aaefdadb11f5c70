import { PRESETS } from '../../../../../stacks/model/presets.ts';
import { resolveCluster } from '../../../../../stacks/model/resolve.ts';
import { brokersOf, type ResolvedCluster } from '../../../../../stacks/model/spec.ts';
import type { DrillNeeds } from './types.ts';

/** What a cluster lacks for a drill, one line each (empty when it fits). */
export function shapeProblems(needs: DrillNeeds, cluster: ResolvedCluster): string[] {
  const problems: string[] = [];
  const brokers = brokersOf(cluster).length;
  if (brokers < needs.minBrokers) {
    problems.push(`needs ${needs.minBrokers} brokers; cluster '${cluster.name}' has ${brokers}`);
  }
  if (needs.mode === 'kraft' && cluster.mode === 'zookeeper') {
    problems.push(`needs a KRaft cluster; cluster '${cluster.name}' runs in zookeeper mode`);
  }
  if (needs.security === 'sasl' && !cluster.security.sasl) {
    problems.push(`needs SCRAM users and an authorizer (security sasl_ssl or sasl_plaintext); cluster '${cluster.name}' runs security '${cluster.security.mode}'`);
  }
  if (needs.monitoring && !cluster.monitoring) {
    problems.push(`needs monitoring (Prometheus, the exporters, the dashboards); cluster '${cluster.name}' runs without it: turn it on with npm run up -- --cluster ${cluster.name} --monitoring (it rolls the nodes one at a time)`);
  }
  if (needs.connect && !cluster.connect) {
    problems.push(`needs Kafka Connect (distributed workers and their REST API); cluster '${cluster.name}' runs without it: turn it on with npm run up -- --cluster ${cluster.name} --connect`);
  }
  if (needs.schemaRegistry && !cluster.schemaRegistry) {
    problems.push(`needs a Schema Registry (its Confluent-compatible API); cluster '${cluster.name}' runs without one: turn it on with npm run up -- --cluster ${cluster.name} --schema-registry`);
  }
  return problems;
}

/** The needs without what up's flags turn on (monitoring, Connect, the Schema Registry): the cluster's shape only. */
const shapeOf = (needs: DrillNeeds): DrillNeeds => ({ ...needs, monitoring: false, connect: false, schemaRegistry: false });

/**
 * The first preset that fits the needs (kraft-3 fits every drill shipped). Monitoring, Connect and the
 * Schema Registry are left out: they are no preset's shape but flags of up (`--monitoring`, `--connect`,
 * `--schema-registry`), which the problems themselves name.
 */
export function presetFor(needs: DrillNeeds, presets = PRESETS): string | undefined {
  const shape = shapeOf(needs);
  return Object.keys(presets).find((name) => shapeProblems(shape, resolveCluster(presets[name]!)).length === 0);
}

/** "min 3 brokers, kraft, sasl": the needs in a few words, for the list. */
export function describeNeeds(needs: DrillNeeds): string {
  const parts = [`${needs.minBrokers}+ brokers`];
  if (needs.mode === 'kraft') parts.push('kraft');
  if (needs.security === 'sasl') parts.push('sasl');
  if (needs.monitoring) parts.push('monitoring');
  if (needs.connect) parts.push('connect');
  if (needs.schemaRegistry) parts.push('schema registry');
  return parts.join(', ');
}

/**
 * Why `start` refuses a drill on a cluster, or undefined when it fits: the problems, then the
 * preset that fits (a preset is offered only for a shape; monitoring, Connect and the Schema Registry are turned
 * on with up's flags).
 */
export function startRefusal(drillId: string, needs: DrillNeeds, cluster: ResolvedCluster, presets = PRESETS): string | undefined {
  const problems = shapeProblems(needs, cluster);
  if (problems.length === 0) return undefined;
  const shapeOnly = shapeProblems(shapeOf(needs), cluster).length > 0;
  const preset = shapeOnly ? presetFor(needs, presets) : undefined;
  const monitoringFlag = needs.monitoring ? ' --monitoring' : '';
  const connectFlag = needs.connect ? ' --connect' : '';
  const registryFlag = needs.schemaRegistry ? ' --schema-registry' : '';
  return `drill '${drillId}' ${problems.join('; ')}${preset ? `: run npm run up -- --cluster ${preset}${monitoringFlag}${connectFlag}${registryFlag}, then npm run drill -- start ${drillId} --cluster ${preset}` : ''}`;
}
