/**
 * The cluster PKI on disk: where every file lives, and the building blocks that bring one part of
 * it (a CA, the truststore; node and client certificates are in pki-leaves.ts) to the wanted
 * state, touching a file only when it is missing or no longer valid. pki.ts and ca-rotation.ts
 * compose them.
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
import { existsSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { certProblem, readCert, readUsableKey, type UsableKey } from './cert-info.ts';
import { generateRsaKey, selfSignedCa } from './openssl.ts';
import type { ValidatedPkiOptions } from './pki-input.ts';
import { PUBLIC_FILE_MODE, SECRET_DIR_MODE, SECRET_FILE_MODE, ensureSecretDir, setMode, writeFileIfChanged } from './secrets.ts';
import { StepError } from '../stacks/model/errors.ts';

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
  /**
   * A 0700 scratch folder inside `dir` (same file system, so new files are renamed into place),
   * created on first use: a call that changes nothing does not even touch `dir`'s mtime.
   */
  scratch(): string;
  readonly changes: string[];
}

/** Run `fn` with a fresh context; the scratch folder, if one was made, is removed afterwards. */
export async function withPki<T>(o: ValidatedPkiOptions, fn: (ctx: PkiContext) => Promise<T>): Promise<T> {
  ensureSecretDir(o.dir);
  let work: string | undefined;
  const scratch = (): string => {
    if (work === undefined) {
      work = mkdtempSync(join(o.dir, '.work-'));
      setMode(work, SECRET_DIR_MODE);
    }
    return work;
  };
  try {
    return await fn({ o, layout: layoutOf(o.dir), scratch, changes: [] });
  } finally {
    if (work !== undefined) rmSync(work, { recursive: true, force: true });
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
  const work = ctx.scratch();
  const key = join(work, `${label.replace(/\W+/g, '-')}.key`);
  const cert = join(work, `${label.replace(/\W+/g, '-')}.crt`);
  await generateRsaKey(step, key, work);
  await selfSignedCa(step, { key, out: cert, commonName: caCommonName(ctx), days: ctx.o.caValidityDays }, work);
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

/** Move a finished file from the scratch folder into place, with its mode set first. */
export function install(from: string, to: string, mode: number): void {
  setMode(from, mode);
  renameSync(from, to);
}

export const pem = (text: string): string => `${text.trimEnd()}\n`;

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
