import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Testing } from 'cdktf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addClusterStacks } from '../../stacks/app.ts';
import { resolveCluster } from '../../stacks/model/resolve.ts';
import { clusterStacksInput } from '../../scripts/lib/lifecycle/stack-inputs.ts';

const saved = process.env.KAFKALAB_STATE_DIR;
let state: string;
beforeAll(() => {
  state = mkdtempSync(join(tmpdir(), 'kafkalab-state-'));
  process.env.KAFKALAB_STATE_DIR = state;
});
afterAll(() => {
  if (saved === undefined) delete process.env.KAFKALAB_STATE_DIR;
  else process.env.KAFKALAB_STATE_DIR = saved;
});

describe('the app, per cluster', () => {
  it('adds <cluster>-access after the cluster stack, its state beside the cluster state, no password inside', async () => {
    // sasl_plaintext: passwords but no PKI, so the test makes no certificates.
    const cluster = resolveCluster({ name: 'kraft-3', security: { mode: 'sasl_plaintext' } });
    const stacks = addClusterStacks(Testing.app(), await clusterStacksInput(cluster));
    expect(stacks.access?.node.id).toBe('kraft-3-access');
    expect(stacks.access?.dependencies).toEqual([stacks.cluster]);
    const json = JSON.parse(Testing.synth(stacks.access!)) as { terraform: { backend: { local: { path: string } } } };
    expect(join(process.cwd(), 'cdktf.out', 'stacks', 'kraft-3-access', json.terraform.backend.local.path)).toBe(
      join(state, 'clusters', 'kraft-3', 'access', 'terraform.tfstate'),
    );
    const text = Testing.synth(stacks.access!);
    for (const user of ['admin', 'orders-producer', 'orders-consumer']) {
      const password = readFileSync(join(state, 'clusters', 'kraft-3', 'secrets', 'passwords', user), 'utf8').trim();
      expect(password.length).toBeGreaterThan(20);
      expect(text).not.toContain(password);
    }
  });

  it('adds no access stack to a cluster without an access spec', async () => {
    const cluster = resolveCluster({ name: 'lab', basePort: 29092, security: { mode: 'plaintext' } });
    expect((addClusterStacks(Testing.app(), await clusterStacksInput(cluster))).access).toBeUndefined();
  });
});
