/** Did-you-mean: close candidates for a misspelt name, best first. */
import { ownString } from './own-string';

const normCache = new Map<string, { n: string; bare: string }>();
/**
 * Case- and separator-insensitive form (memoised: candidates are catalogue names, asked for again and again). The
 * word asked about may be a slice of a document (a flavor's extra-spec key): the cache keeps a copy of it, and
 * the forms are made from that copy (`toLowerCase` and `replace` give back the same string when nothing changes),
 * so the cache never keeps a closed document's text alive.
 */
function normalize(s: string): { n: string; bare: string } {
  let v = normCache.get(s);
  if (!v) {
    const key = ownString(s);
    const n = key.toLowerCase().replace(/[-\s.]/g, '_');
    v = { n, bare: n.replace(/_/g, '') };
    if (normCache.size > 50000) normCache.clear();
    normCache.set(key, v);
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

/** Three DP rows, reused across calls (grown when a longer word comes). */
let rowA = new Int32Array(64);
let rowB = new Int32Array(64);
let rowC = new Int32Array(64);

/**
 * Optimal string alignment distance (Levenshtein plus adjacent swaps), giving up (returning limit + 1) as
 * soon as the distance must exceed `limit`. With a finite limit only the band |i - j| <= limit of the table
 * is computed (a cell outside it is already more than `limit` away), so a did-you-mean over a few thousand
 * catalogue names costs ~7 cells per character instead of the names' length; any result above `limit` is
 * returned as limit + 1.
 */
export function editDistance(a: string, b: string, limit = Infinity): number {
  const m = a.length;
  const n = b.length;
  if (Math.abs(m - n) > limit) return limit + 1;
  if (rowA.length < n + 2) {
    const size = Math.max(n + 2, 2 * rowA.length);
    rowA = new Int32Array(size);
    rowB = new Int32Array(size);
    rowC = new Int32Array(size);
  }
  let prev2 = rowA;
  let prev = rowB;
  let cur = rowC;
  const band = Number.isFinite(limit) ? limit : Math.max(m, n);
  // Outside the band: a value no result can come from (limit + 1 is already "too far").
  const far = band + 1;
  for (let j = 0; j <= n && j <= band + 1; j++) prev[j] = j;
  for (let i = 1; i <= m; i++) {
    const lo = i - band > 1 ? i - band : 1;
    const hi = i + band < n ? i + band : n;
    cur[lo - 1] = lo === 1 ? (i <= band ? i : far) : far;
    let rowMin = lo === 1 ? cur[0] : far;
    const ai = a.charCodeAt(i - 1);
    for (let j = lo; j <= hi; j++) {
      const bj = b.charCodeAt(j - 1);
      let v = prev[j - 1] + (ai === bj ? 0 : 1);
      const del = prev[j] + 1;
      if (del < v) v = del;
      const ins = cur[j - 1] + 1;
      if (ins < v) v = ins;
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) {
        const swap = prev2[j - 2] + 1;
        if (swap < v) v = swap;
      }
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (hi < n) cur[hi + 1] = far;
    if (rowMin > limit) return limit + 1;
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return prev[n] > limit ? limit + 1 : prev[n];
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
