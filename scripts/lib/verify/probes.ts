import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROBE_USER } from '../../../stacks/model/security.ts';
import type { ResolvedCluster } from '../../../stacks/model/spec.ts';
import { ensureClusterPki } from '../../../security/pki.ts';
import { layoutOf } from '../../../security/pki-store.ts';
import { type ConnectionDescriptor, secretsDir } from '../cluster/index.ts';
import { classifyFailure, describeFailure, type FailureKind, type Identity, produce, shortMessage, withAdmin } from '../kafka/index.ts';
import type { Check } from './check.ts';

export interface NegativeProbe {
  readonly name: string;
  /** What must happen: the client is refused with this kind of failure. */
  readonly expect: FailureKind;
  readonly run: () => Promise<void>;
}

/** A CA nobody in the cluster trusts, made in a temp folder (removed after). */
async function foreignCaPem(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'kafkalab-foreign-ca-'));
  try {
    const pki = await ensureClusterPki({ dir, clusterName: 'foreign', nodes: [{ name: 'x', dnsNames: ['x'] }], clients: [] });
    return readFileSync(pki.caCert, 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The cases a security mode must refuse, each run with a short, retry-free client. */
export function negativeProbes(cluster: ResolvedCluster, d: ConnectionDescriptor): NegativeProbe[] {
  const s = cluster.security;
  const probes: NegativeProbe[] = [];
  const first = [d.bootstrapServers[0]!];
  const connect = (identity: Identity): Promise<void> =>
    withAdmin(d, async (admin) => void (await admin.listTopics()), { bootstrap: first, identity, retries: 0 });
  const passwordOf = (user: string): string => readFileSync(join(secretsDir(cluster.name), 'passwords', user), 'utf8').trim();
  const probeCert = (): { certPem: string; keyPem: string } => {
    const leaf = layoutOf(join(secretsDir(cluster.name), 'pki')).client(PROBE_USER);
    return { certPem: readFileSync(leaf.cert, 'utf8'), keyPem: readFileSync(leaf.key, 'utf8') };
  };

  if (s.sasl) {
    probes.push({
      name: 'a wrong password is refused',
      expect: 'authentication',
      run: () => connect({ sasl: { username: 'admin', password: 'not-the-password' } }),
    });
    const other = s.mechanism === 'SCRAM-SHA-512' ? 'SCRAM-SHA-256' : 'SCRAM-SHA-512';
    probes.push({
      name: `a client asking for ${other} is refused (the cluster enables ${s.mechanism})`,
      expect: 'mechanism',
      run: () => connect({ sasl: { mechanism: other, username: 'admin', password: passwordOf('admin') } }),
    });
  }
  if (s.tls) {
    probes.push({
      name: 'a client trusting another CA is refused',
      expect: 'tls',
      run: async () => connect({ caPem: await foreignCaPem() }),
    });
    probes.push({
      name: 'a plaintext client on the TLS listener is refused',
      expect: 'connection',
      run: () => connect({ plaintext: true }),
    });
  }
  if (s.clientCerts) {
    probes.push({
      name: 'a client without a certificate is refused',
      expect: 'tls',
      run: () => connect({ cert: null }),
    });
  }
  if (s.authorizer) {
    const identity: Identity = s.sasl
      ? { sasl: { username: PROBE_USER, password: passwordOf(PROBE_USER) } }
      : { cert: probeCert() };
    probes.push({
      name: `an authenticated user with no ACL ('${PROBE_USER}') is refused`,
      expect: 'authorization',
      // An idempotent producer needs retries > 0; an authorization error is not retried anyway.
      run: () => produce(d, 'kafkalab-verify', [{ value: 'must not be written' }], { bootstrap: first, identity, retries: 1 }),
    });
  }
  return probes;
}

/** Run every probe: a probe passes when the client is refused for the expected reason. */
export async function runNegativeProbes(cluster: ResolvedCluster, d: ConnectionDescriptor): Promise<Check[]> {
  const checks: Check[] = [];
  for (const p of negativeProbes(cluster, d)) {
    try {
      await p.run();
      checks.push({ name: `negative: ${p.name}`, ok: false, detail: `expected a refusal (${p.expect}), but the client got through` });
    } catch (error) {
      const kind = classifyFailure(error);
      checks.push({
        name: `negative: ${p.name}`,
        ok: kind === p.expect,
        detail: kind === p.expect ? `${describeFailure(kind)} (${shortMessage(error)})` : `expected ${p.expect}, got ${describeFailure(kind)}: ${shortMessage(error)}`,
      });
    }
  }
  if (checks.length === 0) {
    checks.push({ name: 'negative probes', ok: true, detail: `security mode '${cluster.security.mode}' refuses nobody: nothing to probe` });
  }
  return checks;
}

