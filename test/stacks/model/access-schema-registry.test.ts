import { describe, expect, it } from 'vitest';
import { resolveAccess, validateAccess } from '../../../stacks/model/access-validate.ts';
import { declaredAccess } from '../../../stacks/model/access-presets.ts';
import { resolveCluster } from '../../../stacks/model/resolve.ts';

const ops = (acls: readonly { resourceName: string; pattern: string; operation: string; principal: string }[]) =>
  acls.filter((a) => a.principal === 'User:schema-registry').map((a) => `${a.resourceName}${a.pattern === 'prefixed' ? '*' : ''}:${a.operation}`);

describe("the Schema Registry's user and grants", () => {
  it('gives a SCRAM user its three storage topics and its prefixed groups, nothing on the cluster', () => {
    const cluster = resolveCluster({ name: 'reg', schemaRegistry: true });
    const access = resolveAccess(declaredAccess(cluster)!, cluster);
    expect(access.users).toContainEqual({ name: 'schema-registry', principal: 'User:schema-registry', credential: 'scram', mechanism: 'SCRAM-SHA-512' });
    expect(ops(access.acls)).toEqual([
      ...['kafkasql-journal', 'kafkasql-snapshots', 'registry-events'].flatMap((t) => ['describe', 'describe_configs', 'read', 'write'].map((o) => `${t}:${o}`)),
      'apicurio-*:read',
    ]);
  });

  it('is a certificate under mtls, and nobody without an authorizer', () => {
    const mtls = resolveCluster({ name: 'reg', schemaRegistry: true, security: { mode: 'mtls' } });
    expect(resolveAccess({}, mtls).users.find((u) => u.name === 'schema-registry')?.credential).toBe('certificate');
    const plain = resolveCluster({ name: 'reg', schemaRegistry: true, security: { mode: 'plaintext' } });
    expect(declaredAccess(plain)).toEqual({});
    expect(resolveAccess({}, plain).users).toEqual([]);
  });

  it('refuses a PLAIN cluster with the fix', () => {
    const cluster = resolveCluster({ name: 'reg', schemaRegistry: true, security: { mode: 'sasl_plaintext', mechanism: 'PLAIN' } });
    expect(validateAccess({}, cluster)).toEqual([
      "'schemaRegistry' needs a SCRAM user for the registry, but cluster 'reg' uses SASL mechanism PLAIN: use mechanism SCRAM-SHA-512 (the default), or turn the registry off",
    ]);
  });
});
