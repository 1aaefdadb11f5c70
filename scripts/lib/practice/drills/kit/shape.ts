import { PRESETS } from '../../../../../stacks/model/presets.ts';
import { resolveCluster } from '../../../../../stacks/model/resolve.ts';
import { brokersOf, type ResolvedCluster } from '../../../../../stacks/model/spec.ts';
import { labHostOfEngine } from '../../../lab-hosts/index.ts';
import type { DrillNeeds } from './types.ts';

/** The min.insync.replicas of the topics of drills that cut a host: acks=all must survive one host. */
export const LAB_HOST_DRILL_MIN_ISR = 2;

const LAB_HOSTS_FIX = 'npm run lab-hosts -- up prints the "hosts" of a spec file; deploy a spec with them (docs/lab-hosts.md)';

/**
 * What keeps a cluster from losing one whole lab host in a drill: nodes not placed on lab hosts, a
 * host holding a majority of the controllers (its loss would lose the quorum), or a host whose
 * loss leaves fewer than LAB_HOST_DRILL_MIN_ISR brokers (acks=all writes would fail). Empty when it can.
 */
export function labHostProblems(cluster: ResolvedCluster): string[] {
  if (!cluster.hosts || cluster.hosts.length === 0) {
    return [`needs nodes placed on lab hosts (\`hosts\` in the spec from npm run lab-hosts -- up); cluster '${cluster.name}' runs every node on the default engine: ${LAB_HOSTS_FIX}`];
  }
  const off = cluster.nodes.filter((n) => !n.placed || labHostOfEngine(n.placed.host.docker) === undefined);
  if (off.length > 0) {
    const where = off.map((n) => (n.placed ? `node ${n.id} runs on host '${n.placed.host.name}' (${n.placed.host.docker})` : `node ${n.id} is not placed`)).join(', ');
    return [`needs every node on a lab host (an engine unix:///run/kafkalab-lab-K.sock); in cluster '${cluster.name}' ${where}: ${LAB_HOSTS_FIX}`];
  }
  const problems: string[] = [];
  const hostOf = (n: ResolvedCluster['nodes'][number]): string => n.placed!.host.name;
  const count = (nodes: readonly ResolvedCluster['nodes'][number][]): Map<string, number> => {
    const m = new Map<string, number>();
    for (const n of nodes) m.set(hostOf(n), (m.get(hostOf(n)) ?? 0) + 1);
    return m;
  };
  const controllers = cluster.nodes.filter((n) => n.roles.includes('controller'));
  const majority = Math.floor(controllers.length / 2) + 1;
  for (const [host, n] of count(controllers)) {
    if (controllers.length > 0 && n >= majority) problems.push(`needs no host holding a majority of the controllers (losing it would lose the quorum); in cluster '${cluster.name}' host '${host}' holds ${n} of ${controllers.length}: spread them with 'placement'`);
  }
  const brokers = brokersOf(cluster);
  for (const [host, n] of count(brokers)) {
    if (brokers.length - n < LAB_HOST_DRILL_MIN_ISR) {
      problems.push(`needs ${LAB_HOST_DRILL_MIN_ISR} brokers off every host, so that acks=all writes (min.insync.replicas=${LAB_HOST_DRILL_MIN_ISR}) still work with one host lost; in cluster '${cluster.name}' ${brokers.length - n} run${brokers.length - n === 1 ? 's' : ''} off host '${host}': add brokers or spread them with 'placement'`);
    }
  }
  return problems;
}

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
  if (needs.labHosts) problems.push(...labHostProblems(cluster));
  // The other drills act on the default engine and its cluster network: proven there only.
  if (!needs.labHosts && cluster.hosts) {
    problems.push(`is proven on clusters of one engine only; cluster '${cluster.name}' places its nodes on hosts ('hosts' in its spec): run it on a cluster without hosts, e.g. --cluster kraft-3`);
  }
  return problems;
}

/**
 * The needs without what up's flags turn on (monitoring, Connect, the Schema Registry) and the lab
 * hosts (a spec's `hosts`, no preset's): the cluster's shape only.
 */
const shapeOf = (needs: DrillNeeds): DrillNeeds => ({ ...needs, monitoring: false, connect: false, schemaRegistry: false, labHosts: false });

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
  if (needs.labHosts) parts.push('lab hosts');
  return parts.join(', ');
}

/**
 * Why `start` refuses a drill on a cluster, or undefined when it fits: the problems, then the
 * preset that fits (a preset is offered only for a shape; monitoring, Connect and the Schema Registry are turned
 * on with up's flags; no preset has lab hosts, so a drill that needs them is offered none).
 */
export function startRefusal(drillId: string, needs: DrillNeeds, cluster: ResolvedCluster, presets = PRESETS): string | undefined {
  const problems = shapeProblems(needs, cluster);
  if (problems.length === 0) return undefined;
  const shapeOnly = shapeProblems(shapeOf(needs), cluster).length > 0;
  const preset = shapeOnly && !needs.labHosts ? presetFor(needs, presets) : undefined;
  const monitoringFlag = needs.monitoring ? ' --monitoring' : '';
  const connectFlag = needs.connect ? ' --connect' : '';
  const registryFlag = needs.schemaRegistry ? ' --schema-registry' : '';
  return `drill '${drillId}' ${problems.join('; ')}${preset ? `: run npm run up -- --cluster ${preset}${monitoringFlag}${connectFlag}${registryFlag}, then npm run drill -- start ${drillId} --cluster ${preset}` : ''}`;
}
