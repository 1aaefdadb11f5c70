import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hostProblems, type EngineProbe } from '../../../../scripts/lib/cluster/hosts.ts';
import { withTlsFilesFrom } from '../../../../scripts/lib/cluster/known-clusters.ts';
import { resolveCluster } from '../../../../stacks/model/resolve.ts';

const lab = (n: number) => ({ docker: `unix:///run/kafkalab-lab-${n}.sock`, address: `10.250.${n}.2` });

describe('hosts as this machine sees them', () => {
  it('names the host whose engine does not answer, with its value and the fix', async () => {
    const cluster = resolveCluster({ name: 'mh', hosts: { 'lab-1': lab(1), 'lab-2': lab(2) } });
    const asked: string[][] = [];
    const probe: EngineProbe = async (engine) => {
      asked.push([...engine]);
      return engine[1]!.includes('lab-2') ? { ok: false, why: 'Cannot connect to the Docker daemon' } : { ok: true, version: '27.0.0' };
    };
    expect(await hostProblems(cluster, probe)).toEqual([
      "'hosts.lab-2.docker' ('unix:///run/kafkalab-lab-2.sock') does not answer (Cannot connect to the Docker daemon): start that engine, or fix the address (for lab hosts: npm run lab-hosts -- up)",
    ]);
    expect(asked).toEqual([['-H', 'unix:///run/kafkalab-lab-1.sock'], ['-H', 'unix:///run/kafkalab-lab-2.sock']]);
  });

  it('refuses missing TLS files before asking any engine', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kafkalab-hosts-'));
    writeFileSync(join(dir, 'ca.pem'), 'x');
    const spec = withTlsFilesFrom(dir, { name: 'mh', hosts: { c: { docker: 'tcp://c:2376', address: '10.0.0.13', tls: { caPath: 'ca.pem', certPath: 'cert.pem', keyPath: 'key.pem' } } } });
    expect(spec.hosts!.c!.tls!.caPath).toBe(join(dir, 'ca.pem'));
    const probe: EngineProbe = async () => {
      throw new Error('must not be asked');
    };
    expect(await hostProblems(resolveCluster(spec), probe)).toEqual([
      `'hosts.c.tls.certPath' ('${join(dir, 'cert.pem')}') names no file on this machine: give the path of the file Docker's --tlsverify uses`,
      `'hosts.c.tls.keyPath' ('${join(dir, 'key.pem')}') names no file on this machine: give the path of the file Docker's --tlsverify uses`,
    ]);
  });
});
