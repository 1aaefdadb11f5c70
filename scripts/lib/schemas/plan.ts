/**
 * The plan of a cluster's declared schemas against its Schema Registry, and its apply. The plan:
 * 1. Read and parse every declared schema (source.ts); any problem stops here, nothing is asked.
 * 2. Per subject, ask the registry for its latest version (none: a new subject) and its own
 *    compatibility level (none: it follows the global one).
 * 3. Same canonical text as the latest version: unchanged. Otherwise a new version, which the
 *    registry checks against the subject's level; when it answers incompatible, Apicurio's dry run
 *    gives the reason and the subject is refused. When the spec also changes the subject's level,
 *    the check is the registry's at apply time, under the new level (set first).
 * 4. A declared level that differs from the subject's own is a change of its own.
 * Apply: plan; any refused subject stops it before anything is applied; then, per subject, set the
 * level, then register the version. Subjects the spec does not declare are left as they are.
 */
import type { ResolvedSchema } from '../../../stacks/model/schemas.ts';
import { StepError } from '../../../stacks/model/errors.ts';
import type { RegistryRest } from './rest.ts';
import type { SchemaText } from './source.ts';
import { canonicalOf } from './source.ts';

export type SchemaAction = 'create' | 'update' | 'unchanged' | 'refused';

export interface SchemaPlanEntry {
  readonly subject: string;
  readonly type: ResolvedSchema['type'];
  readonly action: SchemaAction;
  /** The latest version in the registry; absent for a new subject. */
  readonly latestVersion?: number;
  /** A change of the subject's own level (`from` undefined: it had none). */
  readonly compatibility?: { readonly from?: string; readonly to: string };
  /** Why the registry refuses the new version. */
  readonly reason?: string;
}

export interface SchemaPlan {
  readonly entries: readonly SchemaPlanEntry[];
  readonly changes: number;
  readonly refused: number;
}

const enc = encodeURIComponent;
const typeField = (type: ResolvedSchema['type']) => (type === 'AVRO' ? {} : { schemaType: type });

/** Step 2: the subject's latest version and its own level. */
async function currentOf(rest: RegistryRest, subject: string): Promise<{ latest?: { version: number; schema: string }; level?: string }> {
  const latest = await rest.call('GET', `/subjects/${enc(subject)}/versions/latest`, undefined, [404]);
  const config = await rest.call('GET', `/config/${enc(subject)}`, undefined, [404]);
  const l = latest.status === 200 ? (latest.body as { version?: number; schema?: string }) : undefined;
  const level = config.status === 200 ? (config.body as { compatibilityLevel?: string; compatibility?: string }) : undefined;
  return {
    ...(l && typeof l.version === 'number' ? { latest: { version: l.version, schema: String(l.schema ?? '') } } : {}),
    ...(level && (level.compatibilityLevel ?? level.compatibility) ? { level: level.compatibilityLevel ?? level.compatibility } : {}),
  };
}

/** Why the registry refuses `text` for `subject`: the causes of Apicurio's dry-run registration. */
export async function refusalReason(rest: RegistryRest, s: SchemaText): Promise<string> {
  const contentType = s.schema.type === 'PROTOBUF' ? 'application/x-protobuf' : 'application/json';
  const answer = await rest.call('POST', `/apis/registry/v3/groups/default/artifacts/${enc(s.schema.subject)}/versions?dryRun=true`, { content: { content: s.text, contentType } }, [400, 409, 422]);
  const causes = (answer.body as { causes?: { description?: string; context?: string }[] } | undefined)?.causes ?? [];
  const listed = causes.map((c) => [c.description, c.context].filter(Boolean).join(' at ')).filter(Boolean);
  return listed.length > 0 ? `incompatible: ${listed.join('; ')}` : answer.message;
}

