import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accessApplyEnv,
  accessSpecFor,
  accessStackDir,
  accessStatePath,
  prepareAccessSecrets,
  previousAccessState,
} from '../../../../scripts/lib/access/state.ts';
import { DEFAULT_ACCESS } from '../../../../stacks/model/access-presets.ts';
import { resolveAccess } from '../../../../stacks/model/access-validate.ts';
import { resolveCluster } from '../../../../stacks/model/resolve.ts';

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

describe('access stack files', () => {
  it('keeps the state beside the cluster state and synthesizes to <cluster>-access', () => {
    expect(accessStatePath('kraft-3')).toBe(join(state, 'clusters', 'kraft-3', 'access', 'terraform.tfstate'));
    expect(accessStackDir('kraft-3')).toMatch(/cdktf\.out\/stacks\/kraft-3-access$/);
  });

  it('gives the default cluster its example, only its topics without an authorizer, and others nothing', () => {
    expect(accessSpecFor(resolveCluster({ name: 'kraft-3' }))).toBe(DEFAULT_ACCESS);
    expect(accessSpecFor(resolveCluster({ name: 'kraft-3', security: { mode: 'plaintext' } }))).toEqual({ topics: DEFAULT_ACCESS.topics, connectors: DEFAULT_ACCESS.connectors });
    expect(accessSpecFor(resolveCluster({ name: 'kraft-dedicated', mode: 'kraft-dedicated', basePort: 19192 }))).toBeUndefined();
  });
});

describe('previousAccessState', () => {
  it('reads each managed topic and its partitions from the Terraform state', () => {
    const path = join(state, 'prev', 'terraform.tfstate');
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(
      path,
      JSON.stringify({
        version: 4,
        resources: [
          { mode: 'managed', type: 'kafka_topic', name: 'orders', instances: [{ attributes: { name: 'orders', partitions: 6, replication_factor: 3 } }] },
          { mode: 'data', type: 'kafka_topic', name: 'seen', instances: [{ attributes: { name: 'seen', partitions: 1 } }] },
          { mode: 'managed', type: 'kafka_acl', name: 'a', instances: [{ attributes: { resource_name: 'orders' } }] },
        ],
      }),
    );
    expect(previousAccessState(path)).toEqual({ topics: { orders: { partitions: 6 } } });
  });

  it('has nothing to say without a state file, or with an unreadable one', () => {
    expect(previousAccessState(join(state, 'none', 'terraform.tfstate'))).toBeUndefined();
    const bad = join(state, 'bad.tfstate');
    writeFileSync(bad, '{');
    expect(previousAccessState(bad)).toBeUndefined();
  });
});

describe('access secrets', () => {
  const cluster = resolveCluster({ name: 'kraft-3' });
  const access = resolveAccess(DEFAULT_ACCESS, cluster);

  it('makes a 0600 password file per SCRAM user, reused, with a version that follows the password', () => {
    const first = prepareAccessSecrets(cluster, access);
    expect(Object.keys(first.passwordPaths)).toEqual(['orders-producer', 'orders-consumer']);
    const path = first.passwordPaths['orders-producer']!;
    expect(path).toBe(join(state, 'clusters', 'kraft-3', 'secrets', 'passwords', 'orders-producer'));
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(first.passwordVersions['orders-producer']).toMatch(/^[0-9a-f]{16}$/);
    expect(first.passwordVersions['orders-producer']).not.toContain(readFileSync(path, 'utf8').trim());
    expect(prepareAccessSecrets(cluster, access)).toEqual(first);
    writeFileSync(path, 'rotated-password-0123456789abcdef');
    expect(prepareAccessSecrets(cluster, access).passwordVersions['orders-producer']).not.toBe(first.passwordVersions['orders-producer']);
  });

  it('hands the passwords to Terraform by environment only', () => {
    const adminPath = join(state, 'clusters', 'kraft-3', 'secrets', 'passwords', 'admin');
    writeFileSync(adminPath, 'admin-secret\n', { mode: 0o600 });
    const env = accessApplyEnv(cluster, access);
    expect(Object.keys(env).sort()).toEqual(['KAFKA_SASL_PASSWORD', 'TF_VAR_scram_password_orders_consumer', 'TF_VAR_scram_password_orders_producer']);
    expect(env.KAFKA_SASL_PASSWORD).toBe('admin-secret');
    expect(env.TF_VAR_scram_password_orders_producer).toBe('rotated-password-0123456789abcdef');
  });

  it('says which password file is missing', () => {
    const other = resolveCluster({ name: 'other', basePort: 29092 });
    expect(() => accessApplyEnv(other, resolveAccess(DEFAULT_ACCESS, other))).toThrow(/the admin has no password file .*clusters\/other\/secrets\/passwords\/admin/);
  });

  it('needs no password under mtls', () => {
    const mtls = resolveCluster({ name: 'kraft-3', security: { mode: 'mtls' } });
    const a = resolveAccess(DEFAULT_ACCESS, mtls);
    expect(prepareAccessSecrets(mtls, a)).toEqual({ passwordPaths: {}, passwordVersions: {} });
    expect(accessApplyEnv(mtls, a)).toEqual({});
  });
});

describe('access declared in a spec file', () => {
  it("wins over the preset's example and is kept whole (validation explains what a mode cannot carry)", () => {
    const access = { topics: [{ name: 'ledger', protected: true }], users: [{ name: 'app' }] };
    expect(accessSpecFor(resolveCluster({ name: 'kraft-3', access }))).toBe(access);
    expect(accessSpecFor(resolveCluster({ name: 'mine', basePort: 20092, security: { mode: 'plaintext' }, access }))).toBe(access);
  });
});
