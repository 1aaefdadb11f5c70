import { KAFKA_VERSIONS } from '../../../../stacks/model/versions.ts';
import { defineCommand } from './define.ts';

/** `npm run setup` (scripts/setup.ts). */
export const SETUP = defineCommand({
  name: 'setup',
  summary:
    'Install and build what deploys need, cached by version and recipe hash: the Docker engine, the Kafka images, the Terraform providers (local mirror), the project\'s Terraform CLI config and the provider bindings (.gen).',
  flags: {
    version: { type: 'string', multiple: true, description: `Kafka version(s) to build images for (default: all of ${KAFKA_VERSIONS.join(', ')})` },
  },
});
