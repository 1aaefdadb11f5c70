/** Verify check of a TLS cluster's certificates: none expired; those expiring soon are warnings. */
import { expiryWarnings, listCertificates } from '../../../../security/cert-expiry.ts';
import { pkiDirOf } from '../../cluster/index.ts';
import type { SingleCheck } from '../check.ts';

export const certificatesValid: SingleCheck = {
  id: 'certificates-valid',
  name: () => 'certificates valid',
  applies: (cluster) => cluster.security.tls,
  async run({ cluster, warn }) {
    const certs = listCertificates(pkiDirOf(cluster.name));
    if (certs.length === 0) throw new Error(`no certificate under ${pkiDirOf(cluster.name)}: run npm run deploy -- --cluster ${cluster.name}`);
    for (const w of expiryWarnings(certs, cluster.name)) warn(w);
    const expired = certs.filter((c) => c.daysLeft < 0);
    if (expired.length > 0) {
      throw new Error(`expired: ${expired.map((c) => `${c.kind} '${c.name}' on ${c.notAfter.slice(0, 10)}`).join(', ')}; renew with npm run rotate -- --certs --cluster ${cluster.name}`);
    }
    const first = [...certs].sort((a, b) => a.daysLeft - b.daysLeft)[0]!;
    return `${certs.length} certificates; the first to expire is ${first.kind} '${first.name}' on ${first.notAfter.slice(0, 10)} (${first.daysLeft} days)`;
  },
};
