/**
 * Just enough Markdown for the docs tests: links, headings and code spans, outside fenced code
 * blocks, and the anchors GitHub gives headings.
 */
import { readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** README.md and every docs/*.md, relative to the root. */
export function docFiles(): string[] {
  return ['README.md', ...readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md')).sort().map((f) => `docs/${f}`)];
}

/** The lines of `text` outside fenced code blocks (``` or ~~~), with their 1-based numbers. */
export function proseLines(text: string): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  let fence: string | undefined;
  text.split('\n').forEach((l, i) => {
    const marker = /^\s*(```|~~~)/.exec(l)?.[1];
    if (marker && (!fence || fence === marker)) fence = fence ? undefined : marker;
    else if (!fence) out.push({ line: i + 1, text: l });
  });
  return out;
}

const withoutCodeSpans = (line: string): string => line.replace(/`[^`]*`/g, '');

/** Every inline link and image target, outside code: `[text](target)`. */
export function links(text: string): { line: number; target: string }[] {
  const out: { line: number; target: string }[] = [];
  for (const { line, text: l } of proseLines(text)) {
    for (const m of withoutCodeSpans(l).matchAll(/!?\[(?:[^\][]|\[[^\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) out.push({ line, target: m[1]! });
  }
  return out;
}

/** Every code span's text, outside fenced blocks. */
export function codeSpans(text: string): { line: number; code: string }[] {
  return proseLines(text).flatMap(({ line, text: l }) => [...l.matchAll(/`([^`]+)`/g)].map((m) => ({ line, code: m[1]! })));
}

/**
 * GitHub's anchor for a heading: its text (code marks, emphasis and link syntax dropped),
 * lowercase, every character but letters, digits, '-', '_' and spaces dropped, each space a '-'.
 */
export function githubSlug(heading: string): string {
  return heading
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[`*]/g, '')
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}_\- ]/gu, '')
    .replace(/ /g, '-');
}

/** The anchors of a document's headings; a repeated heading gets -1, -2, … as on GitHub. */
export function anchors(text: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  for (const { text: l } of proseLines(text)) {
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(l)?.[1];
    if (heading === undefined) continue;
    const slug = githubSlug(heading);
    const n = seen.get(slug) ?? 0;
    seen.set(slug, n + 1);
    out.add(n === 0 ? slug : `${slug}-${n}`);
  }
  return out;
}
