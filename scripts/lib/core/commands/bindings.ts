import { defineCommand } from './define.ts';

/** `npm run bindings` (scripts/setup-bindings.ts). */
export const BINDINGS = defineCommand({
  name: 'bindings',
  summary: 'Generate the TypeScript bindings of the mirrored Terraform providers into .gen (cdktf get), unless they are current.',
  flags: {},
});
