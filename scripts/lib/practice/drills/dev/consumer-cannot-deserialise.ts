/**
 * The registry's wire format: a consumer that decodes through the registry stops at the records of a
 * producer released since, which writes plain Avro binary without the 5-byte header (magic byte 0,
 * then the schema id). The learner finds why from the first bytes and fixes the producer side: the
 * same invoices written again through a registry serializer, under the subject's schema.
 *
 * Setup writes the good records with @kafkajs/confluent-schema-registry (registered under the
 * subject), then the bad ones with avsc alone, and records the error the library's decoder really
 * gives for them. The check reads the topic with a real consumer and decodes each record the learner
 * wrote through the registry (the schema its id names, which must be one of the subject's).
 */
import avro from 'avsc';
import { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import { deleteTopicsIfPresent, produce, topicOffsets, type InRecord } from '../../../kafka/index.ts';
import { produceAvro } from '../../../schemas/index.ts';
import { indent, notTried, sawFromError } from '../kit/kit.ts';
import { criterion, type Criterion, type Drill } from '../kit/types.ts';
import { curlCommand, freshSubjectAndTopic, hexHead, readRawRecords, registryOf, removeSubject, wireFormatOf, type WireFormat } from '../kit/registry.ts';

const enc = encodeURIComponent;

const TOPIC = 'dev-invoices';
export const SUBJECT = `${TOPIC}-value`;

export const INVOICE_V1 = {
  type: 'record',
  name: 'Invoice',
  namespace: 'kafkalab.drills',
  fields: [
    { name: 'id', type: 'string' },
    { name: 'customer', type: 'string' },
    { name: 'total', type: 'double' },
  ],
} as const;

export interface Invoice {
  readonly id: string;
  readonly customer: string;
  readonly total: number;
}

/** The invoices written through the registry before the change. */
export const goodInvoices = (): Invoice[] => Array.from({ length: 5 }, (_, i) => ({ id: `inv-${i + 1}`, customer: `c-${11 + i * 3}`, total: 40 + i * 12.25 }));
/** The invoices the changed producer wrote as plain Avro, which the learner writes again. */
export const resendInvoices = (): Invoice[] => [
  { id: 'inv-6', customer: 'c-17', total: 120.5 },
  { id: 'inv-7', customer: 'c-11', total: 18.75 },
  { id: 'inv-8', customer: 'c-23', total: 304 },
];

/** What the changed producer writes: the Avro binary of the value, without the magic byte and the schema id. */
export const plainAvro = (invoice: Invoice): Buffer => avro.Type.forSchema(INVOICE_V1 as unknown as avro.Schema).toBuffer(invoice);

/** Whether a decoded value is the invoice (its three fields; a later version may add more). */
export function sameInvoice(decoded: unknown, want: Invoice): boolean {
  const d = decoded as Partial<Record<keyof Invoice, unknown>> | undefined;
  return d?.id === want.id && d.customer === want.customer && d.total === want.total;
}

/** One record the check looked at: where it is, how it is framed, and what the registry's decoder made of it. */
export interface SeenRecord {
  readonly offset: number;
  readonly key: string | null;
  readonly wire: WireFormat;
  readonly decoded?: unknown;
  readonly error?: string;
}

export interface DeserialiseView {
  /** The records before the bad ones (written through the registry at setup). */
  readonly before: readonly SeenRecord[];
  readonly goodCount: number;
  /** Per invoice to write again, the last record with its key at or after `badEnd`. */
  readonly resent: ReadonlyMap<string, SeenRecord>;
  readonly badEnd: number;
  /** The schema ids of the subject's versions. */
  readonly subjectIds: readonly number[];
}

const showRecord = (key: string, r: SeenRecord): string =>
  `${key} at offset ${r.offset}: ${r.wire.ok ? `magic byte 0, schema id ${r.wire.id}` : r.wire.why}${r.error ? `; ${r.error}` : ''}`;

export function deserialiseCriteria(v: DeserialiseView): Criterion[] {
  const want = resendInvoices();
  const good = goodInvoices();
  const intact = v.before.filter((r, i) => r.offset === i && good[i] && sameInvoice(r.decoded, good[i]!));
  const resent = want.filter((w) => v.resent.has(w.id));
  const framed = resent.filter((w) => {
    const r = v.resent.get(w.id)!;
    return r.wire.ok && v.subjectIds.includes(r.wire.id);
  });
  const decoded = framed.filter((w) => sameInvoice(v.resent.get(w.id)!.decoded, w));
  const firstBad = (list: readonly Invoice[], ok: readonly Invoice[]): string => {
    const bad = list.find((w) => !ok.includes(w));
    return bad ? showRecord(bad.id, v.resent.get(bad.id)!) : '';
  };
  return [
    criterion(
      `the ${v.goodCount} invoices written before (offsets 0 to ${v.goodCount - 1}) are still there and decode`,
      intact.length === v.goodCount,
      `${intact.length} of ${v.goodCount}${intact.length < v.goodCount ? ' (the topic was emptied or re-created? start the drill again)' : ''}`,
    ),
    criterion(
      `${want.map((w) => w.id).join(', ')} were written again, at offset ${v.badEnd} or later`,
      resent.length === want.length,
      resent.length === want.length ? want.map((w) => `${w.id} at ${v.resent.get(w.id)!.offset}`).join(', ') : `${resent.length} of ${want.length}; missing ${want.filter((w) => !v.resent.has(w.id)).map((w) => w.id).join(', ')}`,
    ),
    criterion(
      `each carries the registry's framing: magic byte 0, then the id of a schema of '${SUBJECT}' (ids ${v.subjectIds.join(', ') || 'none'})`,
      resent.length === want.length && framed.length === resent.length,
      resent.length === 0 ? 'nothing written again yet' : framed.length === resent.length ? `${framed.length} of ${resent.length}` : firstBad(resent, framed),
    ),
    criterion(
      'each decodes through the registry to the invoice it stands for',
      resent.length === want.length && decoded.length === want.length,
      resent.length === 0 ? 'nothing written again yet' : decoded.length === resent.length ? decoded.map((w) => JSON.stringify(v.resent.get(w.id)!.decoded)).join(', ') : firstBad(resent, decoded),
    ),
  ];
}

/** Decode one record as a registry consumer does (the library the drill's consumer uses). */
async function seen(registry: SchemaRegistry, r: InRecord): Promise<SeenRecord> {
  const base = { offset: Number(r.offset), key: r.key, wire: wireFormatOf(r.valueBytes) };
  try {
    return { ...base, decoded: await registry.decode(r.valueBytes ?? Buffer.alloc(0)) };
  } catch (error) {
    return { ...base, error: (error as Error).message.split('\n')[0]! };
  }
}

export const consumerCannotDeserialise: Drill = {
  id: 'consumer-cannot-deserialise',
  title: 'A consumer cannot deserialise new records: find why from the bytes, fix the producer side',
  track: 'dev',
  domain: 'schemas-and-serialization',
  difficulty: 'medium',
  minutes: 20,
  needs: { minBrokers: 1, mode: 'any', security: 'any', schemaRegistry: true },
  task: (facts, cluster) =>
    [
      `A consumer of '${TOPIC}' (1 partition) decodes each value through the Schema Registry`,
      `(${cluster.schemaRegistry?.url ?? 'npm run info shows its URL'}), subject '${SUBJECT}'. It has stopped at offset ${facts.goodCount ?? 5} with:`,
      `  ${facts.consumerError ?? '(a deserialisation error)'}`,
      `(that is @kafkajs/confluent-schema-registry; Confluent's Java deserializer says "Unknown magic byte!"). The records before`,
      'it decode; the last ones come from a producer released since. Find out what that producer does differently (compare',
      `the first bytes of offset ${Number(facts.goodCount ?? 5) - 1} and offset ${facts.goodCount ?? 5}), then fix the producer side: write these invoices again, same keys`,
      `(the id) and values, so that a consumer reading through the registry decodes them with a schema of '${SUBJECT}':`,
      ...resendInvoices().map((i) => `  key ${i.id}  ${JSON.stringify(i)}`),
      'Do not delete the topic or the records in it.',
    ].join('\n'),
  async setup(ctx) {
    const { url } = await freshSubjectAndTopic(ctx, SUBJECT, TOPIC);
    const good = goodInvoices();
    const id = await produceAvro(ctx.d, url, TOPIC, SUBJECT, INVOICE_V1, good, { keys: good.map((i) => i.id) });
    // The changed producer: avsc's binary, nothing in front.
    const bad = resendInvoices().map((i) => ({ key: i.id, value: plainAvro(i) }));
    await produce(ctx.d, TOPIC, bad);
    let consumerError = '';
    try {
      await new SchemaRegistry({ host: url }).decode(bad[0]!.value);
    } catch (error) {
      consumerError = (error as Error).message.split('\n')[0]!;
    }
    if (!consumerError) throw new Error(`the registry's decoder read a record without the magic byte (${hexHead(bad[0]!.value)}): the scenario did not build; report this`);
    const end = (await topicOffsets(ctx.d, TOPIC)).reduce((n, o) => n + o.high, 0);
    return { schemaId: id, goodCount: good.length, badEnd: end, consumerError };
  },
  async check(ctx) {
    const { url, rest } = registryOf(ctx);
    if (typeof ctx.facts.badEnd !== 'number') return [notTried(`the invoices are written again through the registry`, 'the drill has nothing on record: start it again')];
    const goodCount = Number(ctx.facts.goodCount);
    const badEnd = ctx.facts.badEnd;
    const versions = await rest.call('GET', `/subjects/${enc(SUBJECT)}/versions`, undefined, [404]);
    const subjectIds: number[] = [];
    for (const v of versions.status === 200 && Array.isArray(versions.body) ? (versions.body as unknown[]) : []) {
      const id = ((await rest.call('GET', `/subjects/${enc(SUBJECT)}/versions/${v}`)).body as { id?: unknown }).id;
      if (typeof id === 'number') subjectIds.push(id);
    }
    let records: InRecord[];
    try {
      records = await readRawRecords(ctx, TOPIC);
    } catch (error) {
      return [criterion(`'${TOPIC}' can be read`, false, sawFromError(error))];
    }
    const registry = new SchemaRegistry({ host: url });
    const before: SeenRecord[] = [];
    for (const r of records.filter((x) => Number(x.offset) < goodCount)) before.push(await seen(registry, r));
    const keys = new Set(resendInvoices().map((i) => i.id));
    const resent = new Map<string, SeenRecord>();
    for (const r of records.filter((x) => Number(x.offset) >= badEnd && x.key !== null && keys.has(x.key))) resent.set(r.key!, await seen(registry, r));
    return deserialiseCriteria({ before, goodCount, resent, badEnd, subjectIds });
  },
  hints: [
    `A registry serializer does not write the Avro binary alone: it writes the magic byte 0, then the schema's id in 4 bytes (big-endian), then the Avro binary. Look at the first bytes: .kafkalab/bin/kcat -F .kafkalab/clusters/<cluster>/kcat.conf -C -t ${TOPIC} -o <offset> -c 1 -e -f '%s' | xxd | head -2.`,
    `Offsets 0 to 4 start with 00 00 00 00 <id>; offset 5 and after start with 0a 69 6e 76: 0a is the Avro length of "inv-6" (5, zigzag-encoded), then "inv": plain Avro, no header. Look the id up with GET /schemas/ids/<id>, or the subject's latest with GET /subjects/${SUBJECT}/versions/latest.`,
    `Write them with a registry serializer: in Node, new SchemaRegistry({ host: <url> }) from @kafkajs/confluent-schema-registry (in this project's node_modules), id = await registry.getLatestSchemaId('${SUBJECT}'), value = await registry.encode(id, invoice), then a kafkajs producer (npm run info -- --json shows how to connect). By hand: Buffer.concat([Buffer.from([0]), 4 bytes of the id, the Avro binary]).`,
  ],
  solution: {
    steps: [
      `.kafkalab/bin/kcat -F .kafkalab/clusters/<cluster>/kcat.conf -C -t ${TOPIC} -o 4 -c 2 -e -f 'offset %o: %s\\n' | xxd | head   # 00 00 00 00 <id> … before, 0a 69 6e 76 … after`,
      curlCommand('GET', '<url>/schemas/ids/<id>') + '   # the schema the good records name: Invoice (id, customer, total)',
      `write ${resendInvoices().map((i) => i.id).join(', ')} again with a registry serializer: id = getLatestSchemaId('${SUBJECT}'), value = encode(id, invoice), key = the invoice id`,
    ],
    async run(ctx) {
      const { url, rest } = registryOf(ctx);
      const goodCount = Number(ctx.facts.goodCount ?? 5);
      const records = await readRawRecords(ctx, TOPIC);
      for (const r of records.filter((x) => Number(x.offset) === goodCount - 1 || Number(x.offset) === goodCount)) {
        const wire = wireFormatOf(r.valueBytes);
        ctx.say(`offset ${r.offset} (key ${r.key}): ${hexHead(r.valueBytes ?? Buffer.alloc(0), 10)}   → ${wire.ok ? `magic byte 0, schema id ${wire.id}, then the Avro binary` : wire.why}`);
      }
      const latest = (await rest.call('GET', `/subjects/${enc(SUBJECT)}/versions/latest`)).body as { id?: number; schema?: string };
      ctx.say(`$ ${curlCommand('GET', `${url}/subjects/${SUBJECT}/versions/latest`)}`);
      ctx.say(indent(JSON.stringify(latest)));
      const invoices = resendInvoices();
      const id = await produceAvro(ctx.d, url, TOPIC, SUBJECT, INVOICE_V1, invoices, { keys: invoices.map((i) => i.id) });
      ctx.say(`wrote ${invoices.map((i) => i.id).join(', ')} to '${TOPIC}' through the registry: magic byte 0, schema id ${id}, the Avro binary`);
    },
  },
  explain: [
    'Kafka stores bytes; a registry serializer frames each value as the magic byte 0, the schema id (4 bytes, big-endian)',
    'and the encoded data, and its deserializer reads the id, fetches that schema from the registry (and caches it) and',
    'decodes with it. A producer that writes the bare Avro binary, or another framing, breaks every consumer that expects',
    'the header: the first byte is then data (here the length of the first string), so it fails on the magic byte. The',
    'records already written stay poison pills: a consumer must skip them (or a dead letter queue take them), and the fix',
    'is on the producer, which must use the same serializer (and subject strategy) as the consumers expect.',
  ].join('\n'),
  async reset(ctx) {
    const { rest } = registryOf(ctx);
    await removeSubject(rest, SUBJECT);
    await deleteTopicsIfPresent(ctx.d, [TOPIC]);
  },
};
