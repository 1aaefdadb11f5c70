import type { ClusterSpec } from './spec.ts';

/** Named clusters that ship with the tool. `kraft-3` is the default. */
export const PRESETS: Readonly<Record<string, ClusterSpec>> = {
  'kraft-3': { name: 'kraft-3' },
};

export const DEFAULT_CLUSTER = 'kraft-3';
