/** Verify check of the declared dynamic broker config: every declared value is the live one. */
import { brokersOf, type ResolvedCluster } from '../../../../stacks/model/spec.ts';
import { describeBrokerConfig } from '../../kafka/index.ts';
import type { SingleCheck } from '../check.ts';

/** Whether the cluster declares dynamic config, cluster-wide or per broker. */
export function hasDynamicConfig(cluster: ResolvedCluster): boolean {
  const dyn = cluster.dynamicConfig;
  return Object.keys(dyn.clusterWide).length > 0 || Object.keys(dyn.perBroker).length > 0;
}

export const dynamicConfigInEffect: SingleCheck = {
  id: 'dynamic-config',
  name: () => 'dynamic config in effect',
  applies: hasDynamicConfig,
  async run({ cluster, d }) {
    const dyn = cluster.dynamicConfig;
    const brokers = brokersOf(cluster);
    const wrong: string[] = [];
    for (const b of brokers) {
      const live = await describeBrokerConfig(d, b.id);
      const want = { ...dyn.clusterWide, ...dyn.perBroker[String(b.id)] };
      for (const [k, v] of Object.entries(want)) if (live[k] !== v) wrong.push(`broker ${b.id} ${k}=${live[k] ?? '(unset)'}, declared ${v}`);
    }
    if (wrong.length > 0) throw new Error(`${wrong.join('; ')} (npm run deploy applies it)`);
    const keys = [...new Set([...Object.keys(dyn.clusterWide), ...Object.values(dyn.perBroker).flatMap((c) => Object.keys(c))])];
    return `${keys.join(', ')} in effect on ${brokers.length} brokers, applied without a restart`;
  },
};
