/**
 * A cluster's declared schemas against its registry, as plan and deploy call them: every schema
 * read and parsed first (all problems in one AccessError, nothing sent), then the plan or the
 * apply over the registry's API (plan.ts), once the registry answers.
 */
import { AccessError } from '../../../stacks/model/errors.ts';
import type { ResolvedSchema } from '../../../stacks/model/schemas.ts';
import { applySchemas, planSchemas, type AppliedSchema, type SchemaPlan } from './plan.ts';
import { waitForRegistry } from './ready.ts';
import { registryRest, type RegistryRestOptions } from './rest.ts';
import { readSchemaText, type SchemaText } from './source.ts';

/** Every declared schema read and parsed; throws one AccessError with every problem. */
export function schemaTexts(cluster: string, schemas: readonly ResolvedSchema[], read?: (path: string) => string): SchemaText[] {
  const results = schemas.map((s) => readSchemaText(s, read));
  const problems = results.filter((r): r is string => typeof r === 'string');
  if (problems.length > 0) throw new AccessError(cluster, problems);
  return results as SchemaText[];
}

export interface ClusterSchemasOptions extends RegistryRestOptions {
  /** How long to wait for the registry to answer first. @default 120000 */
  readonly readyMs?: number;
  /** The registry's container, whose health is waited for first. @default - the API alone */
  readonly container?: string;
}

/** The plan of `schemas` against the registry at `url`. */
export async function planClusterSchemas(cluster: string, url: string, schemas: readonly ResolvedSchema[], opts: ClusterSchemasOptions = {}): Promise<SchemaPlan> {
  const texts = schemaTexts(cluster, schemas);
  await waitForRegistry(url, { ...opts, deadlineMs: opts.readyMs ?? 120_000, cluster, ...(opts.container ? { container: opts.container } : {}) });
  return planSchemas(registryRest(url, { ...opts, cluster }), texts);
}

/** Apply `schemas` to the registry at `url` (refused before anything when one is incompatible). */
export async function applyClusterSchemas(cluster: string, url: string, schemas: readonly ResolvedSchema[], opts: ClusterSchemasOptions = {}): Promise<{ plan: SchemaPlan; applied: AppliedSchema[] }> {
  const texts = schemaTexts(cluster, schemas);
  await waitForRegistry(url, { ...opts, deadlineMs: opts.readyMs ?? 120_000, cluster, ...(opts.container ? { container: opts.container } : {}) });
  return applySchemas(registryRest(url, { ...opts, cluster }), texts, cluster);
}
