import { defineCommand } from './define.ts';

/** `npm run info` (scripts/info.ts); which view it shows without --cluster: infoView in scripts/lib/cluster. */
export const INFO = defineCommand({
  name: 'info',
  summary:
    'How to connect to a cluster; with --json the connection descriptor (never a secret); under TLS, when each certificate expires. Without --cluster: the default cluster when it is the only one on this machine, else (and always with --all) the list of the clusters on this machine.',
  flags: {
    cluster: { type: 'string', description: 'preset name or spec file path' },
    all: { type: 'boolean', description: 'list the clusters on this machine (even when only the default one runs)' },
    json: { type: 'boolean', description: 'print JSON (the connection descriptor, or the list of clusters)' },
  },
});
