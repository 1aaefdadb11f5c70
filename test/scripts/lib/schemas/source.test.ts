import { describe, expect, it } from 'vitest';
import { canonicalOf, readSchemaText } from '../../../../scripts/lib/schemas/source.ts';
import type { ResolvedSchema } from '../../../../stacks/model/schemas.ts';

const ORDER = { type: 'record', name: 'Order', fields: [{ name: 'id', type: 'string' }] };
const fromFile = (type: ResolvedSchema['type'] = 'AVRO'): ResolvedSchema => ({ subject: 'orders-value', type, source: { file: '/specs/order.avsc' }, origin: 'schemas[0]' });

describe('a declared schema', () => {
  it('is read from its file and compared in a canonical form (key order and spaces do not count)', () => {
    const r = readSchemaText(fromFile(), () => JSON.stringify(ORDER, null, 2));
    expect(typeof r).toBe('object');
    expect(r).toMatchObject({ canonical: '{"fields":[{"name":"id","type":"string"}],"name":"Order","type":"record"}' });
    expect(canonicalOf('AVRO', '{"name":"Order","type":"record","fields":[{"type":"string","name":"id"}]}')).toBe((r as { canonical: string }).canonical);
  });

  it('names the field, the file and the fix when the file cannot be read or does not parse', () => {
    const missing = () => {
      throw Object.assign(new Error('nope'), { code: 'ENOENT' });
    };
    expect(readSchemaText(fromFile(), missing)).toBe("schemas[0].file ('/specs/order.avsc') cannot be read (ENOENT): fix the path (relative to the spec file's folder)");
    expect(readSchemaText(fromFile(), () => '{"type": "record",')).toMatch(/^schemas\[0\]\.file \('\/specs\/order\.avsc'\) does not parse as AVRO: not JSON \(.+\): fix the schema$/);
    expect(readSchemaText(fromFile(), () => JSON.stringify({ type: 'record', name: 'Order', fields: [{ name: 'id', type: 'strin' }] }))).toBe(
      "schemas[0].file ('/specs/order.avsc') does not parse as AVRO: undefined type name: strin: fix the schema",
    );
    expect(readSchemaText(fromFile('JSON'), () => '42')).toBe("schemas[0].file ('/specs/order.avsc') does not parse as JSON: a JSON Schema is an object or a boolean: fix the schema");
  });

  it('takes an inline schema, and leaves PROTOBUF text to the registry', () => {
    const inline: ResolvedSchema = { subject: 's', type: 'AVRO', source: { inline: JSON.stringify(ORDER) }, origin: 'schemas[1]' };
    expect(readSchemaText(inline)).toMatchObject({ text: JSON.stringify(ORDER) });
    expect(readSchemaText({ ...fromFile('PROTOBUF') }, () => 'syntax = "proto3";\n')).toMatchObject({ canonical: 'syntax = "proto3";' });
  });
});
