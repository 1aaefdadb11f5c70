import { describe, expect, it } from 'vitest';
import { applySchemas, planSchemas, renderSchemaPlan } from '../../../../scripts/lib/schemas/plan.ts';
import type { RegistryAnswer, RegistryRest } from '../../../../scripts/lib/schemas/rest.ts';
import { readSchemaText, type SchemaText } from '../../../../scripts/lib/schemas/source.ts';
import type { ResolvedSchema } from '../../../../stacks/model/schemas.ts';

const V1 = { type: 'record', name: 'Order', fields: [{ name: 'id', type: 'string' }] };
const V2 = { ...V1, fields: [...V1.fields, { name: 'note', type: ['null', 'string'], default: null }] };
const BAD = { ...V1, fields: [...V1.fields, { name: 'customer', type: 'string' }] };

const text = (subject: string, schema: object, compatibility?: ResolvedSchema['compatibility']): SchemaText =>
  readSchemaText({ subject, type: 'AVRO', source: { inline: JSON.stringify(schema) }, origin: 'schemas[0]', ...(compatibility ? { compatibility } : {}) }) as SchemaText;

/** A fake registry holding subjects' versions and levels; compatible = no new field without a default. */
function fakeRegistry(subjects: Record<string, object[]>, levels: Record<string, string> = {}): RegistryRest & { calls: string[] } {
  const calls: string[] = [];
  const ok = (body: unknown, status = 200): RegistryAnswer => ({ status, body, message: '' });
  const compatible = (next: { fields: { name: string; default?: unknown }[] }, prev: { fields: { name: string }[] }) =>
    next.fields.every((f) => prev.fields.some((p) => p.name === f.name) || 'default' in f);
  return {
    url: 'http://127.0.0.1:1/apis/ccompat/v7',
    calls,
    async call(method, path, body) {
      calls.push(`${method} ${path}`);
      const subject = decodeURIComponent(/(?:subjects|config|artifacts)\/([^/?]+)/.exec(path)?.[1] ?? '');
      const versions = subjects[subject];
      if (method === 'GET' && path.endsWith('/versions/latest')) {
        return versions ? ok({ version: versions.length, schema: JSON.stringify(versions.at(-1)) }) : { status: 404, body: { error_code: 40401 }, message: 'not found' };
      }
      if (method === 'GET' && path.startsWith('/config/')) return levels[subject] ? ok({ compatibilityLevel: levels[subject] }) : { status: 404, body: {}, message: 'no config' };
      if (method === 'POST' && path.startsWith('/compatibility/')) {
        return ok({ is_compatible: compatible(JSON.parse((body as { schema: string }).schema), versions!.at(-1) as never) });
      }
      if (method === 'POST' && path.includes('dryRun=true')) return { status: 409, body: { causes: [{ description: 'customer', context: '/fields/1' }] }, message: 'incompatible' };
      if (method === 'PUT' && path.startsWith('/config/')) return ok({ compatibility: (body as { compatibility: string }).compatibility });
      if (method === 'POST' && path.endsWith('/versions')) {
        (subjects[subject] ??= []).push(JSON.parse((body as { schema: string }).schema));
        return ok({ id: 7 });
      }
      throw new Error(`unexpected ${method} ${path}`);
    },
  };
}

describe('schemas as code', () => {
  it('plans a new subject, an unchanged one, a compatible version and a refused one with the reason', async () => {
    const rest = fakeRegistry({ a: [V1], b: [V1], c: [V1] });
    const plan = await planSchemas(rest, [text('new', V1), text('a', V1), text('b', V2), text('c', BAD)]);
    expect(plan.entries.map((e) => e.action)).toEqual(['create', 'unchanged', 'update', 'refused']);
    expect(plan.entries[3]!.reason).toBe('incompatible: customer at /fields/1');
    expect(plan).toMatchObject({ changes: 2, refused: 1 });
    expect(renderSchemaPlan(plan)).toEqual([
      "  + schema 'new' (AVRO): new subject, version 1",
      "    schema 'a' (AVRO): unchanged (version 1)",
      "  ~ schema 'b' (AVRO): version 2, compatible",
      "  ! schema 'c' (AVRO): REFUSED by the registry: incompatible: customer at /fields/1",
    ]);
  });

  it('applies nothing when one subject is refused', async () => {
    const rest = fakeRegistry({ b: [V1], c: [V1] });
    await expect(applySchemas(rest, [text('b', V2), text('c', BAD)], 'reg')).rejects.toThrow(
      "the Schema Registry of 'reg' refuses 'c' (incompatible: customer at /fields/1); nothing was applied",
    );
    expect(rest.calls.filter((c) => c.startsWith('POST /subjects') || c.startsWith('PUT'))).toEqual([]);
  });

  it('sets a declared level first, then registers; an unchanged subject costs two reads', async () => {
    const rest = fakeRegistry({ b: [V1], u: [V1] }, { u: 'BACKWARD' });
    const { applied } = await applySchemas(rest, [text('b', BAD, 'NONE'), text('u', V1, 'BACKWARD')], 'reg');
    expect(applied).toEqual([{ subject: 'b', version: 2, id: 7, compatibility: 'NONE' }]);
    expect(rest.calls).toEqual([
      'GET /subjects/b/versions/latest',
      'GET /config/b',
      'GET /subjects/u/versions/latest',
      'GET /config/u',
      'PUT /config/b',
      'POST /subjects/b/versions',
      'GET /subjects/b/versions/latest',
    ]);
  });
});
