import avro from 'avsc';
import { describe, expect, it } from 'vitest';
import {
  decodeAs,
  evolveCriteria,
  evolveSchemaCompatibly,
  fieldDefaultProblem,
  PAYMENT_REFUSED,
  PAYMENT_V1,
  PAYMENT_V2,
  paymentValues,
  type EvolveView,
} from '../../../../../../scripts/lib/practice/drills/dev/evolve-schema-compatibly.ts';
import { resolveCluster } from '../../../../../../stacks/model/resolve.ts';

const v1 = JSON.stringify(PAYMENT_V1);
const v2 = JSON.stringify(PAYMENT_V2);
const payload = (schema: object, value: object): Buffer => avro.Type.forSchema(schema as avro.Schema).toBuffer(value);

describe('evolve-schema-compatibly', () => {
  it('tells a field with a default from one without, and names what is there', () => {
    expect(fieldDefaultProblem(v2, 'currency')).toBeUndefined();
    expect(fieldDefaultProblem(JSON.stringify(PAYMENT_REFUSED), 'currency')).toBe(`'currency' ("string") has no default`);
    expect(fieldDefaultProblem(v1, 'currency')).toBe("no field 'currency' (fields: id, amount)");
    // A nullable union with default null counts: null is a default.
    expect(fieldDefaultProblem(JSON.stringify({ ...PAYMENT_V1, fields: [...PAYMENT_V1.fields, { name: 'currency', type: ['null', 'string'], default: null }] }), 'currency')).toBeUndefined();
    expect(fieldDefaultProblem('"string"', 'currency')).toMatch(/^the schema is not an Avro record/);
    expect(fieldDefaultProblem('{nope', 'currency')).toMatch(/^the schema is not JSON/);
  });

  it('decodes a v1 record with v2 as the reader (the default fills the new field), and refuses without a default', () => {
    const bytes = payload(PAYMENT_V1, { id: 'pay-1', amount: 10 });
    expect(decodeAs(v1, v2, bytes)).toEqual({ id: 'pay-1', amount: 10, currency: 'EUR' });
    expect(() => decodeAs(v1, JSON.stringify(PAYMENT_REFUSED), bytes)).toThrow(/currency/);
  });

  const decoded = paymentValues().map((v, i) => ({ offset: String(i), value: { ...v, currency: 'EUR' } }));
  const view = (over: Partial<EvolveView>): EvolveView => ({ versions: [1, 2], latest: { version: 2, schema: v2 }, level: 'BACKWARD', v1Records: decoded, wantRecords: 6, ...over });

  it('fails right after start (only version 1) and passes after a compatible version 2', () => {
    const start = evolveCriteria(view({ versions: [1], latest: { version: 1, schema: v1 }, v1Records: decoded.map((r) => ({ offset: r.offset, value: { id: 'x', amount: 1 } })) }));
    expect(start.map((c) => c.ok)).toEqual([false, false, true, true]);
    expect(start[0]!.saw).toBe('versions [1]');
    expect(start[1]!.saw).toBe("version 1: no field 'currency' (fields: id, amount)");
    const done = evolveCriteria(view({}));
    expect(done.every((c) => c.ok)).toBe(true);
    expect(done[3]!.saw).toBe('6 of 6, e.g. {"id":"pay-1","amount":10,"currency":"EUR"}');
  });

  it('fails a lowered level, a field without a default, undecodable or missing records, and a read error', () => {
    const lowered = evolveCriteria(view({ level: 'NONE' }));
    expect(lowered[2]!.ok).toBe(false);
    expect(lowered[2]!.saw).toContain('NONE: a lower level lets through versions');
    expect(evolveCriteria(view({ level: 'FULL_TRANSITIVE' }))[2]!.ok).toBe(true);
    expect(evolveCriteria(view({ level: 'FORWARD' }))[2]!.ok).toBe(false);
    const noDefault = evolveCriteria(view({ versions: [1, 2], latest: { version: 2, schema: JSON.stringify(PAYMENT_REFUSED) } }));
    expect(noDefault[1]).toMatchObject({ ok: false, saw: `version 2: 'currency' ("string") has no default` });
    const broken = evolveCriteria(view({ v1Records: [...decoded.slice(1), { offset: '0', error: 'no matching field for default-less Payment.currency' }] }));
    expect(broken[3]).toMatchObject({ ok: false, saw: '1 of 6 do not: offset 0: no matching field for default-less Payment.currency' });
    expect(evolveCriteria(view({ v1Records: decoded.slice(2) }))[3]!.saw).toBe("4 of 6 found in 'dev-payments' under version 1's schema id");
    expect(evolveCriteria(view({ readError: 'HTTP 404: schema not found' }))[3]).toMatchObject({ ok: false, saw: 'HTTP 404: schema not found' });
    expect(evolveCriteria(view({ versions: [], latest: undefined, v1Records: [] }))[0]!.saw).toBe('no versions (the subject is gone: start the drill again)');
  });

  it('states the task with the refusal setup saw', () => {
    const text = evolveSchemaCompatibly.task({ refused: 'Incompatible artifact: dev-payments-value [AVRO], list of diff types: [currency at /fields/2]', records: 6 }, resolveCluster({ name: 'reg-1', schemaRegistry: true }));
    expect(text).toContain('409 Incompatible artifact: dev-payments-value [AVRO], list of diff types: [currency at /fields/2]');
    expect(text).toContain("'dev-payments' holds 6 payments");
    expect(text).toMatch(/http:\/\/127\.0\.0\.1:\d+\/apis\/ccompat\/v7/);
  });
});
