import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { daysLeft, expiryWarnings, listCertificates, renderCertificates, type CertExpiry } from '../../security/cert-expiry.ts';
import { ensureClusterPki, stageNewCa } from '../../security/pki.ts';

const DAY = 24 * 60 * 60 * 1000;
let root: string;
let dir: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'kafkalab-cert-expiry-'));
  dir = join(root, 'pki');
  const opts = { dir, clusterName: 'unit', nodes: [{ name: 'kafka-2', dnsNames: ['kafka-2'] }, { name: 'kafka-1', dnsNames: ['kafka-1'] }], clients: [{ name: 'admin' }] };
  await ensureClusterPki(opts);
  await stageNewCa(opts);
}, 120_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

const cert = (over: Partial<CertExpiry>): CertExpiry => ({ name: 'kafka-1', kind: 'node', path: '/x', subject: 'CN=kafka-1', notAfter: '2027-01-10T00:00:00.000Z', daysLeft: 42, ...over });

describe('daysLeft', () => {
  it('counts whole days, rounded down, and goes negative once expired', () => {
    const now = new Date('2026-11-29T12:00:00Z');
    expect(daysLeft(new Date('2026-12-29T11:00:00Z'), now)).toBe(29);
    expect(daysLeft(new Date('2026-12-29T12:00:00Z'), now)).toBe(30);
    expect(daysLeft(new Date('2026-11-28T12:00:00Z'), now)).toBe(-1);
  });
});

describe('listCertificates', () => {
  it('lists the CAs (current and staged), then nodes and clients by name, with the days left', () => {
    const now = new Date();
    const certs = listCertificates(dir, now);
    expect(certs.map((c) => `${c.kind} ${c.name}`)).toEqual(['ca ca', 'ca-next ca', 'node kafka-1', 'node kafka-2', 'client admin']);
    for (const c of certs) {
      expect(c.daysLeft).toBe(Math.floor((Date.parse(c.notAfter) - now.getTime()) / DAY));
      expect(c.daysLeft).toBeGreaterThan(30);
    }
    expect(certs.find((c) => c.kind === 'node')!.subject).toBe('CN=kafka-1');
  });

  it('counts from the time it is given: a year on, every certificate is inside the warning window', () => {
    const later = new Date(Date.now() + 3650 * DAY);
    const certs = listCertificates(dir, later);
    expect(certs.every((c) => c.daysLeft < 0)).toBe(true);
    expect(expiryWarnings(certs, 'kraft-3')).toHaveLength(certs.length);
  });

  it('is empty for a cluster whose certificates were never issued', () => {
    expect(listCertificates(join(root, 'absent'))).toEqual([]);
  });
});

describe('expiryWarnings', () => {
  it('warns for a certificate with fewer than 30 days left and names the command that renews it', () => {
    expect(expiryWarnings([cert({ daysLeft: 29, notAfter: '2026-12-28T00:00:00.000Z' })], 'kraft-3')).toEqual([
      "node certificate 'kafka-1' expires on 2026-12-28 (in 29 days), within the 30-day warning window: renew it with npm run rotate -- --certs --cluster kraft-3",
    ]);
  });

  it('says a CA is renewed by a CA rotation, and an expired one is expired', () => {
    expect(expiryWarnings([cert({ kind: 'ca', name: 'ca', daysLeft: -2, notAfter: '2026-11-27T00:00:00.000Z' })], 'zk-3')).toEqual([
      "ca certificate 'ca' expired on 2026-11-27, within the 30-day warning window: renew it with npm run rotate -- --ca --cluster zk-3",
    ]);
  });

  it('does not warn at 30 days or more', () => {
    expect(expiryWarnings([cert({ daysLeft: 30 }), cert({ daysLeft: 400 })], 'kraft-3')).toEqual([]);
  });
});

describe('renderCertificates', () => {
  it('prints one aligned line per certificate', () => {
    expect(renderCertificates([cert({ kind: 'ca', name: 'ca', daysLeft: 3649, notAfter: '2036-11-26T00:00:00.000Z' }), cert({ daysLeft: -1 })])).toBe(
      ['certificates:', '  ca ca         expires 2036-11-26 (3649 days left)', '  node kafka-1  expires 2027-01-10 (EXPIRED)', ''].join('\n'),
    );
  });

  it('says when nothing was issued yet', () => {
    expect(renderCertificates([])).toBe('certificates: none issued yet (they are made at deploy)\n');
  });
});
