import { X509Certificate, createPrivateKey } from 'node:crypto';
import { cpSync, existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { issueCertificate, redactPem } from '../../security/openssl.ts';
import {
  describeCert,
  dropOldCa,
  ensureClusterPki,
  promoteNewCa,
  rotateNodeCertificates,
  stageNewCa,
  verifyChain,
  type ClusterPkiOptions,
} from '../../security/pki.ts';
import { assertSecretMode } from '../../security/secrets.ts';
import { PKCS8_KEY_HEADER } from '../../security/cert-info.ts';

// A PKI is built once (under the most permissive umask) and copied, timestamps and modes included,
// into a fresh folder for every test: key generation is the slow part.
const base = (dir: string): ClusterPkiOptions => ({
  dir,
  clusterName: 'unit',
  nodes: [
    { name: 'kafka-1', dnsNames: ['kafka-1', 'kafkalab-unit-kafka-1'] },
    { name: 'kafka-2', dnsNames: ['kafka-2', 'kafkalab-unit-kafka-2'] },
  ],
  clients: [{ name: 'admin' }],
});

const made: string[] = [];
/** A fresh folder under the system temp folder, removed after the file's tests (it holds private keys). */
function tmp(prefix: string): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  made.push(d);
  return d;
}
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

let template: string;
let stagedTemplate: string;
let dir: string;
let opts: ClusterPkiOptions;

beforeAll(async () => {
  template = join(tmp('kafkalab-pki-template-'), 'pki');
  const old = process.umask(0);
  try {
    const r = await ensureClusterPki(base(template));
    expect(r.changes).toContain('created CA (missing)');
  } finally {
    process.umask(old);
  }
  stagedTemplate = join(tmp('kafkalab-pki-template-'), 'pki');
  cpSync(template, stagedTemplate, { recursive: true, preserveTimestamps: true });
  await stageNewCa(base(stagedTemplate));
}, 120_000);

function fresh(from: string): void {
  dir = join(tmp('kafkalab-pki-'), 'pki');
  cpSync(from, dir, { recursive: true, preserveTimestamps: true });
  opts = base(dir);
}

beforeEach(() => fresh(template));

interface Entry {
  readonly mode: number;
  readonly mtimeMs: number;
  readonly bytes?: string;
}

/** Every file and folder under `root`: mode, mtime and (for files) content. */
function snapshot(root: string): Record<string, Entry> {
  const top = lstatSync(root);
  const out: Record<string, Entry> = { './': { mode: top.mode & 0o777, mtimeMs: top.mtimeMs } };
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      const st = lstatSync(p);
      const rel = relative(root, p);
      if (st.isDirectory()) {
        out[`${rel}/`] = { mode: st.mode & 0o777, mtimeMs: st.mtimeMs };
        walk(p);
      } else out[rel] = { mode: st.mode & 0o777, mtimeMs: st.mtimeMs, bytes: readFileSync(p, 'base64') };
    }
  };
  walk(root);
  return out;
}

const read = (p: string): string => readFileSync(p, 'utf8');
const pemBlocks = (text: string): string[] => text.match(/-----BEGIN [^-]+-----[\s\S]*?-----END [^-]+-----\n/g) ?? [];
const certsIn = (p: string): X509Certificate[] =>
  pemBlocks(read(p)).filter((b) => b.includes('CERTIFICATE')).map((b) => new X509Certificate(b));

/** The base64 lines of every private key under `root`, to prove none of them leaks. */
function keyLines(root: string): string[] {
  return Object.keys(snapshot(root))
    .filter((f) => f.endsWith('.key'))
    .flatMap((f) => read(join(root, f)).split('\n').filter((l) => l.length > 40));
}

