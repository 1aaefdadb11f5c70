import { describe, expect, it } from 'vitest';
import { resolveAccess, validateAccess } from '../../../stacks/model/access-validate.ts';
import { resolveCluster } from '../../../stacks/model/resolve.ts';

const withRegistry = resolveCluster({ name: 'reg', schemaRegistry: true });
const ORDER = { type: 'record', name: 'Order', fields: [{ name: 'id', type: 'string' }] };

describe('schemas in the access spec', () => {
  it('resolves a file or an inline schema, AVRO by default, with an optional level', () => {
    const r = resolveAccess({ schemas: [{ subject: 'orders-value', file: '/s/order.avsc', compatibility: 'FULL' }, { subject: 'k', type: 'JSON', schema: { type: 'string' } }] }, withRegistry);
    expect(r.schemas).toEqual([
      { subject: 'orders-value', type: 'AVRO', source: { file: '/s/order.avsc' }, compatibility: 'FULL', origin: 'schemas[0]' },
      { subject: 'k', type: 'JSON', source: { inline: '{"type":"string"}' }, origin: 'schemas[1]' },
    ]);
  });

  it('keeps them out without a registry, as connectors without Connect', () => {
    expect(resolveAccess({ schemas: [{ subject: 'orders-value', schema: ORDER }] }, resolveCluster({ name: 'reg' })).schemas).toEqual([]);
  });

  it('names the field, the value and the fix', () => {
    expect(validateAccess({ schemas: [{ subject: 'orders-value', type: 'XML', schema: ORDER }] } as never, withRegistry)).toEqual([
      "'schemas[0].type' ('XML') is not a schema type the registry takes: use AVRO, JSON or PROTOBUF",
    ]);
    expect(validateAccess({ schemas: [{ subject: 'a', schema: ORDER, file: 'x.avsc' }, { subject: 'a b', schema: ORDER }] } as never, withRegistry)).toEqual([
      `'schemas[0]' ({"subject":"a","schema":{"type":"record","name":"Order","fields":[{"name":"id","type":"string"}]},"file":"x.avsc"}) needs exactly one of 'file' (a path relative to the spec file) and 'schema' (the schema inline)`,
      "'schemas[1].subject' ('a b') is not a subject name: use letters, digits, '.', '_' or '-' (e.g. orders-value, the topic name strategy's <topic>-value)",
    ]);
    expect(validateAccess({ schemas: [{ subject: 'a', schema: ORDER, compatibility: 'STRICT' }, { subject: 'a', schema: ORDER }] } as never, withRegistry)).toEqual([
      "'schemas[0].compatibility' ('STRICT') is not a compatibility level: use BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE or NONE",
      "'schemas[1].subject' ('a') is declared twice: declare each subject once",
    ]);
  });
});
