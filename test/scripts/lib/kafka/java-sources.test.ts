/**
 * kafkalab's Java sources against the real Kafka jars of the cache (there after npm run setup):
 * each compiles for both versions into its one class file, and the lag exporter serves its HTTP
 * side on the host's JVM without a cluster.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { $ } from 'zx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jarsDir } from '../../../../scripts/lib/engine/index.ts';
import { ADMIN_SESSION_CLASS, ADMIN_SESSION_SOURCE } from '../../../../scripts/lib/kafka/admin-session.ts';
import { javacArgs } from '../../../../scripts/lib/kafka/java-class.ts';
import { LAG_EXPORTER_CLASS, LAG_EXPORTER_SOURCE } from '../../../../scripts/lib/kafka/lag-exporter.ts';

const cached = (v: '3.9.1' | '4.4.0'): boolean => existsSync(join(jarsDir(v), '.complete'));
const root = mkdtempSync(join(tmpdir(), 'kafkalab-java-sources-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Both sources in one javac run (one JVM start), warnings as errors; the output folder. */
async function compile(version: '3.9.1' | '4.4.0'): Promise<string> {
  const out = join(root, version);
  // The kafkalab arguments, with every warning shown and taken as an error instead of hidden.
  const args = javacArgs(jarsDir(version), out, LAG_EXPORTER_SOURCE)
    .slice(0, -1)
    .filter((a) => a !== '-nowarn' && !a.startsWith('-Xlint'));
  const r = await $({ quiet: true, nothrow: true })`javac ${[...args, '-Werror', '-Xlint:all', ADMIN_SESSION_SOURCE, LAG_EXPORTER_SOURCE]}`;
  expect(r.stderr + r.stdout).toBe('');
  expect(r.exitCode).toBe(0);
  return out;
}

const compiled = new Map<string, Promise<string>>();
const compiledFor = (version: '3.9.1' | '4.4.0'): Promise<string> => {
  if (!compiled.has(version)) compiled.set(version, compile(version));
  return compiled.get(version)!;
};

for (const version of ['3.9.1', '4.4.0'] as const) {
  describe.skipIf(!cached(version))(`the Java sources against the Kafka ${version} jars`, () => {
    it('compile without a warning, each into its one class file (no nested classes: the containers get that file alone)', async () => {
      const out = await compiledFor(version);
      expect(readdirSync(out).sort()).toEqual([`${ADMIN_SESSION_CLASS}.class`, `${LAG_EXPORTER_CLASS}.class`]);
    }, 120_000);
  });
}

describe.skipIf(!cached('4.4.0'))('the lag exporter on the host JVM, without a cluster', () => {
  beforeAll(() => compiledFor('4.4.0'), 120_000);
  const run = (props: string, port: string, ...disks: string[]) =>
    spawn('java', ['-Xmx96m', '-XX:TieredStopAtLevel=1', '-cp', `${jarsDir('4.4.0')}/*:${join(root, '4.4.0')}`, LAG_EXPORTER_CLASS, props, port, ...disks], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });

  it('refuses a client config without bootstrap.servers', async () => {
    const props = join(root, 'no-bootstrap.properties');
    writeFileSync(props, 'security.protocol=PLAINTEXT\n');
    const child = run(props, '0');
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(2);
    expect(stderr).toMatch(/names no bootstrap\.servers/);
  });

  it('answers /-/healthy, 404 elsewhere and 405 to a POST', async () => {
    const props = join(root, 'nowhere.properties');
    writeFileSync(props, 'bootstrap.servers=127.0.0.1:1\n');
    const child = run(props, '0');
    try {
      const port = await new Promise<string>((resolve, reject) => {
        let stderr = '';
        child.stderr.on('data', (b: Buffer) => {
          stderr += b.toString();
          const m = /serving \/metrics on 0\.0\.0\.0:(\d+)/.exec(stderr);
          if (m) resolve(m[1]!);
        });
        child.on('exit', (code) => reject(new Error(`the exporter exited (${code}): ${stderr}`)));
      });
      const base = `http://127.0.0.1:${port}`;
      const healthy = await fetch(`${base}/-/healthy`);
      expect(healthy.status).toBe(200);
      expect(await healthy.text()).toBe('ok\n');
      expect((await fetch(`${base}/nothing`)).status).toBe(404);
      expect((await fetch(`${base}/metrics`, { method: 'POST' })).status).toBe(405);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it("reports each NODE=DIR argument's disk, even when the cluster does not answer", async () => {
    const props = join(root, 'disks.properties');
    writeFileSync(props, 'bootstrap.servers=127.0.0.1:1\nrequest.timeout.ms=1000\ndefault.api.timeout.ms=1000\n');
    const child = run(props, '0', `kafka-1=${root}`);
    try {
      const port = await new Promise<string>((resolve, reject) => {
        let stderr = '';
        child.stderr.on('data', (b: Buffer) => {
          stderr += b.toString();
          const m = /serving \/metrics on 0\.0\.0\.0:(\d+)/.exec(stderr);
          if (m) resolve(m[1]!);
        });
        child.on('exit', (code) => reject(new Error(`the exporter exited (${code}): ${stderr}`)));
      });
      const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      expect(text).toMatch(/^kafkalab_node_disk_used_ratio\{node="kafka-1"\} 0\.\d{6}$/m);
      expect(text).toMatch(/^kafkalab_node_disk_size_bytes\{node="kafka-1"\} \d+$/m);
      expect(text).toMatch(/^kafkalab_lag_exporter_up 0$/m);
    } finally {
      child.kill('SIGKILL');
    }
  }, 30_000);
});
