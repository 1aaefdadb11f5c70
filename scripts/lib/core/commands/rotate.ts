import { CLUSTER_FLAG } from '../flags.ts';
import { defineCommand } from './define.ts';

/** `npm run rotate` (scripts/rotate.ts). */
export const ROTATE = defineCommand({
  name: 'rotate',
  summary:
    'Rotate certificates through a rolling deploy (one node at a time, with the roll\'s safety checks). --certs: new node certificates from the same CA, one roll. --ca: the three-step CA rotation (trust old and new, sign with new, drop old), a roll after each step; an interrupted one resumes. Clients that use the exported files keep working throughout.',
  flags: {
    cluster: CLUSTER_FLAG,
    certs: { type: 'boolean', description: 'new node (and mTLS client) certificates from the same CA' },
    ca: { type: 'boolean', description: 'rotate the CA in three steps, a roll after each' },
    validate: { type: 'boolean', description: "prove each roll lost no acknowledged record with Kafka's verifiable clients" },
    json: { type: 'boolean', description: 'print the steps as JSON: [{ step, changes, rolled, validation? }]' },
  },
});