/** Steps 2 to 4 for one subject. */
async function planOne(rest: RegistryRest, s: SchemaText): Promise<SchemaPlanEntry> {
  const { subject, type, compatibility } = s.schema;
  const now = await currentOf(rest, subject);
  const levelChange = compatibility && compatibility !== now.level ? { compatibility: { ...(now.level ? { from: now.level } : {}), to: compatibility } } : {};
  const base = { subject, type, ...(now.latest ? { latestVersion: now.latest.version } : {}), ...levelChange };
  if (!now.latest) return { ...base, action: 'create' };
  if (canonicalOf(type, now.latest.schema) === s.canonical) return { ...base, action: 'unchanged' };
  if (levelChange.compatibility) return { ...base, action: 'update' };
  const check = await rest.call('POST', `/compatibility/subjects/${enc(subject)}/versions/latest`, { schema: s.text, ...typeField(type) }, [409, 422]);
  if ((check.body as { is_compatible?: boolean } | undefined)?.is_compatible === true) return { ...base, action: 'update' };
  return { ...base, action: 'refused', reason: check.status === 200 ? await refusalReason(rest, s) : check.message };
}

/** The plan (steps 2 to 4) of schemas already read (step 1). */
export async function planSchemas(rest: RegistryRest, texts: readonly SchemaText[]): Promise<SchemaPlan> {
  const entries: SchemaPlanEntry[] = [];
  for (const s of texts) entries.push(await planOne(rest, s));
  return {
    entries,
    changes: entries.filter((e) => e.action === 'create' || e.action === 'update' || e.compatibility).length,
    refused: entries.filter((e) => e.action === 'refused').length,
  };
}

/** What an apply did, per subject: the version registered, and the level set. */
export interface AppliedSchema {
  readonly subject: string;
  readonly version?: number;
  readonly id?: number;
  readonly compatibility?: string;
}

/** Apply: refuse before anything when any subject is refused; else set levels, then register. */
export async function applySchemas(rest: RegistryRest, texts: readonly SchemaText[], cluster: string): Promise<{ plan: SchemaPlan; applied: AppliedSchema[] }> {
  const plan = await planSchemas(rest, texts);
  const refused = plan.entries.filter((e) => e.action === 'refused');
  if (refused.length > 0) {
    throw new StepError(
      'schemas',
      `the Schema Registry of '${cluster}' refuses ${refused.map((e) => `'${e.subject}' (${e.reason})`).join(', ')}; nothing was applied`,
      "evolve the schema compatibly (e.g. give a new field a default), or set the subject's 'compatibility' in the access spec",
    );
  }
  const applied: AppliedSchema[] = [];
  for (const [i, e] of plan.entries.entries()) {
    const s = texts[i]!;
    if (e.action === 'unchanged' && !e.compatibility) continue;
    if (e.compatibility) await rest.call('PUT', `/config/${enc(e.subject)}`, { compatibility: e.compatibility.to });
    if (e.action === 'unchanged') {
      applied.push({ subject: e.subject, compatibility: e.compatibility!.to });
      continue;
    }
    const registered = await rest.call('POST', `/subjects/${enc(e.subject)}/versions`, { schema: s.text, ...typeField(s.schema.type) }, [409]);
    if (registered.status === 409) {
      throw new StepError('schemas', `the Schema Registry of '${cluster}' refused '${e.subject}': ${registered.message}`, "evolve the schema compatibly, or set the subject's 'compatibility' in the access spec");
    }
    const id = (registered.body as { id?: number } | undefined)?.id;
    const latest = (await rest.call('GET', `/subjects/${enc(e.subject)}/versions/latest`)).body as { version?: number };
    applied.push({ subject: e.subject, ...(typeof latest.version === 'number' ? { version: latest.version } : {}), ...(typeof id === 'number' ? { id } : {}), ...(e.compatibility ? { compatibility: e.compatibility.to } : {}) });
  }
  return { plan, applied };
}

/** One line per subject, for plan and deploy output. */
export function renderSchemaPlan(plan: SchemaPlan): string[] {
  return plan.entries.map((e) => {
    const level = e.compatibility ? `; compatibility ${e.compatibility.from ?? '(global)'} -> ${e.compatibility.to}` : '';
    switch (e.action) {
      case 'create':
        return `  + schema '${e.subject}' (${e.type}): new subject, version 1${level}`;
      case 'update':
        return `  ~ schema '${e.subject}' (${e.type}): version ${(e.latestVersion ?? 0) + 1}${e.compatibility ? ' (checked by the registry under the new level at apply)' : ', compatible'}${level}`;
      case 'refused':
        return `  ! schema '${e.subject}' (${e.type}): REFUSED by the registry: ${e.reason}${level}`;
      default:
        return `    schema '${e.subject}' (${e.type}): unchanged (version ${e.latestVersion})${level}`;
    }
  });
}
