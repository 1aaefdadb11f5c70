/**
 * The few openssl CLI calls the PKI needs. Keys are always written straight to files (never to
 * stdout, never on a command line); no command here prints key material, and errors carry only
 * openssl's stderr, with any PEM block redacted as a last line of defence.
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { $ } from 'zx';
import { StepError } from '../stacks/model/errors.ts';

const OPENSSL = 'openssl';

/** Remove anything that looks like a PEM block, so an error can never carry key material. */
export function redactPem(text: string): string {
  return text.replace(/-----BEGIN [^-]+-----[\s\S]*?(-----END [^-]+-----|$)/g, '[redacted PEM block]');
}

/**
 * Run `openssl <args>` in `cwd`; throw a StepError named `step` with openssl's stderr on failure.
 * Returns stdout, so never use it with a command that writes a key to stdout.
 */
export async function openssl(step: string, args: readonly string[], cwd: string): Promise<string> {
  const out = await $({ quiet: true, nothrow: true, cwd })`${OPENSSL} ${args}`;
  if (out.exitCode !== 0) {
    const stderr = redactPem(out.stderr.trim()) || `exit code ${out.exitCode}`;
    throw new StepError(step, stderr, 'check that OpenSSL 3 is installed (openssl version) and that the PKI folder is writable and unchanged by hand');
  }
  return out.stdout;
}

/** A random positive 128-bit serial number, as openssl's `-set_serial` takes it. */
export function randomSerial(): string {
  const b = randomBytes(16);
  b[0] = (b[0]! & 0x7f) | 0x01; // positive, and never a leading zero byte
  return `0x${b.toString('hex')}`;
}

/** `/CN=<cn>` for `-subj`, with the characters openssl treats specially escaped. */
export function subjectArg(commonName: string): string {
  return `/CN=${commonName.replace(/([\\/+=,])/g, '\\$1')}`;
}

/** Generate an RSA 2048 private key, unencrypted PKCS#8 PEM, straight into `out` (inside a 0700 work folder). */
export async function generateRsaKey(step: string, out: string, cwd: string): Promise<void> {
  await openssl(step, ['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', out], cwd);
}

/** X.509 v3 extensions, one `name = value` per entry, written to a config section openssl reads. */
export type Extensions = Readonly<Record<string, string>>;

function writeConfig(cwd: string, extensions: Extensions): string {
  const file = join(cwd, `ext-${randomBytes(6).toString('hex')}.cnf`);
  const lines = [
    '[req]',
    'distinguished_name = dn',
    'prompt = no',
    '[dn]',
    '[ext]',
    ...Object.entries(extensions).map(([k, v]) => `${k} = ${v}`),
    '',
  ];
  writeFileSync(file, lines.join('\n'), { mode: 0o600 });
  return file;
}

export interface SelfSignedCaOptions {
  readonly key: string;
  readonly out: string;
  readonly commonName: string;
  readonly days: number;
}

/** A self-signed CA certificate for `key`: SHA-256, random serial, CA extensions. */
export async function selfSignedCa(step: string, o: SelfSignedCaOptions, cwd: string): Promise<void> {
  const config = writeConfig(cwd, {
    basicConstraints: 'critical,CA:TRUE',
    keyUsage: 'critical,keyCertSign,cRLSign',
    subjectKeyIdentifier: 'hash',
    authorityKeyIdentifier: 'keyid:always',
  });
  await openssl(
    step,
    ['req', '-new', '-x509', '-config', config, '-extensions', 'ext', '-key', o.key, '-subj', subjectArg(o.commonName),
      '-sha256', '-days', String(o.days), '-set_serial', randomSerial(), '-out', o.out],
    cwd,
  );
}

export interface IssueOptions {
  /** The subject's private key file. */
  readonly key: string;
  readonly commonName: string;
  readonly extensions: Extensions;
  readonly caCert: string;
  readonly caKey: string;
  readonly days: number;
  readonly out: string;
}

/** A certificate for `key`, signed by the CA: a CSR in `cwd`, then `x509 -req` with the given extensions. */
export async function issueCertificate(step: string, o: IssueOptions, cwd: string): Promise<void> {
  const config = writeConfig(cwd, o.extensions);
  const csr = join(cwd, `req-${randomBytes(6).toString('hex')}.csr`);
  await openssl(step, ['req', '-new', '-config', config, '-key', o.key, '-subj', subjectArg(o.commonName), '-sha256', '-out', csr], cwd);
  await openssl(
    step,
    ['x509', '-req', '-in', csr, '-CA', o.caCert, '-CAkey', o.caKey, '-set_serial', randomSerial(), '-sha256',
      '-days', String(o.days), '-extfile', config, '-extensions', 'ext', '-out', o.out],
    cwd,
  );
}

/** True when `openssl verify -CAfile <truststore> <cert>` accepts the certificate; false on any failure. */
export async function verifyChain(certPath: string, truststorePath: string): Promise<boolean> {
  try {
    const out = await $({ quiet: true, nothrow: true })`${OPENSSL} verify -CAfile ${truststorePath} ${certPath}`;
    return out.exitCode === 0 && /: OK\s*$/.test(out.stdout);
  } catch {
    return false;
  }
}
