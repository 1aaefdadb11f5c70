/** Label keys put on every Docker object, so `down` can prove nothing of a cluster is left. */
export const LABELS = {
  cluster: 'dev.kafkalab.cluster',
  node: 'dev.kafkalab.node',
  roles: 'dev.kafkalab.roles',
  /** The host a placed node runs on (its name in the spec's `hosts`). */
  host: 'dev.kafkalab.host',
} as const;

export function labelList(entries: Record<string, string>): { label: string; value: string }[] {
  return Object.entries(entries).map(([label, value]) => ({ label, value }));
}
