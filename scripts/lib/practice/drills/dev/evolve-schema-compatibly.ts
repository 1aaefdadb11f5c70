/**
 * Schema evolution under BACKWARD compatibility: a subject holds version 1 of an Avro record, the
 * version the team tried (a new field without a default) was refused with 409, and the learner
 * registers a version 2 the registry accepts (the field with a default) without lowering the level.
 *
 * Graded on the registry's real state (versions, the latest schema, the subject's level) and on the
 * records setup wrote with version 1, read back and decoded with the latest schema as the reader
 * (avsc's schema resolution, what a consumer on the new schema does).
 *
 * The registry helpers the schema drills share are in kit/registry.ts.
 */
import avro from 'avsc';
import { deleteTopicsIfPresent } from '../../../kafka/index.ts';
import { produceAvro } from '../../../schemas/index.ts';
import { indent, notTried, sawFromError } from '../kit/kit.ts';
import { criterion, type Criterion, type Drill } from '../kit/types.ts';
import { curlCommand, freshSubjectAndTopic, levelOf, readRawRecords, registryOf, removeSubject, wireFormatOf } from '../kit/registry.ts';

const enc = encodeURIComponent;

// ---------------------------------------------------------------------------------------------------

const TOPIC = 'dev-payments';
export const SUBJECT = `${TOPIC}-value`;
export const FIELD = 'currency';
const PAYMENTS = 6;

export const PAYMENT_V1 = {
  type: 'record',
  name: 'Payment',
  namespace: 'kafkalab.drills',
  fields: [
    { name: 'id', type: 'string' },
    { name: 'amount', type: 'double' },
  ],
} as const;

/** What the team tried: the new field without a default (BACKWARD-incompatible: a v2 reader cannot fill it for v1 records). */
export const PAYMENT_REFUSED = { ...PAYMENT_V1, fields: [...PAYMENT_V1.fields, { name: FIELD, type: 'string' }] };

/** The reference solution's version 2: the same field with a default. */
export const PAYMENT_V2 = { ...PAYMENT_V1, fields: [...PAYMENT_V1.fields, { name: FIELD, type: 'string', default: 'EUR' }] };

/** The levels under which a new version must let its readers read every record of the version before (or all before). */
export const BACKWARD_OR_STRICTER = ['BACKWARD', 'BACKWARD_TRANSITIVE', 'FULL', 'FULL_TRANSITIVE'] as const;

export const paymentValues = (): { id: string; amount: number }[] => Array.from({ length: PAYMENTS }, (_, i) => ({ id: `pay-${i + 1}`, amount: 10 + i * 2.5 }));

/** Why `schemaText`'s record has no `field` with a default, or undefined when it has one. */
export function fieldDefaultProblem(schemaText: string, field: string): string | undefined {
  let schema: unknown;
  try {
    schema = JSON.parse(schemaText);
  } catch {
    return `the schema is not JSON: ${schemaText.slice(0, 80)}`;
  }
  const fields = (schema as { fields?: unknown }).fields;
  if (!Array.isArray(fields)) return `the schema is not an Avro record: ${schemaText.slice(0, 80)}`;
  const f = fields.find((x: { name?: unknown }) => x?.name === field) as { type?: unknown } | undefined;
  if (!f) return `no field '${field}' (fields: ${fields.map((x: { name?: unknown }) => String(x?.name)).join(', ')})`;
  if (!('default' in f)) return `'${field}' (${JSON.stringify(f.type)}) has no default`;
  return undefined;
}

/** Decode an Avro payload written with `writer` as a reader on `reader` would (schema resolution); throws why not. */
export function decodeAs(writer: string, reader: string, payload: Buffer): unknown {
  const w = avro.Type.forSchema(JSON.parse(writer) as avro.Schema);
  const r = avro.Type.forSchema(JSON.parse(reader) as avro.Schema);
  return r.fromBuffer(payload, r.createResolver(w));
}

/** What the check saw in the registry and the topic. */
export interface EvolveView {
  readonly versions: readonly number[];
  readonly latest?: { readonly version: number; readonly schema: string };
  readonly level: string;
  /** The records written with version 1, each decoded with the latest schema (or why not). */
  readonly v1Records: readonly { readonly offset: string; readonly value?: unknown; readonly error?: string }[];
  readonly wantRecords: number;
  /** Why the topic or version 1's schema could not be read. */
  readonly readError?: string;
}

