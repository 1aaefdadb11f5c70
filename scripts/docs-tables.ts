#!/usr/bin/env -S npx tsx
/**
 * npm run docs:tables: rewrite the tables the docs take from the code (between their
 * `<!-- generated:NAME -->` markers); with --check, only say which differ (exit 1).
 * test/docs/tables.test.ts fails when a committed table differs.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMMANDS, projectRoot, renderCommandTable, replaceGenerated, runMain } from './lib/core/index.ts';
import { renderDrillTable } from './lib/practice/index.ts';
import { renderAlertTable } from './lib/monitoring/index.ts';

await runMain(COMMANDS['docs-tables'], async (flags) => {
  const { scripts } = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const tables = [
    { file: 'README.md', name: 'commands', body: renderCommandTable(scripts, COMMANDS) },
    { file: 'docs/practice.md', name: 'drills', body: renderDrillTable() },
    { file: 'docs/monitoring.md', name: 'alerts', body: renderAlertTable() },
  ];
  let stale = 0;
  for (const { file, name, body } of tables) {
    const path = join(projectRoot, file);
    const text = readFileSync(path, 'utf8');
    const next = replaceGenerated(text, name, body, file);
    if (next === text) console.log(`✔ ${file}: the ${name} table is current`);
    else if (flags.check) {
      stale += 1;
      console.log(`✖ ${file}: the ${name} table differs from the code: run npm run docs:tables`);
    } else {
      writeFileSync(path, next);
      console.log(`✔ ${file}: wrote the ${name} table`);
    }
  }
  return stale > 0 ? 1 : 0;
});