describe('ensureClusterPki', () => {
  it('issues certificates that chain to the truststore', async () => {
    const r = await ensureClusterPki(opts);
    expect(r.changes).toEqual([]);
    for (const leaf of [r.nodes['kafka-1']!, r.nodes['kafka-2']!, r.clients.admin!]) {
      expect(await verifyChain(leaf.cert, r.truststore)).toBe(true);
    }
    expect(await verifyChain(r.caKey, r.truststore)).toBe(false);
    expect(r.caCert).toBe(join(dir, 'ca', 'ca.crt'));
    expect(r.nodes['kafka-1']).toEqual({
      cert: join(dir, 'nodes', 'kafka-1', 'node.crt'),
      key: join(dir, 'nodes', 'kafka-1', 'node.key'),
      keystore: join(dir, 'nodes', 'kafka-1', 'keystore.pem'),
    });
    expect(r.clients.admin!.cert).toBe(join(dir, 'clients', 'admin', 'client.crt'));
    expect(certsIn(r.truststore).map((c) => c.subject)).toEqual([certsIn(r.caCert)[0]!.subject]);
  });

  it('gives nodes SANs for hostname, container name, localhost and 127.0.0.1; clients CN=<name>', async () => {
    const r = await ensureClusterPki(opts);
    const node = await describeCert(r.nodes['kafka-1']!.cert);
    expect(node.subject).toBe('CN=kafka-1');
    expect(node.issuer).toMatch(/^CN=kafkalab unit CA \d{8}$/);
    expect(node.dnsNames).toEqual(['kafka-1', 'kafkalab-unit-kafka-1', 'localhost']);
    expect(node.ipAddresses).toEqual(['127.0.0.1']);
    expect(node.fingerprint256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    const days = (node.notAfter.getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(824);
    expect(days).toBeLessThan(826);
    const nodeCert = certsIn(r.nodes['kafka-1']!.cert)[0]!;
    expect(nodeCert.keyUsage).toEqual(expect.arrayContaining(['1.3.6.1.5.5.7.3.1', '1.3.6.1.5.5.7.3.2']));
    expect(nodeCert.ca).toBe(false);
    expect(nodeCert.serialNumber).not.toBe(certsIn(r.nodes['kafka-2']!.cert)[0]!.serialNumber);

    const client = certsIn(r.clients.admin!.cert)[0]!;
    expect(client.subject).toBe('CN=admin');
    expect(client.subjectAltName).toBeUndefined();
    expect(client.keyUsage).toEqual(['1.3.6.1.5.5.7.3.2']);

    const ca = certsIn(r.caCert)[0]!;
    expect(ca.ca).toBe(true);
    expect((await describeCert(r.caCert)).notAfter.getTime()).toBeGreaterThan(Date.now() + 3649 * 86_400_000);
  });

  it('writes keystore.pem as exactly one PKCS#8 key, then the certificate, then the CA', async () => {
    expect(PKCS8_KEY_HEADER).toBe(['-----BEGIN', 'PRIVATE', 'KEY-----'].join(' '));
    const r = await ensureClusterPki(opts);
    for (const leaf of [r.nodes['kafka-2']!, r.clients.admin!]) {
      const blocks = pemBlocks(read(leaf.keystore));
      expect(blocks.map((b) => b.split('\n')[0])).toEqual([
        PKCS8_KEY_HEADER,
        '-----BEGIN CERTIFICATE-----',
        '-----BEGIN CERTIFICATE-----',
      ]);
      expect(blocks.join('')).toBe(read(leaf.keystore));
      expect(blocks[0]).toBe(read(leaf.key));
      const cert = new X509Certificate(blocks[1]!);
      expect(cert.fingerprint256).toBe(certsIn(leaf.cert)[0]!.fingerprint256);
      expect(cert.checkPrivateKey(createPrivateKey(blocks[0]!))).toBe(true);
      expect(new X509Certificate(blocks[2]!).fingerprint256).toBe(certsIn(r.caCert)[0]!.fingerprint256);
    }
  });

  it('makes every key and keystore 0600 and every folder 0700, whatever the umask', () => {
    const snap = snapshot(dir);
    const secrets = Object.keys(snap).filter((f) => f.endsWith('.key') || f.endsWith('keystore.pem'));
    expect(secrets).toHaveLength(1 + 2 * 3); // the CA key; key and keystore of 2 nodes and 1 client
    for (const f of secrets) {
      expect([f, snap[f]!.mode]).toEqual([f, 0o600]);
      assertSecretMode(join(dir, f));
    }
    const folders = Object.keys(snap).filter((f) => f.endsWith('/'));
    expect(folders.sort()).toEqual(['./', 'ca/', 'clients/', 'clients/admin/', 'nodes/', 'nodes/kafka-1/', 'nodes/kafka-2/']);
    for (const f of folders) expect([f, lstatSync(join(dir, f)).mode & 0o777]).toEqual([f, 0o700]);
    for (const f of Object.keys(snap).filter((x) => x.endsWith('.crt') || x === 'truststore.pem')) expect([f, snap[f]!.mode]).toEqual([f, 0o644]);
  });

  it('changes nothing on a second call: same bytes, same mtimes, no leftovers', async () => {
    const before = snapshot(dir);
    const r = await ensureClusterPki(opts);
    expect(r.changes).toEqual([]);
    expect(snapshot(dir)).toEqual(before);
  });

  it('issues only the certificate of an added node', async () => {
    const before = snapshot(dir);
    const r = await ensureClusterPki({ ...opts, nodes: [...opts.nodes, { name: 'kafka-3', dnsNames: ['kafka-3'] }] });
    expect(r.changes).toEqual(['issued node kafka-3 certificate (missing)']);
    const after = snapshot(dir);
    // only nodes/ and the PKI folder itself (where the scratch folder was) get a new mtime
    for (const [f, e] of Object.entries(before)) if (f !== 'nodes/' && f !== './') expect([f, after[f]]).toEqual([f, e]);
    expect(Object.keys(after).filter((f) => !(f in before)).sort()).toEqual([
      'nodes/kafka-3/',
      'nodes/kafka-3/keystore.pem',
      'nodes/kafka-3/node.crt',
      'nodes/kafka-3/node.key',
    ]);
    expect(await verifyChain(r.nodes['kafka-3']!.cert, r.truststore)).toBe(true);
  });

  it('reissues a certificate whose SANs no longer cover the names, keeping its key', async () => {
    const before = snapshot(dir);
    const nodes = [opts.nodes[0]!, { name: 'kafka-2', dnsNames: ['kafka-2', 'broker-2.example.test'] }];
    const r = await ensureClusterPki({ ...opts, nodes });
    expect(r.changes).toEqual(['issued node kafka-2 certificate (subjectAltName does not cover broker-2.example.test)']);
    const after = snapshot(dir);
    const changed = Object.keys(before).filter((f) => JSON.stringify(before[f]) !== JSON.stringify(after[f]));
    expect(changed.sort()).toEqual(['./', 'nodes/kafka-2/', 'nodes/kafka-2/keystore.pem', 'nodes/kafka-2/node.crt']);
    expect((await describeCert(r.nodes['kafka-2']!.cert)).dnsNames).toContain('broker-2.example.test');
  });

  it('reissues a certificate that expires within 30 days', async () => {
    const ca = { caCert: join(dir, 'ca', 'ca.crt'), caKey: join(dir, 'ca', 'ca.key') };
    const work = tmp('kafkalab-pki-work-');
    const short = join(work, 'short.crt');
    const key = join(dir, 'clients', 'admin', 'client.key');
    await issueCertificate('test', { key, commonName: 'admin', extensions: { extendedKeyUsage: 'clientAuth' }, ...ca, days: 10, out: short }, work);
    renameSync(short, join(dir, 'clients', 'admin', 'client.crt'));
    const r = await ensureClusterPki(opts);
    expect(r.changes).toEqual(['issued client admin certificate (expires within 30 days)']);
    expect((await describeCert(r.clients.admin!.cert)).notAfter.getTime()).toBeGreaterThan(Date.now() + 800 * 86_400_000);
  });
});

describe('rotateNodeCertificates', () => {
  it('gives every node a new key and certificate from the same CA, leaving the CA and clients alone', async () => {
    const before = snapshot(dir);
    const r = await rotateNodeCertificates(opts);
    expect(r.changes).toEqual(['issued node kafka-1 certificate (new key)', 'issued node kafka-2 certificate (new key)']);
    const after = snapshot(dir);
    const changed = Object.keys(before).filter((f) => JSON.stringify(before[f]) !== JSON.stringify(after[f]));
    expect(changed.filter((f) => !f.endsWith('/')).sort()).toEqual(
      ['kafka-1', 'kafka-2'].flatMap((n) => [`nodes/${n}/keystore.pem`, `nodes/${n}/node.crt`, `nodes/${n}/node.key`]),
    );
    for (const n of ['kafka-1', 'kafka-2']) {
      expect(after[`nodes/${n}/node.key`]!.mode).toBe(0o600);
      expect(await verifyChain(r.nodes[n]!.cert, r.truststore)).toBe(true);
    }
    expect((await ensureClusterPki(opts)).changes).toEqual([]);
  });
});

describe('CA rotation', () => {
  it('stages, promotes and drops a new CA with the documented truststore at each step', async () => {
    const oldCa = read(join(dir, 'ca', 'ca.crt'));
    const oldCaSubject = certsIn(join(dir, 'ca', 'ca.crt'))[0]!.subject;
    const nodeKey = read(join(dir, 'nodes', 'kafka-1', 'node.key'));
    const nodeCert = read(join(dir, 'nodes', 'kafka-1', 'node.crt'));

    // 1. stage: a new CA in ca-next/, trusted next to the old one; certificates untouched
    const staged = await stageNewCa(opts);
    expect(staged.changes).toEqual(['created staged CA (missing)', 'wrote truststore']);
    const newCa = read(join(dir, 'ca-next', 'ca.crt'));
    const newCaSubject = certsIn(join(dir, 'ca-next', 'ca.crt'))[0]!.subject;
    expect(newCaSubject).not.toBe(oldCaSubject); // same day: made unique with a suffix
    expect(certsIn(staged.truststore).map((c) => c.toString())).toEqual([oldCa, newCa]);
    expect(read(join(dir, 'nodes', 'kafka-1', 'node.crt'))).toBe(nodeCert);
    expect(lstatSync(join(dir, 'ca-next', 'ca.key')).mode & 0o777).toBe(0o600);
    expect(lstatSync(join(dir, 'ca-next')).mode & 0o777).toBe(0o700);
    let snap = snapshot(dir);
    expect((await stageNewCa(opts)).changes).toEqual([]);
    expect(snapshot(dir)).toEqual(snap);

    // 2. promote: the new CA signs everything (keys kept); both CAs still trusted
    const promoted = await promoteNewCa(opts);
    expect(promoted.changes[0]).toBe('promoted the staged CA');
    expect(existsSync(join(dir, 'ca-next'))).toBe(false);
    expect(read(join(dir, 'ca-previous', 'ca.crt'))).toBe(oldCa);
    expect(read(join(dir, 'ca', 'ca.crt'))).toBe(newCa);
    expect(certsIn(promoted.truststore).map((c) => c.toString())).toEqual([oldCa, newCa]);
    const onlyNew = join(tmp('kafkalab-pki-ca-'), 'new.pem');
    const onlyOld = join(tmp('kafkalab-pki-ca-'), 'old.pem');
    writeFileSync(onlyNew, newCa);
    writeFileSync(onlyOld, oldCa);
    for (const leaf of [promoted.nodes['kafka-1']!, promoted.nodes['kafka-2']!, promoted.clients.admin!]) {
      expect((await describeCert(leaf.cert)).issuer).toBe(newCaSubject);
      expect(await verifyChain(leaf.cert, onlyNew)).toBe(true);
      expect(await verifyChain(leaf.cert, onlyOld)).toBe(false);
      expect(await verifyChain(leaf.cert, promoted.truststore)).toBe(true);
      expect(pemBlocks(read(leaf.keystore))[2]).toBe(newCa);
    }
    expect(read(join(dir, 'nodes', 'kafka-1', 'node.key'))).toBe(nodeKey);
    snap = snapshot(dir);
    expect((await promoteNewCa(opts)).changes).toEqual([]);
    expect(snapshot(dir)).toEqual(snap);

    // 3. drop: only the new CA is trusted
    const dropped = await dropOldCa(opts);
    expect(dropped.changes).toEqual(['removed the previous CA', 'wrote truststore']);
    expect(existsSync(join(dir, 'ca-previous'))).toBe(false);
    expect(certsIn(dropped.truststore).map((c) => c.toString())).toEqual([newCa]);
    expect(await verifyChain(dropped.nodes['kafka-2']!.cert, dropped.truststore)).toBe(true);
    snap = snapshot(dir);
    expect((await dropOldCa(opts)).changes).toEqual([]);
    expect((await ensureClusterPki(opts)).changes).toEqual([]);
    expect(snapshot(dir)).toEqual(snap);
  });

  it('refuses steps out of order, saying which step to run', async () => {
    await expect(promoteNewCa(opts)).rejects.toThrow(/no CA is staged in .*ca-next[\s\S]*try: run stageNewCa first/);
    fresh(stagedTemplate);
    await expect(dropOldCa(opts)).rejects.toThrow(/staged .* but not promoted yet[\s\S]*try: run promoteNewCa first/);
    await promoteNewCa(opts);
    await expect(stageNewCa(opts)).rejects.toThrow(/previous CA rotation is not finished[\s\S]*try: run dropOldCa/);
  });

  it('finishes a promotion interrupted between its two renames', async () => {
    fresh(stagedTemplate);
    const newCa = read(join(dir, 'ca-next', 'ca.crt'));
    renameSync(join(dir, 'ca'), join(dir, 'ca-previous')); // as if the process died here
    await expect(ensureClusterPki(opts)).rejects.toThrow(/interrupted CA promotion[\s\S]*try: run promoteNewCa/);
    const r = await promoteNewCa(opts);
    expect(read(r.caCert)).toBe(newCa);
    expect(certsIn(r.truststore)).toHaveLength(2);
    expect(await verifyChain(r.nodes['kafka-1']!.cert, r.caCert)).toBe(true);
  });
});

describe('errors', () => {
  it('never carry private key text', async () => {
    const lines = keyLines(dir);
    expect(lines.length).toBeGreaterThanOrEqual(4 * 20); // 4 keys
    const messages: string[] = [];
    // a folder the PKI cannot create (a file is in the way; root ignores permission bits)
    writeFileSync(join(dir, 'clients', 'blocked'), 'not a folder');
    const blocked = ensureClusterPki({ ...opts, dir: join(dir, 'clients', 'blocked', 'pki') });
    await expect(blocked).rejects.toThrow(/ENOTDIR/);
    messages.push(String(await blocked.catch((e: Error) => `${e.message}\n${e.stack}`)));
    // an openssl failure: signing with a CA key that does not belong to the CA certificate
    const work = tmp('kafkalab-pki-work-');
    const wrongKey = { caCert: join(dir, 'ca', 'ca.crt'), caKey: join(dir, 'nodes', 'kafka-1', 'node.key') };
    const bad = issueCertificate('sign with the wrong key', { key: join(dir, 'clients', 'admin', 'client.key'), commonName: 'x', extensions: {}, ...wrongKey, days: 40, out: join(work, 'x.crt') }, work);
    await expect(bad).rejects.toThrow(/^sign with the wrong key failed: .+/);
    await expect(bad).rejects.toMatchObject({ name: 'StepError', step: 'sign with the wrong key' });
    messages.push(String(await bad.catch((e: Error) => `${e.message}\n${e.stack}`)));
    for (const m of messages) {
      expect(m).not.toMatch(/PRIVATE KEY/);
      for (const l of lines) expect(m.includes(l)).toBe(false);
    }
  });

  it('redacts any PEM block that might reach a message', () => {
    const key = read(join(dir, 'ca', 'ca.key'));
    expect(redactPem(`before\n${key}after`)).toBe('before\n[redacted PEM block]\nafter');
    expect(redactPem(`cut: ${key.slice(0, 200)}`)).toBe('cut: [redacted PEM block]');
  });

  it('names the field, the value and the fix for bad input, before touching any file', async () => {
    const untouched = join(tmp('kafkalab-pki-'), 'pki');
    const o = base(untouched);
    const cases: [ClusterPkiOptions, string][] = [
      [{ ...o, nodes: [o.nodes[0]!, { name: '', dnsNames: [] }] }, `'nodes[1].name' ('') is empty: give every node a name`],
      [{ ...o, nodes: [o.nodes[0]!, o.nodes[1]!, { name: 'kafka-1', dnsNames: [] }] }, `'nodes[2].name' ('kafka-1') duplicates 'nodes[0].name': give every node a different name`],
      [{ ...o, clients: [{ name: 'a' }, { name: 'a' }] }, `'clients[1].name' ('a') duplicates 'clients[0].name': give every client a different name`],
      [{ ...o, nodes: [{ name: 'kafka 1', dnsNames: [] }] }, `'nodes[0].name' ('kafka 1') is not a valid name: use 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit`],
      [{ ...o, nodes: [{ name: 'kafka-1', dnsNames: ['kafka_1!'] }] }, `'nodes[0].dnsNames[0]' ('kafka_1!') is not a DNS name or IP address`],
      [{ ...o, clusterName: '' }, `'clusterName' ('') is empty: give every cluster a name`],
      [{ ...o, validityDays: 7 }, `'validityDays' (7) is not a whole number of days above 30: use more than 30 days`],
    ];
    for (const [bad, message] of cases) {
      await expect(ensureClusterPki(bad)).rejects.toThrow(message);
      await expect(ensureClusterPki(bad)).rejects.toMatchObject({ name: 'PkiInputError' });
    }
    expect(existsSync(untouched)).toBe(false);
  });
});
