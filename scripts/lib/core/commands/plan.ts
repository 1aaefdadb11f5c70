import { CLUSTER_FLAG } from '../flags.ts';
import { defineCommand } from './define.ts';

/** `npm run plan` (scripts/plan.ts). */
export const PLAN = defineCommand({
  name: 'plan',
  summary:
    "Terraform plan of a cluster's topics, users and ACLs (its <cluster>-access stack), refreshed against the live cluster: what deploy would change, and any drift made behind the tool's back. With a Schema Registry, its declared schemas too: a new version the registry would refuse is shown with its reason (exit 1).",
  flags: {
    cluster: CLUSTER_FLAG,
    json: { type: 'boolean', description: 'print { stack, add, change, destroy, noChanges, lines, schemas } as JSON' },
  },
});
