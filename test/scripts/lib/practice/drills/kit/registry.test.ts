import avro from 'avsc';
import { describe, expect, it } from 'vitest';
import { curlCommand, hexHead, levelFrom, registryOf, wireFormatOf } from '../../../../../../scripts/lib/practice/drills/kit/registry.ts';
import { PAYMENT_V1 } from '../../../../../../scripts/lib/practice/drills/dev/evolve-schema-compatibly.ts';
import { resolveCluster } from '../../../../../../stacks/model/resolve.ts';
import type { ConnectionDescriptor } from '../../../../../../scripts/lib/cluster/index.ts';

const payload = (schema: object, value: object): Buffer => avro.Type.forSchema(schema as avro.Schema).toBuffer(value);

describe('the schema drills\' registry kit', () => {
  it('reads the framing: magic byte 0 and a 4-byte big-endian id, or why not', () => {
    const framed = Buffer.concat([Buffer.from([0, 0, 0, 1, 2]), payload(PAYMENT_V1, { id: 'a', amount: 1 })]);
    const w = wireFormatOf(framed);
    expect(w.ok && w.id).toBe(258);
    expect(w.ok && w.payload.length).toBe(framed.length - 5);
    const plain = payload(PAYMENT_V1, { id: 'inv-6', amount: 1 });
    expect(wireFormatOf(plain)).toEqual({ ok: false, why: 'first byte 0x0a, not the magic byte 0x00: not written through a registry serializer (bytes 0a 69 6e 76 2d 36 00 00 …)' });
    expect(wireFormatOf(null)).toEqual({ ok: false, why: 'an empty value (null or 0 bytes)' });
    expect(wireFormatOf(Buffer.from([0, 0, 1]))).toEqual({ ok: false, why: '3 bytes: too short for the magic byte and the 4-byte schema id' });
    expect(hexHead(Buffer.from([0, 255, 16]))).toBe('00 ff 10');
  });

  it('reads a level from either field of a /config answer', () => {
    expect(levelFrom({ compatibilityLevel: 'BACKWARD' })).toBe('BACKWARD');
    expect(levelFrom({ compatibility: 'full_transitive' })).toBe('FULL_TRANSITIVE');
    expect(levelFrom({})).toBeUndefined();
    expect(levelFrom(undefined)).toBeUndefined();
  });

  it('renders curl commands a learner can paste, and refuses a body it cannot quote', () => {
    expect(curlCommand('GET', 'http://h/config')).toBe('curl -s http://h/config');
    expect(curlCommand('DELETE', 'http://h/subjects/s')).toBe('curl -s -X DELETE http://h/subjects/s');
    expect(curlCommand('PUT', 'http://h/config/s', { compatibility: 'FULL' })).toBe(
      `curl -s -X PUT -H 'Content-Type: application/vnd.schemaregistry.v1+json' --data '{"compatibility":"FULL"}' http://h/config/s`,
    );
    expect(() => curlCommand('POST', 'http://h/x', { schema: "it's" })).toThrow(/single quote/);
  });

  it('names the fix when the cluster runs no registry', () => {
    const cluster = resolveCluster({ name: 'plain-3' });
    expect(() => registryOf({ cluster, d: {} as ConnectionDescriptor })).toThrow(
      "the descriptor of cluster 'plain-3' has no schemaRegistry (no Schema Registry runs): turn it on with npm run up -- --cluster plain-3 --schema-registry",
    );
    const d = { schemaRegistry: { url: 'http://127.0.0.1:19114/apis/ccompat/v7', container: 'c' } } as ConnectionDescriptor;
    expect(registryOf({ cluster, d }).url).toBe('http://127.0.0.1:19114/apis/ccompat/v7');
  });

});
