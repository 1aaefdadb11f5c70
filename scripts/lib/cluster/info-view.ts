/**
 * What `npm run info` shows without --cluster. A user with one cluster, the default one, wants
 * its connection details (`npm run info -- --json` is its descriptor); with none, or with other
 * clusters on the machine, the list says what there is and which --cluster to ask for.
 *
 * 1. `--all`: the list.
 * 2. The clusters on the machine are exactly the default cluster, and this checkout has its
 *    descriptor: that cluster's view, as `--cluster <default>` shows it.
 * 3. Otherwise (none, others, or the default one from another checkout): the list.
 */
export type InfoView = { readonly show: 'cluster'; readonly cluster: string } | { readonly show: 'list' };

export interface InfoViewInput {
  /** Names of the clusters that have containers on this machine (clustersOnMachine). */
  readonly onMachine: readonly string[];
  /** The default cluster's name (DEFAULT_CLUSTER). */
  readonly defaultCluster: string;
  /** Whether this checkout has the default cluster's connection descriptor (readDescriptor finds it). */
  readonly defaultDescribed: boolean;
  /** `--all` was given. */
  readonly all: boolean;
}

export function infoView({ onMachine, defaultCluster, defaultDescribed, all }: InfoViewInput): InfoView {
  if (all) return { show: 'list' };
  const names = [...new Set(onMachine)];
  if (names.length === 1 && names[0] === defaultCluster && defaultDescribed) return { show: 'cluster', cluster: defaultCluster };
  return { show: 'list' };
}
