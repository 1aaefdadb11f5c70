/**
 * The cluster PKI: one CA per cluster, a certificate per node (server and client auth) and per
 * client principal (CN=<name>), as PEM files Kafka (ssl.keystore.type=PEM), kcat and kafkajs read.
 * Everything is generated with the openssl CLI; see pki-store.ts for the layout on disk.
 */
import { validatePkiOptions, type ClusterPkiOptions } from './pki-input.ts';
import { ensureLeaves } from './pki-leaves.ts';
import { ensureCurrentCa, resultOf, withPki, writeTruststore, type ClusterPki } from './pki-store.ts';

export type { ClientIdentity, ClusterPkiOptions, NodeIdentity } from './pki-input.ts';
export { PkiInputError } from '../stacks/model/errors.ts';
export type { ClusterPki, LeafFiles } from './pki-store.ts';
export { describeCert, type CertDescription } from './cert-info.ts';
export { verifyChain } from './openssl.ts';
export { dropOldCa, promoteNewCa, stageNewCa } from './ca-rotation.ts';

/**
 * Bring the PKI in `dir` to the wanted state: create what is missing, reissue what is invalid
 * (not signed by the current CA, expiring within 30 days, SANs not covering the names, wrong
 * subject or usage, key unusable), and leave every valid file exactly as it is (same bytes, same
 * mtime). A second call with the same options changes nothing.
 */
export async function ensureClusterPki(opts: ClusterPkiOptions): Promise<ClusterPki> {
  const o = validatePkiOptions(opts);
  return withPki(o, async (ctx) => {
    const ca = await ensureCurrentCa(ctx);
    await ensureLeaves(ctx, ca);
    writeTruststore(ctx);
    return resultOf(ctx);
  });
}

/** New keys and certificates for every node, signed by the current CA; the CA and clients are left alone. */
export async function rotateNodeCertificates(opts: ClusterPkiOptions): Promise<ClusterPki> {
  const o = validatePkiOptions(opts);
  return withPki(o, async (ctx) => {
    const ca = await ensureCurrentCa(ctx);
    await ensureLeaves(ctx, ca, { newNodeKeys: true });
    writeTruststore(ctx);
    return resultOf(ctx);
  });
}
