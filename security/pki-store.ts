/**
 * The cluster PKI on disk: where every file lives, and the building blocks that bring one part of
 * it (a CA, a node or client certificate, the truststore) to the wanted state, touching a file
 * only when it is missing or no longer valid. pki.ts and ca-rotation.ts compose them.
 *
 * Layout under `dir` (folders 0700, keys and keystores 0600, certificates and truststore 0644):
 *   ca/ca.crt, ca/ca.key                    the CA that signs every node and client certificate
 *   ca-next/, ca-previous/                  during a CA rotation only (see ca-rotation.ts)
 *   truststore.pem                          every trusted CA certificate: previous, current, next
 *   nodes/<name>/node.crt|node.key|keystore.pem
 *   clients/<name>/client.crt|client.key|keystore.pem
 * keystore.pem = the unencrypted PKCS#8 private key, then the certificate, then the issuing CA's.
 */
import { X509Certificate } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { existsSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { StepError } from '../scripts/lib/progress.ts';
import {
  EKU_CLIENT_AUTH,
  EKU_SERVER_AUTH,
  certProblem,
  readCert,
  readUsableKey,
  type CertRequirements,
  type UsableKey,
} from './cert-info.ts';
import { generateRsaKey, issueCertificate, selfSignedCa, type Extensions } from './openssl.ts';
import type { ValidatedPkiOptions } from './pki-input.ts';
import { PUBLIC_FILE_MODE, SECRET_DIR_MODE, SECRET_FILE_MODE, ensureSecretDir, setMode, writeFileIfChanged } from './secrets.ts';

export interface CaFiles {
  readonly dir: string;
  readonly cert: string;
  readonly key: string;
}

export interface LeafFiles {
  readonly cert: string;
  readonly key: string;
  readonly keystore: string;
}

export interface ClusterPki {
  readonly dir: string;
  readonly caCert: string;
  readonly caKey: string;
  /** PEM bundle of every trusted CA certificate. */
  readonly truststore: string;
  /** The CA certificates in the truststore, in order: previous (during a rotation), current, next (staged). */
  readonly trustedCaCerts: readonly string[];
  readonly nodes: Readonly<Record<string, LeafFiles>>;
  readonly clients: Readonly<Record<string, LeafFiles>>;
  /** What this call changed, e.g. "issued node kafka-3 certificate (missing)"; empty when nothing changed. */
  readonly changes: readonly string[];
}

export interface PkiLayout {
  readonly dir: string;
  readonly ca: CaFiles;
  readonly caNext: CaFiles;
  readonly caPrevious: CaFiles;
  readonly truststore: string;
  node(name: string): LeafFiles;
  client(name: string): LeafFiles;
}

const caFiles = (dir: string): CaFiles => ({ dir, cert: join(dir, 'ca.crt'), key: join(dir, 'ca.key') });
const leafFiles = (dir: string, base: string): LeafFiles => ({
  cert: join(dir, `${base}.crt`),
  key: join(dir, `${base}.key`),
  keystore: join(dir, 'keystore.pem'),
});

export function layoutOf(dir: string): PkiLayout {
  return {
    dir,
    ca: caFiles(join(dir, 'ca')),
    caNext: caFiles(join(dir, 'ca-next')),
    caPrevious: caFiles(join(dir, 'ca-previous')),
    truststore: join(dir, 'truststore.pem'),
    node: (name) => leafFiles(join(dir, 'nodes', name), 'node'),
    client: (name) => leafFiles(join(dir, 'clients', name), 'client'),
  };
}

/** One call's state: the options, the layout, a private scratch folder and the list of changes. */
export interface PkiContext {
  readonly o: ValidatedPkiOptions;
  readonly layout: PkiLayout;
  /** 0700 scratch folder inside `dir` (same file system, so files are renamed into place). */
  readonly work: string;
  readonly changes: string[];
}

/** Run `fn` with a fresh context; the scratch folder is removed afterwards, whatever happens. */
export async function withPki<T>(o: ValidatedPkiOptions, fn: (ctx: PkiContext) => Promise<T>): Promise<T> {
  ensureSecretDir(o.dir);
  const work = mkdtempSync(join(o.dir, '.work-'));
  try {
    setMode(work, SECRET_DIR_MODE);
    return await fn({ o, layout: layoutOf(o.dir), work, changes: [] });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export interface LoadedCa {
  readonly files: CaFiles;
  readonly cert: X509Certificate;
  readonly key: UsableKey;
}

/** The CA in `files` if it is usable (readable, key matches, self-signed CA, not expiring), else why not. */
export function loadCa(files: CaFiles): LoadedCa | string {
  if (!existsSync(files.cert) && !existsSync(files.key)) return 'missing';
  const key = readUsableKey(files.key);
  if (!key) return 'key missing or unusable';
  const problem = certProblem(files.cert, key.key, 'self', { commonName: '', extendedKeyUsages: [], isCa: true });
  if (problem) return `certificate ${problem}`;
  return { files, cert: readCert(files.cert), key };
}

/** A CA certificate that may be trusted (readable and a CA), whatever the state of its key. */
function trustedCert(files: CaFiles): X509Certificate | undefined {
  try {
    const cert = readCert(files.cert);
    return cert.ca ? cert : undefined;
  } catch {
    return undefined;
  }
}

function yyyymmdd(d: Date): string {
  return d.toISOString().slice(0, 10).replaceAll('-', '');
}

/** `kafkalab <cluster> CA <yyyymmdd>`, with `-2`, `-3`... when a CA in this PKI already has that subject. */
function caCommonName(ctx: PkiContext): string {
  const taken = new Set(
    [ctx.layout.caPrevious, ctx.layout.ca, ctx.layout.caNext].flatMap((f) => {
      const c = existsSync(f.cert) ? trustedCert(f) : undefined;
      return c ? [c.subject] : [];
    }),
  );
  const base = `kafkalab ${ctx.o.clusterName} CA ${yyyymmdd(new Date())}`;
  let cn = base;
  for (let n = 2; taken.has(`CN=${cn}`); n++) cn = `${base}-${n}`;
  return cn;
}

/** Make the CA in `files` usable: keep it if it is, else create a new key and self-signed certificate. */
export async function ensureCaAt(ctx: PkiContext, files: CaFiles, label: string): Promise<LoadedCa> {
  const existing = loadCa(files);
  if (typeof existing !== 'string') {
    ensureSecretDir(files.dir);
    setMode(files.key, SECRET_FILE_MODE);
    setMode(files.cert, PUBLIC_FILE_MODE);
    return existing;
  }
  const step = `create ${label}`;
  const key = join(ctx.work, `${label.replace(/\W+/g, '-')}.key`);
  const cert = join(ctx.work, `${label.replace(/\W+/g, '-')}.crt`);
  await generateRsaKey(step, key, ctx.work);
  await selfSignedCa(step, { key, out: cert, commonName: caCommonName(ctx), days: ctx.o.caValidityDays }, ctx.work);
  ensureSecretDir(files.dir);
  install(key, files.key, SECRET_FILE_MODE);
  install(cert, files.cert, PUBLIC_FILE_MODE);
  const created = loadCa(files);
  if (typeof created === 'string') throw new StepError(step, `the new CA in ${files.dir} is not usable: ${created}`);
  ctx.changes.push(`created ${label} (${existing})`);
  return created;
}

/** The current CA (ca/), created when missing or unusable. */
export async function ensureCurrentCa(ctx: PkiContext): Promise<LoadedCa> {
  const { ca, caNext } = ctx.layout;
  if (!existsSync(ca.cert) && !existsSync(ca.key) && existsSync(caNext.dir)) {
    throw new StepError(
      'cluster PKI',
      `${ca.dir} is missing but a staged CA is in ${caNext.dir} (an interrupted CA promotion?)`,
      'run promoteNewCa to finish the promotion',
    );
  }
  return ensureCaAt(ctx, ca, 'CA');
}

function install(from: string, to: string, mode: number): void {
  setMode(from, mode);
  renameSync(from, to);
}

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

const pem = (text: string): string => `${text.trimEnd()}\n`;

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
  const scratch = join(ctx.work, `${kind}-${name}`);
  let key = newKey ? undefined : readUsableKey(files.key);
  let keyToInstall: string | undefined;
  let reason: string | undefined;
  if (!key) {
    reason = newKey ? 'new key' : existsSync(files.key) ? 'key unusable' : 'missing';
    keyToInstall = `${scratch}.key`;
    await generateRsaKey(step, keyToInstall, ctx.work);
    key = readUsableKey(keyToInstall);
    if (!key) throw new StepError(step, 'openssl genpkey wrote a key that is not an unencrypted RSA PKCS#8 key');
  } else {
    reason = certProblem(files.cert, key.key, ca.cert, spec.requirements);
  }
  if (reason) {
    const cert = `${scratch}.crt`;
    const c = { key: keyToInstall ?? files.key, commonName: name, extensions: spec.extensions, caCert: ca.files.cert, caKey: ca.files.key, days: ctx.o.validityDays, out: cert };
    await issueCertificate(step, c, ctx.work);
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

/** Run `fn` over `items`, at most `limit` at a time (openssl key generation is CPU-bound). */
async function pool<T>(items: readonly T[], limit: number, fn: (t: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
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

/** The CA certificates to trust, in order: previous, current, next (those present). */
export function trustedCas(layout: PkiLayout): CaFiles[] {
  return [layout.caPrevious, layout.ca, layout.caNext].filter((f) => existsSync(f.cert) && trustedCert(f) !== undefined);
}

/** Write truststore.pem from the trusted CA certificates, only if its content changes. */
export function writeTruststore(ctx: PkiContext): void {
  const text = trustedCas(ctx.layout)
    .map((f) => pem(readCert(f.cert).toString()))
    .join('');
  if (writeFileIfChanged(ctx.layout.truststore, text, PUBLIC_FILE_MODE)) ctx.changes.push('wrote truststore');
}

export function resultOf(ctx: PkiContext): ClusterPki {
  const { layout, o } = ctx;
  return {
    dir: o.dir,
    caCert: layout.ca.cert,
    caKey: layout.ca.key,
    truststore: layout.truststore,
    trustedCaCerts: trustedCas(layout).map((f) => f.cert),
    nodes: Object.fromEntries(o.nodes.map((n) => [n.name, layout.node(n.name)])),
    clients: Object.fromEntries(o.clients.map((c) => [c.name, layout.client(c.name)])),
    changes: [...ctx.changes],
  };
}
