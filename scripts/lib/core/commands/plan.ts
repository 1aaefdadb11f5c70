import { CLUSTER_FLAG } from '../flags.ts';
import { defineCommand } from './define.ts';

/** `npm run plan` (scripts/plan.ts). */
export const PLAN = defineCommand({
  name: 'plan',
  summary:
    "Terraform plan of a cluster's topics, users and ACLs (its <cluster>-access stack), refreshed against the live cluster: what deploy would change, and any drift made behind the tool's back.",
  flags: {
    cluster: CLUSTER_FLAG,
    json: { type: 'boolean', description: 'print { stack, add, change, destroy, noChanges, lines } as JSON' },
  },
});
