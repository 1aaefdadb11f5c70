import { defineCommand } from './define.ts';

/** `npm run synth` (scripts/synth.ts). */
export const SYNTH = defineCommand({
  name: 'synth',
  summary: 'Synthesize the Terraform JSON of every known cluster into cdktf.out/stacks/<cluster>/cdk.tf.json.',
  flags: { cluster: { type: 'string', description: 'also register this spec file (a preset needs nothing)' } },
});
