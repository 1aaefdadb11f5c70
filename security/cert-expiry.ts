/**
 * When each certificate of a cluster's PKI expires: the CAs (current, and during a rotation the
 * previous or staged one), every node certificate and every client certificate. Read with Node's
 * crypto from the files alone; nothing is printed or changed here.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { notAfterOf, readCert, RENEW_BEFORE_DAYS } from './cert-info.ts';
import { layoutOf } from './pki-store.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

export type CertKind = 'ca' | 'ca-previous' | 'ca-next' | 'node' | 'client';

export interface CertExpiry {
  /** 'ca', the node's hostname, or the client's user name. */
  readonly name: string;
  readonly kind: CertKind;
  readonly path: string;
  readonly subject: string;
  /** ISO 8601, UTC. */
  readonly notAfter: string;
  /** Whole days left (negative once expired), counted from `now`. */
  readonly daysLeft: number;
}

/** Whole days from `now` to `notAfter`, rounded down (an expired certificate has a negative count). */
export function daysLeft(notAfter: Date, now: Date): number {
  return Math.floor((notAfter.getTime() - now.getTime()) / DAY_MS);
}

/** Every certificate under a cluster's PKI folder, CAs first, then nodes and clients by name. */
export function listCertificates(pkiDir: string, now: Date = new Date()): CertExpiry[] {
  const layout = layoutOf(pkiDir);
  const out: CertExpiry[] = [];
  const add = (name: string, kind: CertKind, path: string): void => {
    if (!existsSync(path)) return;
    const cert = readCert(path);
    const notAfter = notAfterOf(cert);
    out.push({ name, kind, path, subject: cert.subject.replace(/\n/g, ', '), notAfter: notAfter.toISOString(), daysLeft: daysLeft(notAfter, now) });
  };
  add('ca', 'ca-previous', layout.caPrevious.cert);
  add('ca', 'ca', layout.ca.cert);
  add('ca', 'ca-next', layout.caNext.cert);
  for (const [kind, sub, leaf] of [
    ['node', 'nodes', layout.node],
    ['client', 'clients', layout.client],
  ] as const) {
    const dir = join(pkiDir, sub);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).sort()) add(name, kind, leaf(name).cert);
  }
  return out;
}

/** The certificates that expire within `days` (30 by default), as warnings that say what to run. */
export function expiryWarnings(certs: readonly CertExpiry[], clusterArg: string, days: number = RENEW_BEFORE_DAYS): string[] {
  return certs
    .filter((c) => c.daysLeft < days)
    .map((c) => {
      const when = c.daysLeft < 0 ? `expired on ${c.notAfter.slice(0, 10)}` : `expires on ${c.notAfter.slice(0, 10)} (in ${c.daysLeft} days)`;
      const fix = c.kind.startsWith('ca') ? `npm run rotate -- --ca --cluster ${clusterArg}` : `npm run rotate -- --certs --cluster ${clusterArg}`;
      return `${c.kind} certificate '${c.name}' ${when}, within the ${days}-day warning window: renew it with ${fix}`;
    });
}

/** One line per certificate, for `info`. */
export function renderCertificates(certs: readonly CertExpiry[]): string {
  if (certs.length === 0) return 'certificates: none issued yet (they are made at deploy)\n';
  const width = Math.max(...certs.map((c) => `${c.kind} ${c.name}`.length));
  const lines = certs.map((c) => `  ${`${c.kind} ${c.name}`.padEnd(width)}  expires ${c.notAfter.slice(0, 10)} (${c.daysLeft < 0 ? 'EXPIRED' : `${c.daysLeft} days left`})`);
  return `certificates:\n${lines.join('\n')}\n`;
}
