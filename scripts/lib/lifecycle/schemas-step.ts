/**
 * Deploy's schema step: a cluster with a Schema Registry gets the access spec's schemas applied
 * over the registry's API after its access stack (the registry runs there), on every deploy: the
 * apply compares each subject with the registry first, so an unchanged one costs two reads.
 */
import type { ResolvedCluster } from '../../../stacks/model/spec.ts';
import { resolvedAccessOf } from '../access/index.ts';
import { withProgress } from '../core/index.ts';
import { applyClusterSchemas } from '../schemas/index.ts';

export async function deploySchemas(cluster: ResolvedCluster): Promise<void> {
  const registry = cluster.schemaRegistry;
  const schemas = registry ? (resolvedAccessOf(cluster)?.schemas ?? []) : [];
  if (!registry || schemas.length === 0) return;
  const { applied } = await withProgress(`schemas of '${cluster.name}' (${schemas.length} subjects)`, () => applyClusterSchemas(cluster.name, registry.url, schemas, { container: registry.containerName }), 'applied');
  for (const a of applied) {
    const what = [a.version !== undefined ? `version ${a.version} (id ${a.id})` : undefined, a.compatibility ? `compatibility ${a.compatibility}` : undefined].filter(Boolean).join(', ');
    process.stderr.write(`  schema '${a.subject}': ${what}\n`);
  }
}
