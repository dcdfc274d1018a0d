/** LSP text edits from a whole new text (used for source.fixAll): line-level hunks, so an editor keeps its markers. */
import type { TextEdit } from 'vscode-languageserver-types';
import type { NovaConfDocument } from '../document';

/** Splits text into lines that keep their line breaks. */
function splitLines(text: string): string[] {
  return text.match(/[^\r\n]*(\r\n|\n|\r)|[^\r\n]+$/g) ?? [];
}

/**
 * Minimal line-level edits turning the document's text into `next` (Myers'
 * diff), so an editor keeps markers and folds on the lines that did not change.
 */
export function textEditsBetween(doc: NovaConfDocument, next: string): TextEdit[] {
  const a = splitLines(doc.text);
  const b = splitLines(next);
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const A = a.slice(pre, a.length - suf);
  const B = b.slice(pre, b.length - suf);
  const hunks = diffHunks(A, B) ?? [{ a0: 0, a1: A.length, b0: 0, b1: B.length }];
  const starts: number[] = [0];
  for (const l of a) starts.push(starts[starts.length - 1] + l.length);
  return hunks.map((h) => {
    const start = starts[pre + h.a0];
    const end = starts[pre + h.a1];
    return { range: { start: doc.positionAt(start), end: doc.positionAt(end) }, newText: B.slice(h.b0, h.b1).join('') };
  });
}

/** Myers' O(ND) diff; undefined when the difference is too large to be worth it. */
function diffHunks(A: string[], B: string[]): { a0: number; a1: number; b0: number; b1: number }[] | undefined {
  const n = A.length;
  const m = B.length;
  if (n === 0 || m === 0) return n === 0 && m === 0 ? [] : [{ a0: 0, a1: n, b0: 0, b1: m }];
  const max = Math.min(n + m, 2000);
  const off = max + 1;
  let v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= max && found < 0; d++) {
    trace.push(v.slice());
    const nv = v.slice();
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[off + k - 1] < v[off + k + 1]) ? v[off + k + 1] : v[off + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && A[x] === B[y]) {
        x++;
        y++;
      }
      nv[off + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
    v = nv;
  }
  if (found < 0) return undefined;
  // Walk back through the trace, collecting matched (snake) positions.
  const same: boolean[][] = [new Array<boolean>(n).fill(false), new Array<boolean>(m).fill(false)];
  let x = n;
  let y = m;
  for (let d = found; d > 0; d--) {
    const pv = trace[d];
    const k = x - y;
    const prevK = k === -d || (k !== d && pv[off + k - 1] < pv[off + k + 1]) ? k + 1 : k - 1;
    const px = pv[off + prevK];
    const py = px - prevK;
    while (x > px && y > py) {
      x--;
      y--;
      same[0][x] = true;
      same[1][y] = true;
    }
    x = px;
    y = py;
  }
  while (x > 0 && y > 0) {
    x--;
    y--;
    same[0][x] = true;
    same[1][y] = true;
  }
  const hunks: { a0: number; a1: number; b0: number; b1: number }[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && same[0][i] && same[1][j] && A[i] === B[j]) {
      i++;
      j++;
      continue;
    }
    const a0 = i;
    const b0 = j;
    while (i < n && !same[0][i]) i++;
    while (j < m && !same[1][j]) j++;
    hunks.push({ a0, a1: i, b0, b1: j });
  }
  return hunks;
}
