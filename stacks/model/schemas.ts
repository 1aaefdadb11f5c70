/**
 * Schemas as code: the access spec's `schemas`, each a subject of the cluster's Schema Registry
 * with its schema (from a file, or inline) and, optionally, its compatibility level. The types
 * only; the checks are in access-schemas.ts, the registry calls on the scripts side.
 */

export const SCHEMA_TYPES = ['AVRO', 'JSON', 'PROTOBUF'] as const;
export type SchemaType = (typeof SCHEMA_TYPES)[number];

export const COMPATIBILITY_LEVELS = ['BACKWARD', 'BACKWARD_TRANSITIVE', 'FORWARD', 'FORWARD_TRANSITIVE', 'FULL', 'FULL_TRANSITIVE', 'NONE'] as const;
export type CompatibilityLevel = (typeof COMPATIBILITY_LEVELS)[number];

/** One subject as declared. */
export interface SchemaSpec {
  /** The subject, e.g. `orders-value` (the topic name strategy: `<topic>-key`, `<topic>-value`). */
  readonly subject: string;
  /** @default 'AVRO' */
  readonly type?: SchemaType;
  /**
   * The schema's file: relative to the spec file's folder (or absolute). One of `file` and `schema`.
   * @default - the inline `schema`
   */
  readonly file?: string;
  /** The schema inline: a JSON object (AVRO, JSON) or the text (PROTOBUF). @default - the `file` */
  readonly schema?: unknown;
  /** The subject's own compatibility level. @default - not managed: the subject follows the global level (BACKWARD) or what was set by hand */
  readonly compatibility?: CompatibilityLevel;
}

export const SCHEMA_FIELDS = ['subject', 'type', 'file', 'schema', 'compatibility'] as const;

export interface ResolvedSchema {
  readonly subject: string;
  readonly type: SchemaType;
  /** Where its text comes from: a file (as declared) or inline (the text itself). */
  readonly source: { readonly file: string } | { readonly inline: string };
  readonly compatibility?: CompatibilityLevel;
  /** e.g. `schemas[0]`, for messages. */
  readonly origin: string;
}

/** Subjects: what the registry's REST paths take without escaping trouble. */
export const SUBJECT_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,254}$/;
