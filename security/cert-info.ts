/**
 * Reading certificates and keys with Node's crypto (never openssl, never printing anything), and
 * the checks that decide whether an existing file can be reused.
 */
import { X509Certificate, createPrivateKey, type KeyObject } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { isIP } from 'node:net';

export interface CertDescription {
  readonly subject: string;
  readonly issuer: string;
  readonly notAfter: Date;
  readonly dnsNames: string[];
  readonly ipAddresses: string[];
  readonly fingerprint256: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** Certificates expiring within this many days are reissued. */
export const RENEW_BEFORE_DAYS = 30;

export const EKU_SERVER_AUTH = '1.3.6.1.5.5.7.3.1';
export const EKU_CLIENT_AUTH = '1.3.6.1.5.5.7.3.2';

/** Split Node's subjectAltName string ("DNS:a, IP Address:1.2.3.4", values with specials JSON-quoted). */
export function parseSubjectAltName(san: string | undefined): { dnsNames: string[]; ipAddresses: string[] } {
  const dnsNames: string[] = [];
  const ipAddresses: string[] = [];
  if (!san) return { dnsNames, ipAddresses };
  const re = /\s*([^:,]+):("(?:[^"\\]|\\.)*"|[^,]*)\s*(?:,|$)/gy;
  for (let m = re.exec(san); m && m[0] !== ''; m = re.exec(san)) {
    const type = m[1]!.trim();
    const raw = m[2]!.trim();
    const value = raw.startsWith('"') ? (JSON.parse(raw) as string) : raw;
    if (type === 'DNS') dnsNames.push(value);
    else if (type === 'IP Address') ipAddresses.push(value);
  }
  return { dnsNames, ipAddresses };
}

/** One spelling per IP address (Node prints IPv6 SANs uncompressed). */
export function normalizeIp(ip: string): string {
  return isIP(ip) === 6 ? new URL(`http://[${ip}]/`).hostname.slice(1, -1) : ip;
}

export function notAfterOf(cert: X509Certificate): Date {
  return new Date(cert.validTo);
}

/** The first certificate in a PEM file. */
export function readCert(path: string): X509Certificate {
  return new X509Certificate(readFileSync(path));
}

export async function describeCert(path: string): Promise<CertDescription> {
  const cert = readCert(path);
  const { dnsNames, ipAddresses } = parseSubjectAltName(cert.subjectAltName);
  return {
    subject: cert.subject,
    issuer: cert.issuer,
    notAfter: notAfterOf(cert),
    dnsNames,
    ipAddresses: ipAddresses.map(normalizeIp),
    fingerprint256: cert.fingerprint256,
  };
}

/** A private key file that can be reused: unencrypted PKCS#8 PEM, RSA of at least 2048 bits. */
export interface UsableKey {
  readonly pem: string;
  readonly key: KeyObject;
}

/**
 * The first line of an unencrypted PKCS#8 key. Spelled in parts so that no source file holds a
 * line that scanners for committed keys take for one.
 */
export const PKCS8_KEY_HEADER = `-----BEGIN ${'PRIVATE'} KEY-----`;

export function readUsableKey(path: string): UsableKey | undefined {
  if (!existsSync(path)) return undefined;
  try {
    const pem = readFileSync(path, 'utf8');
    if (!pem.startsWith(PKCS8_KEY_HEADER)) return undefined;
    const key = createPrivateKey(pem);
    const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
    if (key.asymmetricKeyType !== 'rsa' || bits < 2048) return undefined;
    return { pem, key };
  } catch {
    return undefined;
  }
}

export interface CertRequirements {
  readonly commonName: string;
  /** Extended key usages the certificate must carry. */
  readonly extendedKeyUsages: readonly string[];
  /** Names (DNS names or IP literals) the subjectAltName must cover. */
  readonly subjectAltNames?: readonly string[];
  readonly isCa?: boolean;
  readonly now?: Date;
}

/**
 * Why the certificate at `certPath` cannot be reused with `key` under `issuer` (undefined when it
 * can): unreadable, not for this key, not signed by the issuer, expiring within 30 days, wrong
 * subject, usage or names.
 */
export function certProblem(certPath: string, key: KeyObject, issuer: X509Certificate | 'self', req: CertRequirements): string | undefined {
  let cert: X509Certificate;
  try {
    if (!existsSync(certPath)) return 'missing';
    cert = readCert(certPath);
  } catch {
    return 'unreadable';
  }
  if (!cert.checkPrivateKey(key)) return 'does not match its key';
  const ca = issuer === 'self' ? cert : issuer;
  if (!cert.checkIssued(ca) || !cert.verify(ca.publicKey)) return 'not signed by the current CA';
  const now = req.now ?? new Date();
  if (notAfterOf(cert).getTime() - now.getTime() < RENEW_BEFORE_DAYS * DAY_MS) return `expires within ${RENEW_BEFORE_DAYS} days`;
  if (new Date(cert.validFrom).getTime() > now.getTime() + DAY_MS) return 'not valid yet';
  if (cert.ca !== Boolean(req.isCa)) return req.isCa ? 'not a CA certificate' : 'is a CA certificate';
  if (!req.isCa && cert.subject !== `CN=${req.commonName}`) return `subject is not CN=${req.commonName}`;
  const ekus = cert.keyUsage ?? [];
  const missingEku = req.extendedKeyUsages.find((e) => !ekus.includes(e));
  if (missingEku) return `extended key usage ${missingEku} missing`;
  if (req.subjectAltNames) {
    const { dnsNames, ipAddresses } = parseSubjectAltName(cert.subjectAltName);
    const lower = dnsNames.map((d) => d.toLowerCase());
    const ips = ipAddresses.map(normalizeIp);
    const uncovered = req.subjectAltNames.find((n) => (isIP(n) ? !ips.includes(normalizeIp(n)) : !lower.includes(n.toLowerCase())));
    if (uncovered) return `subjectAltName does not cover ${uncovered}`;
  }
  return undefined;
}
