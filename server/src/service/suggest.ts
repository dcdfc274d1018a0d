/** Did-you-mean: close candidates for a misspelt name, best first. */

const normCache = new Map<string, { n: string; bare: string }>();
/** Case- and separator-insensitive form (memoised: candidates are catalogue names, asked for again and again). */
function normalize(s: string): { n: string; bare: string } {
  let v = normCache.get(s);
  if (!v) {
    const n = s.toLowerCase().replace(/[-\s.]/g, '_');
    v = { n, bare: n.replace(/_/g, '') };
    if (normCache.size > 50000) normCache.clear();
    normCache.set(s, v);
  }
  return v;
}

/**
 * The normalized forms of a candidate list, kept as long as the list itself: callers that ask about many
 * words against the same (catalogue) list pay for normalizing it once.
 */
const formsCache = new WeakMap<readonly string[], { n: string; bare: string }[]>();
function normalizedForms(list: readonly string[]): { n: string; bare: string }[] {
  let f = formsCache.get(list);
  if (!f) formsCache.set(list, (f = list.map(normalize)));
  return f;
}

/**
 * Optimal string alignment distance (Levenshtein plus adjacent swaps), giving up
 * (returning limit + 1) as soon as the distance must exceed `limit`.
 */
export function editDistance(a: string, b: string, limit = Infinity): number {
  const m = a.length;
  const n = b.length;
  if (Math.abs(m - n) > limit) return limit + 1;
  let prev2 = new Int32Array(n + 1);
  let prev = new Int32Array(n + 1);
  let cur = new Int32Array(n + 1);
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= m; i++) {
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j <= n; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > limit) return limit + 1;
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return prev[n];
}

/**
 * Candidates within a distance that grows with the word's length (1 for short
 * words, up to 3), comparing case- and separator-insensitively; also a candidate
 * the word is a prefix or underscore-less spelling of.
 */
export function suggest(word: string, candidates: Iterable<string>, max = 3): string[] {
  const { n: w, bare: wBare } = normalize(word);
  if (w.length === 0) return [];
  const limit = w.length <= 3 ? 1 : w.length <= 6 ? 2 : 3;
  const scored: { c: string; score: number }[] = [];
  const list = Array.isArray(candidates) ? (candidates as readonly string[]) : [...candidates];
  const forms = normalizedForms(list);
  for (let i = 0; i < list.length; i++) {
    const c = list[i];
    const { n, bare } = forms[i];
    if (n === w && c !== word) {
      scored.push({ c, score: 0 });
      continue;
    }
    if (bare === wBare && c !== word) {
      scored.push({ c, score: 0.5 });
      continue;
    }
    // An abbreviation of a longer name ("func" for "function").
    if (w.length >= 3 && n.length <= 2 * w.length + 2 && n.startsWith(w) && c !== word) {
      scored.push({ c, score: 1.5 });
      continue;
    }
    if (Math.abs(n.length - w.length) > limit) continue;
    const dist = editDistance(w, n, limit);
    if (dist <= limit && c !== word) scored.push({ c, score: dist });
  }
  scored.sort((a, b) => a.score - b.score || a.c.localeCompare(b.c));
  return [...new Set(scored.map((s) => s.c))].slice(0, max);
}
