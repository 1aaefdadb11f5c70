import { createHash } from 'node:crypto';

/**
 * A stable KRaft cluster id for a cluster name: 16 bytes of SHA-256, base64url without padding
 * (22 characters), the same shape as `kafka-storage random-uuid` prints. Stable across deploys, so
 * a replaced container finds its formatted volume matching.
 */
export function clusterIdFor(name: string): string {
  const bytes = createHash('sha256').update(`kafkalab/cluster/${name}`).digest().subarray(0, 16);
  return bytes.toString('base64url');
}
