/** Did-you-mean: close candidates for a misspelt name, best first. */

function normalize(s: string): string {
  return s.toLowerCase().replace(/[-\s.]/g, '_');
}

/** Optimal string alignment distance (Levenshtein plus adjacent swaps). */
export function editDistance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  const d: number[][] = Array.from({ length: m + 1 }, (_, i) => [i, ...new Array<number>(n).fill(0)]);
  for (let j = 1; j <= n; j++) d[0][j] = j;
  for (let i = 1; i <= m; i++) {
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[m][n];
}

/**
 * Candidates within a distance that grows with the word's length (1 for short
 * words, up to 3), comparing case- and separator-insensitively; also a candidate
 * the word is a prefix or underscore-less spelling of.
 */
export function suggest(word: string, candidates: Iterable<string>, max = 3): string[] {
  const w = normalize(word);
  if (w.length === 0) return [];
  const limit = w.length <= 3 ? 1 : w.length <= 6 ? 2 : 3;
  const scored: { c: string; score: number }[] = [];
  for (const c of candidates) {
    const n = normalize(c);
    if (n === w && c !== word) {
      scored.push({ c, score: 0 });
      continue;
    }
    if (n.replace(/_/g, '') === w.replace(/_/g, '')) {
      scored.push({ c, score: 0.5 });
      continue;
    }
    const dist = editDistance(w, n);
    if (dist <= limit) scored.push({ c, score: dist });
  }
  scored.sort((a, b) => a.score - b.score || a.c.localeCompare(b.c));
  return scored.slice(0, max).map((s) => s.c);
}
