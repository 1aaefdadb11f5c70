import { z } from 'zod';
import { KAFKA_VERSIONS } from '../../../../stacks/model/versions.ts';
import { TRACKS } from './tracks.ts';

/**
 * Where a claimed default lives, and so how the e2e test checks it against a live cluster:
 * broker and topic keys through DescribeConfigs, client keys through the client config classes
 * of the named version's own jars.
 */
export const DEFAULT_SCOPES = ['broker', 'topic', 'producer', 'consumer'] as const;
export type DefaultScope = (typeof DEFAULT_SCOPES)[number];

/** A config default that a question states: the key, the value as Kafka prints it, the version. */
export const DefaultClaimSchema = z
  .object({
    key: z.string().regex(/^[a-z][a-z0-9]*(\.[a-z0-9]+)*$/, { error: 'a Kafka config key such as min.insync.replicas' }),
    value: z.string(),
    version: z.enum(KAFKA_VERSIONS),
    scope: z.enum(DEFAULT_SCOPES),
  })
  .strict();
export type DefaultClaim = z.infer<typeof DefaultClaimSchema>;

export const QUESTION_KINDS = ['single', 'multiple'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

export const QuestionSchema = z
  .object({
    id: z.string().regex(/^(dev|ops)-[a-z0-9]+(-[a-z0-9]+)*$/, { error: "a stable id: the track, a dash, then lowercase words joined by '-'" }),
    track: z.enum(TRACKS),
    domain: z.string(),
    kind: z.enum(QUESTION_KINDS).optional(),
    prompt: z.string().min(20),
    answers: z.array(z.string().min(1)).min(2).max(6),
    correct: z.array(z.number().int().min(0)).min(1),
    explanation: z.string().min(40),
    defaults: z.array(DefaultClaimSchema).min(1).optional(),
    /** Why a question that says "default" states no Kafka config default (Avro field defaults, say). */
    defaultsExempt: z.string().min(20).optional(),
  })
  .strict();

/** One multiple-choice question of the bank. */
export type Question = Readonly<z.infer<typeof QuestionSchema>>;

/** A question file: `scripts/lib/practice/exam/questions/<track>.json`. */
export const QuestionFileSchema = z
  .object({
    track: z.enum(TRACKS),
    questions: z.array(QuestionSchema),
  })
  .strict();
export type QuestionFile = z.infer<typeof QuestionFileSchema>;

/** Single when exactly one answer is right (unless the question says otherwise). */
export function kindOf(q: Question): QuestionKind {
  return q.kind ?? (q.correct.length === 1 ? 'single' : 'multiple');
}
