#!/usr/bin/env -S npx tsx
import { COMMANDS, runMain } from './lib/core/index.ts';
import { clusterFromFlag } from './lib/lifecycle/index.ts';
import { planAccess, resolvedAccessOf } from './lib/access/index.ts';
import { planClusterSchemas, renderSchemaPlan, type SchemaPlan } from './lib/schemas/index.ts';
import { synthesize } from './lib/engine/index.ts';
import { EXIT } from '../stacks/model/errors.ts';

await runMain(
  COMMANDS.plan,
  async (flags) => {
    const { cluster } = clusterFromFlag(flags.cluster);
    await synthesize([cluster.name]);
    const { summary, lines } = await planAccess(cluster);
    // The declared schemas against the running registry (not Terraform's: applied over its API).
    const registry = cluster.schemaRegistry;
    const declared = registry ? (resolvedAccessOf(cluster)?.schemas ?? []) : [];
    const schemas: SchemaPlan | undefined = registry && declared.length > 0 ? await planClusterSchemas(cluster.name, registry.url, declared, { container: registry.containerName }) : undefined;
    if (flags.json) {
      process.stdout.write(`${JSON.stringify({ ...summary, lines, ...(schemas ? { schemas } : {}) }, null, 2)}\n`);
    } else {
      process.stdout.write(`${lines.join('\n')}\n`);
      console.log(
        summary.noChanges
          ? `${summary.stack}: no changes; the cluster matches the declared topics, users and ACLs`
          : `${summary.stack}: ${summary.add} to add, ${summary.change} to change, ${summary.destroy} to destroy; apply with npm run deploy${flags.cluster ? ` -- --cluster ${flags.cluster}` : ''}`,
      );
      if (schemas) {
        process.stdout.write(`${renderSchemaPlan(schemas).join('\n')}\n`);
        console.log(
          schemas.refused > 0
            ? `schemas: ${schemas.refused} refused by the registry; deploy would apply nothing of them until they are evolved compatibly`
            : `schemas: ${schemas.changes} to apply${schemas.changes > 0 ? ' with npm run deploy' : ''}`,
        );
      }
    }
    return schemas && schemas.refused > 0 ? EXIT.failed : EXIT.ok;
  },
);
