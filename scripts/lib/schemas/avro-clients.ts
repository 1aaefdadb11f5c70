/**
 * Avro records through a cluster and its Schema Registry, as a developer's application writes and
 * reads them: `@kafkajs/confluent-schema-registry` registers (or finds) the writer's schema under
 * a subject and frames each value as magic byte 0, the schema id, then the Avro binary; the reader
 * looks each record's schema id up in the registry and decodes with it. Used by the tests and the
 * schema drills; the registry is the cluster's, never a mock.
 */
import { SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import type { ConnectionDescriptor } from '../cluster/index.ts';
import { consumeUntil, produce } from '../kafka/index.ts';

export interface AvroProduceOptions {
  /** Keys, one per value. @default - no keys */
  readonly keys?: readonly string[];
}

/** Register `schema` under `subject` (or find it), then write `values` encoded with it; its id. */
export async function produceAvro(d: ConnectionDescriptor, registryUrl: string, topic: string, subject: string, schema: object, values: readonly object[], opts: AvroProduceOptions = {}): Promise<number> {
  const registry = new SchemaRegistry({ host: registryUrl });
  const { id } = await registry.register({ type: SchemaType.AVRO, schema: JSON.stringify(schema) }, { subject });
  const encoded = await Promise.all(values.map((v) => registry.encode(id, v)));
  await produce(d, topic, encoded.map((value, i) => ({ value, ...(opts.keys?.[i] !== undefined ? { key: opts.keys[i] } : {}) })));
  return id;
}

export interface AvroRead {
  readonly offset: string;
  /** The decoded value, when the registry's schema decoded it. */
  readonly value?: unknown;
  /** Why it did not decode. */
  readonly error?: string;
}

/** Read `topic` from the start until `count` records (or `timeoutMs`), each decoded through the registry. */
export async function consumeAvro(d: ConnectionDescriptor, registryUrl: string, topic: string, count: number, timeoutMs = 60_000): Promise<AvroRead[]> {
  const registry = new SchemaRegistry({ host: registryUrl });
  const records = await consumeUntil(d, topic, (seen) => seen.length >= count, { timeoutMs });
  const out: AvroRead[] = [];
  for (const r of records) {
    try {
      out.push({ offset: r.offset, value: await registry.decode(r.valueBytes ?? Buffer.alloc(0)) });
    } catch (error) {
      out.push({ offset: r.offset, error: (error as Error).message });
    }
  }
  return out;
}
