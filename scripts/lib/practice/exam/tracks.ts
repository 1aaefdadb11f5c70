/**
 * The two certification tracks and the fixed exam domains of each. The question bank must cover
 * every domain; the score report is broken down by them, in this order.
 */
export const TRACKS = ['dev', 'ops'] as const;
export type Track = (typeof TRACKS)[number];

export const TRACK_TITLES: Readonly<Record<Track, string>> = {
  dev: 'developer (CCDAK-style)',
  ops: 'administrator (CCAAK-style)',
};

export const DOMAINS = {
  dev: [
    'producers',
    'consumers',
    'topics-and-partitions',
    'streams-and-connect',
    'schemas-and-serialization',
    'transactions-and-semantics',
    'security-for-clients',
    'testing-and-monitoring',
  ],
  ops: [
    'cluster-architecture',
    'kraft-and-zookeeper',
    'installation-and-config',
    'security',
    'operations-and-maintenance',
    'monitoring-and-troubleshooting',
    'replication-and-durability',
    'scaling-and-capacity',
  ],
} as const satisfies Readonly<Record<Track, readonly string[]>>;

export type Domain = (typeof DOMAINS)[Track][number];

export function isTrack(value: unknown): value is Track {
  return typeof value === 'string' && (TRACKS as readonly string[]).includes(value);
}

export function isDomainOf(track: Track, domain: string): boolean {
  return (DOMAINS[track] as readonly string[]).includes(domain);
}
