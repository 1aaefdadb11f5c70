import { describe, expect, it } from 'vitest';
import { resolveSchemaRegistry, schemaRegistryProblems } from '../../../stacks/model/schema-registry.ts';
import { claimedPorts, resolveCluster } from '../../../stacks/model/resolve.ts';
import { validateSpec } from '../../../stacks/model/validate.ts';

describe('schemaRegistry in the spec', () => {
  it('takes true, false or { heapMiB }, and refuses anything else naming the field, the value and the fix', () => {
    expect(schemaRegistryProblems(undefined)).toEqual([]);
    expect(schemaRegistryProblems(false)).toEqual([]);
    expect(schemaRegistryProblems({ heapMiB: 768 })).toEqual([]);
    expect(schemaRegistryProblems('on')).toEqual([`'schemaRegistry' ('on') must be true, false or an object: e.g. "schemaRegistry": true or "schemaRegistry": { "heapMiB": 768 }`]);
    expect(schemaRegistryProblems({ heapMiB: 100 })).toEqual(["'schemaRegistry.heapMiB' (100) is out of range: use a whole number of MiB from 256 to 4096"]);
    expect(schemaRegistryProblems({ port: 1 })).toEqual(["unknown field 'schemaRegistry.port': remove it (known: heapMiB)"]);
  });

  it('resolves one container whose Confluent-compatible API is published at basePort + 22', () => {
    expect(resolveSchemaRegistry(undefined, 'kafkalab-x', 19092)).toBeUndefined();
    expect(resolveSchemaRegistry(false, 'kafkalab-x', 19092)).toBeUndefined();
    expect(resolveSchemaRegistry(true, 'kafkalab-x', 19092)).toEqual({
      hostname: 'schema-registry',
      containerName: 'kafkalab-x-schema-registry',
      hostPort: 19114,
      url: 'http://127.0.0.1:19114/apis/ccompat/v7',
      user: 'schema-registry',
      topics: { journal: 'kafkasql-journal', snapshots: 'kafkasql-snapshots', events: 'registry-events' },
      groupPrefix: 'apicurio-',
      heapMiB: 512,
    });
    expect(claimedPorts(resolveCluster({ name: 'rx', schemaRegistry: true, connect: true }))).toEqual([19092, 19093, 19094, 19111, 19114]);
  });

  it("keeps the registry's port below 65536 and its user reserved", () => {
    expect(validateSpec({ name: 'rx', basePort: 65520, schemaRegistry: true })).toContain(
      "'basePort' (65520) is out of range: use a whole number from 1024 to 65513, so that the Schema Registry's port (basePort + 22) fits below 65536",
    );
    expect(validateSpec({ name: 'rx', security: { mode: 'sasl_ssl', users: ['schema-registry'] } }).join('\n')).toContain('schema-registry');
  });
});
