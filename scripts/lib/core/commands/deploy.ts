import { CLUSTER_FLAG, SECURITY_FLAG } from '../flags.ts';
import { defineCommand } from './define.ts';

/** `npm run deploy` (scripts/deploy.ts). */
export const DEPLOY = defineCommand({
  name: 'deploy',
  summary:
    'Synthesize one cluster and apply it with Terraform (nodes a change replaces on a running cluster are rolled one at a time, with safety checks), apply its dynamic config and its topics, users and ACLs, then write its connection descriptor and client files.',
  flags: {
    cluster: CLUSTER_FLAG,
    security: SECURITY_FLAG,
    validate: {
      type: 'boolean',
      description: "when the change replaces nodes of a running cluster (they are rolled one at a time), prove no acknowledged record is lost with Kafka's verifiable clients",
    },
  },
});
