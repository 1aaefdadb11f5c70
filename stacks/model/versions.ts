/** Kafka lines this tool builds images for. 4.4.0 is the newest; 3.9.1 is the last ZooKeeper-capable line. */
export const KAFKA_VERSIONS = ['4.4.0', '3.9.1'] as const;
export type KafkaVersion = (typeof KAFKA_VERSIONS)[number];
export const DEFAULT_KAFKA_VERSION: KafkaVersion = '4.4.0';

export function isKafkaVersion(v: unknown): v is KafkaVersion {
  return typeof v === 'string' && (KAFKA_VERSIONS as readonly string[]).includes(v);
}

/** The major version, for rendering version-dependent config. */
export function kafkaMajor(v: KafkaVersion): number {
  return Number(v.split('.')[0]);
}
