import { CLUSTER_FLAG, FORCE_FLAG } from '../flags.ts';
import { defineCommand } from './define.ts';

/** `npm run down` and `npm run destroy` (scripts/down.ts). */
export const DOWN = defineCommand({
  name: 'down',
  summary: 'Destroy one cluster, then prove no container, network or volume of it remains.',
  flags: { cluster: CLUSTER_FLAG, force: FORCE_FLAG },
});