/** The criteria, from what the check saw. */
export function evolveCriteria(v: EvolveView): Criterion[] {
  const latest = v.latest;
  const problem = latest ? fieldDefaultProblem(latest.schema, FIELD) : 'the subject has no version';
  const bad = v.v1Records.filter((r) => r.error !== undefined);
  const defaulted = v.v1Records.filter((r) => r.error === undefined && (r.value as Record<string, unknown> | undefined)?.[FIELD] !== undefined);
  return [
    criterion(`'${SUBJECT}' has a version 2 or later`, (latest?.version ?? 0) >= 2, v.versions.length === 0 ? 'no versions (the subject is gone: start the drill again)' : `versions [${v.versions.join(', ')}]`),
    criterion(`its latest version has the field '${FIELD}', with a default`, (latest?.version ?? 0) >= 2 && problem === undefined, latest ? `version ${latest.version}: ${problem ?? `'${FIELD}' with a default`}` : 'no latest version'),
    criterion(
      `the subject's compatibility is still BACKWARD or stricter (${BACKWARD_OR_STRICTER.join(', ')})`,
      (BACKWARD_OR_STRICTER as readonly string[]).includes(v.level),
      (BACKWARD_OR_STRICTER as readonly string[]).includes(v.level) ? v.level : `${v.level}: a lower level lets through versions that cannot read the records already written; set it back with PUT /config/${SUBJECT}`,
    ),
    criterion(
      `the ${v.wantRecords} payments written with version 1 decode with the latest schema as the reader`,
      v.readError === undefined && v.v1Records.length === v.wantRecords && bad.length === 0,
      v.readError !== undefined
        ? v.readError
        : v.v1Records.length < v.wantRecords
        ? `${v.v1Records.length} of ${v.wantRecords} found in '${TOPIC}' under version 1's schema id`
        : bad.length > 0
          ? `${bad.length} of ${v.wantRecords} do not: offset ${bad[0]!.offset}: ${bad[0]!.error}`
          : `${v.wantRecords} of ${v.wantRecords}${defaulted.length > 0 ? `, e.g. ${JSON.stringify(defaulted[0]!.value)}` : ''}`,
    ),
  ];
}

