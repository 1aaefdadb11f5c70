import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS, renderCommandTable, replaceGenerated } from '../../scripts/lib/core/index.ts';
import { renderDrillTable } from '../../scripts/lib/practice/index.ts';
import { renderAlertTable } from '../../scripts/lib/monitoring/index.ts';
import { root } from './markdown.ts';

const read = (file: string): string => readFileSync(join(root, file), 'utf8');
const { scripts } = JSON.parse(read('package.json')) as { scripts: Record<string, string> };

/** The tables npm run docs:tables writes (scripts/docs-tables.ts lists the same). */
const TABLES = [
  { file: 'README.md', name: 'commands', body: () => renderCommandTable(scripts, COMMANDS) },
  { file: 'docs/practice.md', name: 'drills', body: () => renderDrillTable() },
  { file: 'docs/monitoring.md', name: 'alerts', body: () => renderAlertTable() },
];

describe('the generated tables of the docs', () => {
  it.each(TABLES)('$file: the $name table is what the code generates', ({ file, name, body }) => {
    const committed = read(file);
    expect(replaceGenerated(committed, name, body(), file), `${file}: the ${name} table differs from the code: run npm run docs:tables`).toBe(committed);
  });

  it('npm run docs:tables runs scripts/docs-tables.ts', () => {
    expect(scripts['docs:tables']).toBe('tsx scripts/docs-tables.ts');
  });
});
