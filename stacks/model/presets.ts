import type { ClusterSpec } from './spec.ts';

/**
 * Named clusters that ship with the tool, on port ranges of their own so they can run side by
 * side. `kraft-3` is the default.
 */
export const PRESETS: Readonly<Record<string, ClusterSpec>> = {
  'kraft-3': { name: 'kraft-3' },
  'kraft-dedicated': { name: 'kraft-dedicated', mode: 'kraft-dedicated', controllers: 3, brokers: 3, basePort: 19192 },
  'zk-3': { name: 'zk-3', mode: 'zookeeper', zookeepers: 3, brokers: 3, kafkaVersion: '3.9.1', basePort: 19292 },
  /** Two data centres side by side: MirrorMaker 2 on dc-b's Connect workers replicates dc-a's orders (access-presets.ts). */
  'dc-a': { name: 'dc-a', basePort: 19492 },
  'dc-b': { name: 'dc-b', basePort: 19592, connect: true },
};

export const DEFAULT_CLUSTER = 'kraft-3';
