/**
 * Node and client certificates: each one valid under the current CA, reissued only when missing
 * or invalid, and its keystore.pem (key, certificate, CA) rewritten only when its content changes.
 */
import { availableParallelism } from 'node:os';
import { existsSync } from 'node:fs';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { EKU_CLIENT_AUTH, EKU_SERVER_AUTH, certProblem, readCert, readUsableKey, type CertRequirements } from './cert-info.ts';
import { generateRsaKey, issueCertificate, type Extensions } from './openssl.ts';
import { install, pem, type LeafFiles, type LoadedCa, type PkiContext } from './pki-store.ts';
import { PUBLIC_FILE_MODE, SECRET_FILE_MODE, ensureSecretDir, setMode, writeFileIfChanged } from './secrets.ts';
import { StepError } from '../stacks/model/errors.ts';

interface LeafSpec {
  readonly kind: 'node' | 'client';
  readonly name: string;
  readonly files: LeafFiles;
  readonly requirements: CertRequirements;
  readonly extensions: Extensions;
}

function nodeSpec(ctx: PkiContext, name: string, dnsNames: readonly string[]): LeafSpec {
  const sans = [...new Set([...dnsNames, 'localhost', '127.0.0.1'])];
  return {
    kind: 'node',
    name,
    files: ctx.layout.node(name),
    requirements: { commonName: name, extendedKeyUsages: [EKU_SERVER_AUTH, EKU_CLIENT_AUTH], subjectAltNames: sans },
    extensions: {
      basicConstraints: 'critical,CA:FALSE',
      keyUsage: 'critical,digitalSignature,keyEncipherment',
      extendedKeyUsage: 'serverAuth,clientAuth',
      subjectAltName: sans.map((n) => (isIP(n) ? `IP:${n}` : `DNS:${n}`)).join(','),
      subjectKeyIdentifier: 'hash',
      authorityKeyIdentifier: 'keyid,issuer',
    },
  };
}

function clientSpec(ctx: PkiContext, name: string): LeafSpec {
  return {
    kind: 'client',
    name,
    files: ctx.layout.client(name),
    requirements: { commonName: name, extendedKeyUsages: [EKU_CLIENT_AUTH] },
    extensions: {
      basicConstraints: 'critical,CA:FALSE',
      keyUsage: 'critical,digitalSignature,keyEncipherment',
      extendedKeyUsage: 'clientAuth',
      subjectKeyIdentifier: 'hash',
      authorityKeyIdentifier: 'keyid,issuer',
    },
  };
}

/**
 * Make one node or client certificate valid under `ca`: keep the key if it is usable (unless
 * `newKey`), issue a certificate if the current one is missing or invalid, and rewrite the
 * keystore only if its content would change.
 */
async function ensureLeaf(ctx: PkiContext, spec: LeafSpec, ca: LoadedCa, newKey: boolean): Promise<void> {
  const { files, kind, name } = spec;
  const step = `issue ${kind} certificate for '${name}'`;
  ensureSecretDir(join(files.cert, '..', '..'));
  ensureSecretDir(join(files.cert, '..'));
  const scratch = (ext: string): string => join(ctx.scratch(), `${kind}-${name}.${ext}`);
  let key = newKey ? undefined : readUsableKey(files.key);
  let keyToInstall: string | undefined;
  let reason: string | undefined;
  if (!key) {
    reason = newKey ? 'new key' : existsSync(files.key) ? 'key unusable' : 'missing';
    keyToInstall = scratch('key');
    await generateRsaKey(step, keyToInstall, ctx.scratch());
    key = readUsableKey(keyToInstall);
    if (!key) throw new StepError(step, 'openssl genpkey wrote a key that is not an unencrypted RSA PKCS#8 key');
  } else {
    reason = certProblem(files.cert, key.key, ca.cert, spec.requirements);
  }
  if (reason) {
    const cert = scratch('crt');
    const c = { key: keyToInstall ?? files.key, commonName: name, extensions: spec.extensions, caCert: ca.files.cert, caKey: ca.files.key, days: ctx.o.validityDays, out: cert };
    await issueCertificate(step, c, ctx.scratch());
    const problem = certProblem(cert, key.key, ca.cert, spec.requirements);
    if (problem) throw new StepError(step, `the new certificate is not valid: ${problem}`);
    if (keyToInstall) install(keyToInstall, files.key, SECRET_FILE_MODE);
    install(cert, files.cert, PUBLIC_FILE_MODE);
    ctx.changes.push(`issued ${kind} ${name} certificate (${reason})`);
  }
  setMode(files.key, SECRET_FILE_MODE);
  setMode(files.cert, PUBLIC_FILE_MODE);
  const keystore = pem(key.pem) + pem(readCert(files.cert).toString()) + pem(ca.cert.toString());
  if (writeFileIfChanged(files.keystore, keystore, SECRET_FILE_MODE) && !reason) ctx.changes.push(`rewrote ${kind} ${name} keystore`);
}

/**
 * Run `fn` over `items`, at most `limit` at a time (openssl key generation is CPU-bound). Every
 * started item finishes before this settles (nothing runs on after the scratch folder is
 * removed); the first error is then thrown.
 */
async function pool<T>(items: readonly T[], limit: number, fn: (t: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (next < items.length && !failed) {
      try {
        await fn(items[next++]!);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  const results = await Promise.allSettled(Array.from({ length: Math.min(limit, items.length) }, worker));
  const rejected = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (rejected) throw rejected.reason;
}

/** Every node and client certificate valid under `ca`; `newNodeKeys` forces new node keys and certificates. */
export async function ensureLeaves(ctx: PkiContext, ca: LoadedCa, opts: { newNodeKeys?: boolean } = {}): Promise<void> {
  const specs = [
    ...ctx.o.nodes.map((n) => ({ spec: nodeSpec(ctx, n.name, n.dnsNames), newKey: Boolean(opts.newNodeKeys) })),
    ...ctx.o.clients.map((c) => ({ spec: clientSpec(ctx, c.name), newKey: false })),
  ];
  const changes: string[][] = specs.map(() => []);
  await pool(
    specs.map((s, i) => ({ ...s, i })),
    Math.max(1, availableParallelism()),
    async ({ spec, newKey, i }) => {
      const own: PkiContext = { ...ctx, changes: changes[i]! };
      await ensureLeaf(own, spec, ca, newKey);
    },
  );
  ctx.changes.push(...changes.flat()); // in input order, whatever order they finished in
}
