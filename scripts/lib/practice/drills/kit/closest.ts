/** Levenshtein distance: insertions, deletions and substitutions, each costing 1. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length]!;
}

/**
 * The candidates closest to `input`, best first: those containing it (or contained in it) and
 * those within a third of their length in edits; at most `max`.
 */
export function closestMatches(input: string, candidates: readonly string[], max = 3): string[] {
  const q = input.toLowerCase();
  const scored = candidates.map((c) => {
    const d = editDistance(q, c.toLowerCase());
    const contains = q.length >= 3 && (c.includes(q) || q.includes(c));
    return { c, d, ok: contains || d <= Math.max(2, Math.floor(c.length / 3)), score: contains ? Math.min(d, 1) : d };
  });
  return scored
    .filter((s) => s.ok)
    .sort((x, y) => x.score - y.score || x.d - y.d || x.c.localeCompare(y.c))
    .slice(0, max)
    .map((s) => s.c);
}
