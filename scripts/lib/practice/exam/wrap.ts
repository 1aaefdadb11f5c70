/**
 * Word-wrap one paragraph to `width` columns: the first line starts with `first`, the others
 * with `rest`. A word longer than a line stays whole.
 */
export function wrap(text: string, width: number, first = '', rest = first): string {
  const lines: string[] = [];
  let line = first;
  let empty = true;
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    if (!empty && line.length + 1 + word.length > width) {
      lines.push(line);
      line = rest + word;
    } else {
      line += (empty ? '' : ' ') + word;
    }
    empty = false;
  }
  lines.push(line);
  return lines.join('\n');
}

/** The width to wrap to on this terminal: its columns, at most 100; 100 when not a terminal. */
export function terminalWidth(stream: { columns?: number } = process.stdout): number {
  return Math.min(stream.columns ?? 100, 100);
}
