/**
 * Checks of the access spec's `schemas`:
 * 1. without a Schema Registry on the cluster (`"schemaRegistry": true`, or `npm run up --
 *    --schema-registry`) schemas are kept out, as connectors are without Connect;
 * 2. each has a valid, unique subject, a known type (AVRO by default) and a known compatibility
 *    level when it sets one;
 * 3. its schema comes from exactly one of `file` and `schema`; an inline AVRO or JSON schema is an
 *    object (or the JSON text of one), a PROTOBUF schema is its text;
 * 4. a valid one is resolved; reading a file and parsing it are the scripts side's (no I/O here).
 */
import type { Checked } from './access-checked.ts';
import { fieldProblem, isObject, listProblem, orList, unknownFields } from './problems.ts';
import { COMPATIBILITY_LEVELS, SCHEMA_FIELDS, SCHEMA_TYPES, SUBJECT_PATTERN, type CompatibilityLevel, type ResolvedSchema, type SchemaType } from './schemas.ts';
import type { ResolvedCluster } from './spec.ts';

export type { ResolvedSchema, SchemaSpec } from './schemas.ts';

const EXAMPLE = '[{ "subject": "orders-value", "type": "AVRO", "file": "schemas/order.avsc" }]';

function inlineText(schema: unknown, type: SchemaType, at: string, p: string[]): string | undefined {
  if (type === 'PROTOBUF') {
    if (typeof schema === 'string' && schema.trim()) return schema;
    return void p.push(fieldProblem(`${at}.schema`, schema, 'must be the text of a .proto file for type PROTOBUF: e.g. "syntax = \\"proto3\\"; message Order { string id = 1; }"'));
  }
  if (isObject(schema)) return JSON.stringify(schema);
  if (typeof schema === 'string') {
    try {
      if (isObject(JSON.parse(schema)) || Array.isArray(JSON.parse(schema))) return schema;
    } catch {
      // reported below
    }
  }
  return void p.push(fieldProblem(`${at}.schema`, schema, `must be a JSON object for type ${type}: e.g. { "type": "record", "name": "Order", "fields": [{ "name": "id", "type": "string" }] }`));
}

function checkSchema(s: unknown, i: number, seen: Set<string>, p: string[]): ResolvedSchema | undefined {
  const at = `schemas[${i}]`;
  const before = p.length;
  if (!isObject(s)) return void p.push(fieldProblem(at, s, `must be an object: e.g. ${EXAMPLE.slice(1, -1)}`));
  p.push(...unknownFields(s, SCHEMA_FIELDS, `${at}.`, `use ${orList(SCHEMA_FIELDS)}`));
  const subject = s.subject;
  if (typeof subject !== 'string' || !SUBJECT_PATTERN.test(subject)) {
    p.push(fieldProblem(`${at}.subject`, subject, "is not a subject name: use letters, digits, '.', '_' or '-' (e.g. orders-value, the topic name strategy's <topic>-value)"));
  } else if (seen.has(subject)) p.push(fieldProblem(`${at}.subject`, subject, 'is declared twice: declare each subject once'));
  else seen.add(subject);
  const type = s.type ?? 'AVRO';
  if (!(SCHEMA_TYPES as readonly unknown[]).includes(type)) p.push(fieldProblem(`${at}.type`, type, `is not a schema type the registry takes: use ${orList(SCHEMA_TYPES)}`));
  const compatibility = s.compatibility;
  if (compatibility !== undefined && !(COMPATIBILITY_LEVELS as readonly unknown[]).includes(compatibility)) {
    p.push(fieldProblem(`${at}.compatibility`, compatibility, `is not a compatibility level: use ${orList(COMPATIBILITY_LEVELS)}`));
  }
  let source: ResolvedSchema['source'] | undefined;
  if ((s.file === undefined) === (s.schema === undefined)) {
    p.push(fieldProblem(at, s, "needs exactly one of 'file' (a path relative to the spec file) and 'schema' (the schema inline)"));
  } else if (s.file !== undefined) {
    if (typeof s.file === 'string' && s.file.trim()) source = { file: s.file };
    else p.push(fieldProblem(`${at}.file`, s.file, 'must be the path of the schema file: e.g. "schemas/order.avsc"'));
  } else if ((SCHEMA_TYPES as readonly unknown[]).includes(type)) {
    const text = inlineText(s.schema, type as SchemaType, at, p);
    if (text !== undefined) source = { inline: text };
  }
  if (p.length > before || !source) return undefined;
  return { subject: subject as string, type: type as SchemaType, source, ...(compatibility ? { compatibility: compatibility as CompatibilityLevel } : {}), origin: at };
}

/** Checks `schemas` (steps 1 to 4), gathering problems into `out`; returns the resolved schemas. */
export function checkSchemas(raw: unknown, cluster: ResolvedCluster, out: Checked): ResolvedSchema[] {
  const listed = listProblem('schemas', raw, EXAMPLE);
  if (listed) return void out.problems.push(listed), [];
  if (!cluster.schemaRegistry) return [];
  const seen = new Set<string>();
  return ((raw ?? []) as unknown[]).flatMap((s, i) => checkSchema(s, i, seen, out.problems) ?? []);
}
