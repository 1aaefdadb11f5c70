/**
 * A declared schema's text, read and parsed before anything is sent to the registry: a file that
 * cannot be read, or that does not parse as its type, is an AccessError (bad input, exit 2) naming
 * the field, the file and the parser's reason. AVRO is parsed with avsc (names, types, defaults),
 * JSON Schema as JSON; a PROTOBUF file is left to the registry, which answers 422 when it does not
 * parse.
 */
import { readFileSync } from 'node:fs';
import avro from 'avsc';
import type { ResolvedSchema } from '../../../stacks/model/schemas.ts';

export interface SchemaText {
  readonly schema: ResolvedSchema;
  /** What the registry receives. */
  readonly text: string;
  /** The text in a form where equal schemas compare equal (JSON with sorted keys; PROTOBUF trimmed). */
  readonly canonical: string;
}

/** The problem with one schema's text, or its text and canonical form. */
export function readSchemaText(schema: ResolvedSchema, read: (path: string) => string = (p) => readFileSync(p, 'utf8')): SchemaText | string {
  const where = 'file' in schema.source ? `${schema.origin}.file ('${schema.source.file}')` : `${schema.origin}.schema`;
  let text: string;
  if ('file' in schema.source) {
    try {
      text = read(schema.source.file);
    } catch (error) {
      return `${where} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): fix the path (relative to the spec file's folder)`;
    }
  } else text = schema.source.inline;
  const problem = parseProblem(schema.type, text);
  if (problem) return `${where} does not parse as ${schema.type}: ${problem}: fix the schema`;
  return { schema, text, canonical: canonicalOf(schema.type, text) };
}

function parseProblem(type: ResolvedSchema['type'], text: string): string | undefined {
  if (type === 'PROTOBUF') return text.trim() ? undefined : 'the file is empty';
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return `not JSON (${(error as Error).message})`;
  }
  if (type === 'JSON') return parsed && typeof parsed === 'object' ? undefined : 'a JSON Schema is an object or a boolean';
  try {
    avro.Type.forSchema(parsed as avro.Schema);
  } catch (error) {
    return (error as Error).message;
  }
  return undefined;
}

/** JSON with its object keys sorted (so key order and whitespace make no difference); PROTOBUF's text trimmed. */
export function canonicalOf(type: ResolvedSchema['type'], text: string): string {
  if (type === 'PROTOBUF') return text.trim();
  try {
    return JSON.stringify(sortKeys(JSON.parse(text)));
  } catch {
    return text.trim();
  }
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]));
  }
  return value;
}
