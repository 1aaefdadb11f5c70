/**
 * Tables in the docs that the code writes (npm run docs:tables), so they cannot drift from it.
 * A generated table sits between two marker comments, `<!-- generated:NAME -->` and
 * `<!-- /generated:NAME -->`; everything outside the markers is hand-written and left alone.
 *
 * The command table: one row per entry point of COMMANDS (their order), naming every npm script
 * of package.json that runs it (`tsx scripts/<entry>.ts`), with the command's summary. A summary's
 * indented lines (the usage details `--help` aligns in columns) stay in `--help` only.
 */
import type { CommandDoc } from './commands/index.ts';

export const markers = (name: string): { readonly open: string; readonly close: string } => ({
  open: `<!-- generated:${name} -->`,
  close: `<!-- /generated:${name} -->`,
});

/**
 * `text` with the lines between the markers of `name` replaced by `body`. Throws, naming the file
 * and the marker, when the markers are missing, repeated or out of order.
 */
export function replaceGenerated(text: string, name: string, body: string, file = 'the file'): string {
  const { open, close } = markers(name);
  const start = text.indexOf(open);
  const end = text.indexOf(close);
  if (start < 0 || end < 0 || end < start || text.indexOf(open, start + 1) >= 0 || text.indexOf(close, end + 1) >= 0) {
    throw new Error(`${file} needs exactly one '${open}' line followed by one '${close}' line, around the generated table`);
  }
  return `${text.slice(0, start + open.length)}\n${body.trimEnd()}\n${text.slice(end)}`;
}

/** The text between the markers of `name` (trimmed), or undefined without them. */
export function generatedBody(text: string, name: string): string | undefined {
  const { open, close } = markers(name);
  const start = text.indexOf(open);
  const end = text.indexOf(close);
  return start < 0 || end < start ? undefined : text.slice(start + open.length, end).trim();
}

/**
 * Text for one table cell: on one line, `|` escaped, and `<`, `>` outside code spans written as
 * entities (a `<cluster>` would otherwise be read as an HTML tag and vanish).
 */
export function markdownCell(text: string): string {
  return text
    .replace(/\s*\n\s*/g, ' ')
    .split('`')
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/</g, '&lt;').replace(/>/g, '&gt;')))
    .join('`')
    .replace(/\|/g, '\\|');
}

/** A summary as one paragraph: its lines that are not indented, joined. */
export function summaryText(summary: string): string {
  return summary
    .split('\n')
    .filter((line) => !/^\s/.test(line))
    .join(' ');
}

/**
 * The npm scripts (package.json) that run an entry point and nothing else (`tsx scripts/<entry>.ts`,
 * arguments allowed, no `&&` chain), by entry.
 */
export function scriptsByEntry(scripts: Readonly<Record<string, string>>): Map<string, string[]> {
  const byEntry = new Map<string, string[]>();
  for (const [script, command] of Object.entries(scripts)) {
    const entry = /^tsx scripts\/([\w-]+)\.ts(\s[^&|;]*)?$/.exec(command)?.[1];
    if (entry) byEntry.set(entry, [...(byEntry.get(entry) ?? []), script]);
  }
  return byEntry;
}

/** The command table. Throws when a command of `commands` has no npm script in `scripts`. */
export function renderCommandTable(scripts: Readonly<Record<string, string>>, commands: Readonly<Record<string, CommandDoc>>): string {
  const byEntry = scriptsByEntry(scripts);
  const rows = Object.entries(commands).map(([entry, cmd]) => {
    const names = byEntry.get(entry);
    if (!names) throw new Error(`command '${cmd.name}' (scripts/${entry}.ts) has no npm script in package.json: add "${cmd.name}": "tsx scripts/${entry}.ts"`);
    const ordered = [cmd.name, ...names.filter((n) => n !== cmd.name)].filter((n) => names.includes(n));
    return `| ${ordered.map((n) => `\`npm run ${n}\``).join(', ')} | ${markdownCell(summaryText(cmd.summary))} |`;
  });
  return ['| command | what it does |', '|---|---|', ...rows].join('\n');
}
