import { defineCommand } from './define.ts';

/** `npm run docs:tables` (scripts/docs-tables.ts). */
export const DOCS_TABLES = defineCommand({
  name: 'docs:tables',
  summary:
    "Rewrite the generated tables of the docs from the code's own definitions: the command table in README.md (scripts/lib/core/commands) and the drill table in docs/practice.md (the drill registry), between their <!-- generated:NAME --> markers.",
  flags: {
    check: { type: 'boolean', description: 'write nothing; exit 1 when a committed table differs from what the code generates' },
  },
});
