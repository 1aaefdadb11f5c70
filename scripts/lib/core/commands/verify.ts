import { CLUSTER_FLAG } from '../flags.ts';
import { defineCommand } from './define.ts';

/** `npm run verify` (scripts/verify.ts). */
export const VERIFY = defineCommand({
  name: 'verify',
  summary:
    'Check a running cluster with real clients: brokers registered, quorum led and caught up, a topic with RF = brokers, records through every broker read back, 0 under-replicated partitions.',
  flags: {
    cluster: CLUSTER_FLAG,
    json: { type: 'boolean', description: 'print { ok, checks: [{ name, ok, detail }] } as JSON' },
    'timeout-seconds': { type: 'string', description: 'deadline of each waiting check (default 120)' },
    'probe-negative': {
      type: 'boolean',
      description: 'also prove the security mode refuses what it must: wrong password, foreign CA, plaintext on TLS, no client certificate, no ACL, wrong SASL mechanism',
    },
  },
});
