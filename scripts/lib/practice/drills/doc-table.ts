/**
 * The drill table of docs/practice.md, written from the drill registry by npm run docs:tables
 * (between `<!-- generated:drills -->` and `<!-- /generated:drills -->`): one row per drill, in
 * the order `npm run drill -- list` shows them, with what the list shows.
 */
import { markdownCell } from '../../core/index.ts';
import { DRILLS } from './index.ts';
import { describeNeeds } from './kit/shape.ts';
import type { Drill } from './kit/types.ts';

export function renderDrillTable(drills: readonly Drill[] = DRILLS): string {
  const rows = drills.map((d) =>
    [d.track, `\`${d.id}\``, d.title, d.domain, d.difficulty, String(d.minutes), describeNeeds(d.needs)].map(markdownCell).join(' | '),
  );
  return ['| track | drill | the task | exam domain | level | minutes | needs |', '|---|---|---|---|---|---|---|', ...rows.map((r) => `| ${r} |`)].join('\n');
}
