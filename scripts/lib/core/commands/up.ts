import { CLUSTER_FLAG, CONNECT_FLAG, MONITORING_FLAG, NO_CONNECT_FLAG, NO_MONITORING_FLAG, NO_SCHEMA_REGISTRY_FLAG, SCHEMA_REGISTRY_FLAG, SECURITY_FLAG } from '../flags.ts';
import { defineCommand } from './define.ts';

/** `npm run up` (scripts/up.ts). */
export const UP = defineCommand({
  name: 'up',
  summary: 'Setup (cached), deploy and verify a cluster, then print how to connect.',
  flags: { cluster: CLUSTER_FLAG, security: SECURITY_FLAG, monitoring: MONITORING_FLAG, 'no-monitoring': NO_MONITORING_FLAG, connect: CONNECT_FLAG, 'no-connect': NO_CONNECT_FLAG,
    'schema-registry': SCHEMA_REGISTRY_FLAG,
    'no-schema-registry': NO_SCHEMA_REGISTRY_FLAG,
  },
});
