import avro from 'avsc';
import { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import { describe, expect, it } from 'vitest';
import {
  consumerCannotDeserialise,
  deserialiseCriteria,
  goodInvoices,
  INVOICE_V1,
  plainAvro,
  resendInvoices,
  sameInvoice,
  type DeserialiseView,
  type SeenRecord,
} from '../../../../../../scripts/lib/practice/drills/dev/consumer-cannot-deserialise.ts';
import { wireFormatOf } from '../../../../../../scripts/lib/practice/drills/kit/registry.ts';
import { resolveCluster } from '../../../../../../stacks/model/resolve.ts';

const framed = (id: number, value: object): Buffer => {
  const head = Buffer.alloc(5);
  head.writeInt32BE(id, 1);
  return Buffer.concat([head, avro.Type.forSchema(INVOICE_V1 as unknown as avro.Schema).toBuffer(value)]);
};
const record = (offset: number, key: string, bytes: Buffer, decoded?: unknown, error?: string): SeenRecord => ({ offset, key, wire: wireFormatOf(bytes), ...(decoded !== undefined ? { decoded } : {}), ...(error ? { error } : {}) });

describe('consumer-cannot-deserialise', () => {
  it('writes the bad records as bare Avro: the first byte is the length of the id, not the magic byte', () => {
    const bytes = plainAvro(resendInvoices()[0]!);
    expect([...bytes.subarray(0, 4)]).toEqual([0x0a, 0x69, 0x6e, 0x76]);
    expect(wireFormatOf(bytes).ok).toBe(false);
  });

  it('is what the registry client refuses, before asking the registry anything', async () => {
    const registry = new SchemaRegistry({ host: 'http://127.0.0.1:9' });
    await expect(registry.decode(plainAvro(resendInvoices()[0]!))).rejects.toThrow('Message encoded with magic byte {"type":"Buffer","data":[10]}, expected {"type":"Buffer","data":[0]}');
  });

  it('compares a decoded value with the invoice field by field (a later version may add fields)', () => {
    const want = resendInvoices()[0]!;
    expect(sameInvoice({ ...want }, want)).toBe(true);
    expect(sameInvoice({ ...want, note: null }, want)).toBe(true);
    expect(sameInvoice({ ...want, total: 120 }, want)).toBe(false);
    expect(sameInvoice(undefined, want)).toBe(false);
  });

  const before = goodInvoices().map((inv, i) => record(i, inv.id, framed(7, inv), inv));
  const view = (resent: SeenRecord[], over: Partial<DeserialiseView> = {}): DeserialiseView => ({
    before,
    goodCount: 5,
    resent: new Map(resent.map((r) => [r.key!, r])),
    badEnd: 8,
    subjectIds: [7],
    ...over,
  });
  const fixed = resendInvoices().map((inv, i) => record(8 + i, inv.id, framed(7, inv), inv));

  it('fails right after start (nothing written again) and passes once the invoices are framed and decode', () => {
    const start = deserialiseCriteria(view([]));
    expect(start.map((c) => c.ok)).toEqual([true, false, false, false]);
    expect(start[1]!.saw).toBe('0 of 3; missing inv-6, inv-7, inv-8');
    expect(start[2]!.saw).toBe('nothing written again yet');
    const done = deserialiseCriteria(view(fixed));
    expect(done.every((c) => c.ok)).toBe(true);
    expect(done[1]!.saw).toBe('inv-6 at 8, inv-7 at 9, inv-8 at 10');
  });

  it('fails bare Avro written again, an id of another subject, a wrong value, a lost topic', () => {
    const bare = resendInvoices().map((inv, i) => record(8 + i, inv.id, plainAvro(inv), undefined, 'Message encoded with magic byte {"type":"Buffer","data":[10]}, expected {"type":"Buffer","data":[0]}'));
    const c1 = deserialiseCriteria(view(bare));
    expect(c1.map((c) => c.ok)).toEqual([true, true, false, false]);
    expect(c1[2]!.saw).toMatch(/^inv-6 at offset 8: first byte 0x0a, not the magic byte 0x00/);
    const otherId = resendInvoices().map((inv, i) => record(8 + i, inv.id, framed(9, inv), inv));
    expect(deserialiseCriteria(view(otherId))[2]).toMatchObject({ ok: false, saw: 'inv-6 at offset 8: magic byte 0, schema id 9' });
    const wrong = [...fixed.slice(0, 2), record(10, 'inv-8', framed(7, { id: 'inv-8', customer: 'c-23', total: 1 }), { id: 'inv-8', customer: 'c-23', total: 1 })];
    expect(deserialiseCriteria(view(wrong))[3]).toMatchObject({ ok: false, saw: 'inv-8 at offset 10: magic byte 0, schema id 7' });
    const lost = deserialiseCriteria(view(fixed, { before: [] }));
    expect(lost[0]).toMatchObject({ ok: false, saw: '0 of 5 (the topic was emptied or re-created? start the drill again)' });
  });

  it('states the task with the error setup saw and the invoices to write again', () => {
    const text = consumerCannotDeserialise.task({ goodCount: 5, consumerError: 'Message encoded with magic byte X' }, resolveCluster({ name: 'reg-1', schemaRegistry: true }));
    expect(text).toContain('It has stopped at offset 5 with:\n  Message encoded with magic byte X');
    expect(text).toContain('offset 4 and offset 5');
    expect(text).toContain('key inv-6  {"id":"inv-6","customer":"c-17","total":120.5}');
  });
});