export const evolveSchemaCompatibly: Drill = {
  id: 'evolve-schema-compatibly',
  title: 'Add a field to an Avro schema the registry refused, without lowering its compatibility',
  track: 'dev',
  domain: 'schemas-and-serialization',
  difficulty: 'easy',
  minutes: 15,
  needs: { minBrokers: 1, mode: 'any', security: 'any', schemaRegistry: true },
  task: (facts, cluster) =>
    [
      `The subject '${SUBJECT}' of the Schema Registry (${cluster.schemaRegistry?.url ?? 'npm run info shows its URL'}) holds version 1 of the`,
      `Avro record Payment (id: string, amount: double); '${TOPIC}' holds ${facts.records ?? PAYMENTS} payments written with it.`,
      `The team needs a new field '${FIELD}' (a string). The version they tried, v1 plus { "name": "${FIELD}", "type": "string" }, was refused:`,
      `  POST /subjects/${SUBJECT}/versions → 409 ${String(facts.refused ?? '(incompatible)').slice(0, 220)}`,
      `Register a version 2 of '${SUBJECT}' with '${FIELD}' that the registry accepts, without lowering the compatibility: the`,
      'subject stays BACKWARD (or stricter). The payments already written must still be readable by a consumer on the new schema.',
    ].join('\n'),
  async setup(ctx) {
    const { url, rest } = await freshSubjectAndTopic(ctx, SUBJECT, TOPIC);
    const values = paymentValues();
    const v1Id = await produceAvro(ctx.d, url, TOPIC, SUBJECT, PAYMENT_V1, values, { keys: values.map((v) => v.id) });
    // The team's attempt, for real: the registry must refuse it.
    const tried = await rest.call('POST', `/subjects/${enc(SUBJECT)}/versions`, { schema: JSON.stringify(PAYMENT_REFUSED) }, [409]);
    if (tried.status !== 409) {
      throw new Error(`the registry accepted '${FIELD}' without a default (HTTP ${tried.status}) under ${await levelOf(rest, SUBJECT)}, so there is nothing to fix: set the subject's level back with ${curlCommand('PUT', `${url}/config/${SUBJECT}`, { compatibility: 'BACKWARD' })}, then start again`);
    }
    return { v1Id, records: values.length, refused: tried.message };
  },
  async check(ctx) {
    const { rest } = registryOf(ctx);
    if (typeof ctx.facts.v1Id !== 'number') return [notTried(`'${SUBJECT}' evolved compatibly`, 'the drill has nothing on record: start it again')];
    const versionsAnswer = await rest.call('GET', `/subjects/${enc(SUBJECT)}/versions`, undefined, [404]);
    const versions = versionsAnswer.status === 200 && Array.isArray(versionsAnswer.body) ? (versionsAnswer.body as unknown[]).map(Number) : [];
    const latestAnswer = versions.length > 0 ? await rest.call('GET', `/subjects/${enc(SUBJECT)}/versions/latest`) : undefined;
    const l = latestAnswer?.body as { version?: number; schema?: string } | undefined;
    const latest = l && typeof l.version === 'number' && typeof l.schema === 'string' ? { version: l.version, schema: l.schema } : undefined;
    const level = await levelOf(rest, SUBJECT);
    const v1Records: { offset: string; value?: unknown; error?: string }[] = [];
    let readError: string | undefined;
    if (latest) {
      try {
        const writer = (await rest.call('GET', `/schemas/ids/${ctx.facts.v1Id}`)).body as { schema?: string };
        for (const r of await readRawRecords(ctx, TOPIC)) {
          const wire = wireFormatOf(r.valueBytes);
          if (!wire.ok || wire.id !== ctx.facts.v1Id) continue;
          try {
            v1Records.push({ offset: r.offset, value: decodeAs(String(writer.schema), latest.schema, wire.payload) });
          } catch (error) {
            v1Records.push({ offset: r.offset, error: (error as Error).message.split('\n')[0]! });
          }
        }
      } catch (error) {
        readError = sawFromError(error);
      }
    }
    return evolveCriteria({ versions, ...(latest ? { latest } : {}), level, v1Records, wantRecords: Number(ctx.facts.records), ...(readError ? { readError } : {}) });
  },
  hints: [
    `Under BACKWARD a new version must be able to read every record written with the version before. A v1 record has no '${FIELD}': a reader on v2 can only decode it if v2 says what to use instead. Read version 1 with GET /subjects/${SUBJECT}/versions/latest.`,
    `In Avro, a field with a "default" is filled with it when the writer's schema lacks the field. Register v1's fields plus { "name": "${FIELD}", "type": "string", "default": "EUR" } (or a ["null","string"] union with "default": null). POST /compatibility/subjects/${SUBJECT}/versions/latest tells you first whether it would pass.`,
    `POST /subjects/${SUBJECT}/versions with the body { "schema": "<the schema as a JSON string>" } and the header Content-Type: application/vnd.schemaregistry.v1+json. Leave /config alone.`,
  ],
  solution: {
    steps: [
      curlCommand('GET', `<url>/subjects/${SUBJECT}/versions/latest`) + '   # version 1: id, amount',
      curlCommand('POST', `<url>/compatibility/subjects/${SUBJECT}/versions/latest`, { schema: JSON.stringify(PAYMENT_V2) }) + '   # {"is_compatible":true}',
      curlCommand('POST', `<url>/subjects/${SUBJECT}/versions`, { schema: JSON.stringify(PAYMENT_V2) }) + '   # {"id":N}: version 2',
      curlCommand('GET', `<url>/config/${SUBJECT}`) + '   # still BACKWARD',
    ],
    async run(ctx) {
      const { url, rest } = registryOf(ctx);
      ctx.say(`$ ${curlCommand('GET', `${url}/subjects/${SUBJECT}/versions/latest`)}`);
      ctx.say(indent(JSON.stringify((await rest.call('GET', `/subjects/${enc(SUBJECT)}/versions/latest`)).body)));
      const body = { schema: JSON.stringify(PAYMENT_V2) };
      ctx.say(`$ ${curlCommand('POST', `${url}/compatibility/subjects/${SUBJECT}/versions/latest`, body)}`);
      ctx.say(indent(JSON.stringify((await rest.call('POST', `/compatibility/subjects/${enc(SUBJECT)}/versions/latest`, body)).body)));
      ctx.say(`$ ${curlCommand('POST', `${url}/subjects/${SUBJECT}/versions`, body)}`);
      ctx.say(indent(JSON.stringify((await rest.call('POST', `/subjects/${enc(SUBJECT)}/versions`, body)).body)));
      ctx.say(`$ ${curlCommand('GET', `${url}/subjects/${SUBJECT}/versions`)}`);
      ctx.say(indent(JSON.stringify((await rest.call('GET', `/subjects/${enc(SUBJECT)}/versions`)).body)));
      ctx.say(`$ ${curlCommand('GET', `${url}/config/${SUBJECT}`)}`);
      ctx.say(indent(JSON.stringify((await rest.call('GET', `/config/${enc(SUBJECT)}`)).body)));
    },
  },
  explain: [
    'A compatibility level is a promise about who can read what. BACKWARD (the default) means a consumer on the new',
    'version can read records written with the version before, so consumers upgrade first. Avro resolves a writer schema',
    'against a reader schema: a field the reader has and the writer lacks is filled with the reader\'s default, so adding',
    'a field is backward-compatible only with a default; removing a field is, since the reader ignores it. The registry',
    'checks each new version against the subject\'s level and answers 409 when it breaks it; lowering the level to NONE',
    'to force a change through breaks the consumers the level protects. Records keep the id of the schema they were',
    'written with (bytes 1 to 4), so a consumer always has the writer\'s schema to resolve against its own.',
  ].join('\n'),
  async reset(ctx) {
    const { rest } = registryOf(ctx);
    await removeSubject(rest, SUBJECT);
    await deleteTopicsIfPresent(ctx.d, [TOPIC]);
  },
};
