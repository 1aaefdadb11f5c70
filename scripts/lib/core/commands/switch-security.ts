import { CLUSTER_FLAG } from '../flags.ts';
import { defineCommand } from './define.ts';

/** `npm run switch-security` (scripts/switch-security.ts). */
export const SWITCH_SECURITY = defineCommand({
  name: 'switch-security',
  summary:
    'Switch a running KRaft cluster between plaintext and sasl_ssl without taking it down, in three steps with a rolling deploy after each: add the new listeners, move inter-broker and controller traffic to them, remove the old ones. Clients move to the new descriptor after step 1. An interrupted switch resumes where it stopped.',
  flags: {
    cluster: CLUSTER_FLAG,
    to: { type: 'string', description: 'the security mode to switch to: plaintext or sasl_ssl' },
    validate: { type: 'boolean', description: "prove each roll lost no acknowledged record with Kafka's verifiable clients" },
    json: { type: 'boolean', description: 'print the steps as JSON: [{ step, rolled, clientsUsed, validation? }]' },
  },
});
