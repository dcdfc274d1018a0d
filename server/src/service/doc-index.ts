/**
 * Per-document lookups built once (lazily) and cached on the parsed document, so that code asking
 * the same question for every diagnostic (the fix providers under fix-all) stays linear: a linear
 * scan per diagnostic is quadratic on a file with tens of thousands of entries or problems.
 * (Entry at an offset and the JSON value of an entry are on the document itself: doc.entryAt, doc.jsonOf.)
 */
import type { NovaConfDocument } from './document';

interface DocIndex {
  problemStarts?: Float64Array;
}

const indexes = new WeakMap<NovaConfDocument, DocIndex>();

function indexOf(doc: NovaConfDocument): DocIndex {
  let ix = indexes.get(doc);
  if (!ix) indexes.set(doc, (ix = {}));
  return ix;
}

/** Index of the last element of the sorted array that is <= x, or -1. */
function lastAtMost(sorted: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] <= x) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** Whether some parse problem starts within [from, to]. */
export function problemStartsWithin(doc: NovaConfDocument, from: number, to: number): boolean {
  const ix = indexOf(doc);
  if (!ix.problemStarts) ix.problemStarts = Float64Array.from(doc.ini.problems.map((p) => p.span.start)).sort();
  const i = lastAtMost(ix.problemStarts, to);
  return i >= 0 && ix.problemStarts[i] >= from;
}
