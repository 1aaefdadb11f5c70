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
  return problems;
}

/** The first preset that fits the needs (kraft-3 fits every drill shipped). */
export function presetFor(needs: DrillNeeds, presets = PRESETS): string | undefined {
  return Object.keys(presets).find((name) => shapeProblems(needs, resolveCluster(presets[name]!)).length === 0);
}

/** "min 3 brokers, kraft, sasl": the needs in a few words, for the list. */
export function describeNeeds(needs: DrillNeeds): string {
  const parts = [`${needs.minBrokers}+ brokers`];
  if (needs.mode === 'kraft') parts.push('kraft');
  if (needs.security === 'sasl') parts.push('sasl');
  return parts.join(', ');
}
