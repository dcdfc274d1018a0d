/**
 * Applies every preferred, safe quick fix to a text: collect one preferred fix
 * per diagnostic, keep those whose edits do not touch each other, apply them,
 * re-parse, and repeat until nothing changes (or `maxRounds`). Used by the
 * `source.fixAll.nova-conf` code action and by `nova-conf-lint --fix`.
 */
import type { TextEdit } from 'vscode-languageserver-types';
import { NovaConfDocument, parseDocument } from './document';
import { allDiagnostics, candidateFixes, countErrors, fixInput } from './fixes/index';
import { Candidate, verifyFixes } from './fixes/verify-batch';
import { applyEdits, editsConflict } from './fixes/text';
import type { OffsetEdit } from './fixes/types';
import type { Settings } from './settings';

export interface AppliedFix {
  code: string;
  title: string;
  /** Zero-based position of the fixed diagnostic in the original text. */
  line: number;
  character: number;
}

export interface FixAllResult {
  text: string;
  fixes: AppliedFix[];
  /** Rounds that changed the text. */
  rounds: number;
}

export interface FixAllOptions {
  uri?: string;
  maxRounds?: number;
}

const SECTION_LINE = /(^|[\r\n])\[/;

/** Stricter than for one fix: two fixes inserting at the same point must not both add a section. */
function clash(a: OffsetEdit, b: OffsetEdit): boolean {
  if (a.start === a.end && b.start === b.end && a.start === b.start) return SECTION_LINE.test(a.text) || SECTION_LINE.test(b.text);
  return editsConflict(a, b);
}

/** Maps an offset of the text after `edits` back to the text before them. */
function unmapOffset(offset: number, edits: readonly OffsetEdit[]): number {
  let delta = 0;
  for (const e of edits) {
    const ns = e.start + delta;
    const ne = ns + e.text.length;
    if (offset < ns) return offset - delta;
    if (offset < ne) return e.start;
    delta += e.text.length - (e.end - e.start);
  }
  return offset - delta;
}

export function fixAll(text: string, settings: Settings, options: FixAllOptions = {}): FixAllResult {
  const uri = options.uri ?? 'untitled:nova.conf';
  const maxRounds = options.maxRounds ?? 20;
  const original = parseDocument(text, uri, 0, settings.release);
  const history: OffsetEdit[][] = [];
  const fixes: AppliedFix[] = [];
  let current = text;
  let doc: NovaConfDocument = original;
  for (let round = 0; round < maxRounds; round++) {
    const { diagnostics, errors } = allDiagnostics(doc, settings);
    const candidates: Candidate[] = [];
    const proposed: OffsetEdit[] = [];
    for (const d of diagnostics) {
      const input = fixInput(doc, d, settings);
      if (!input) continue;
      const preferred = candidateFixes(input).filter((f) => f.preferred && f.kind !== 'disable');
      if (preferred.length !== 1) continue;
      const fix = preferred[0];
      if (fix.edits.some((e) => proposed.some((t) => clash(e, t)))) continue;
      candidates.push({ input, fix });
      proposed.push(...fix.edits);
    }
    // Verified together (one re-check per batch, halves only when a batch fails): linear in the file.
    const verified = verifyFixes(candidates);
    const chosen: { code: string; title: string; offset: number; edits: OffsetEdit[] }[] = [];
    const taken: OffsetEdit[] = [];
    candidates.forEach(({ input, fix }, i) => {
      if (!verified[i]) return;
      chosen.push({ code: String(input.diagnostic.code), title: fix.title, offset: input.start, edits: fix.edits });
      taken.push(...fix.edits);
    });
    if (chosen.length === 0) break;
    let edits = taken;
    let next = applyEdits(current, edits);
    let nextDoc = parseDocument(next, uri, round + 1, settings.release);
    // Fixes checked one by one could still add an Error together: then take only the first.
    const after = countErrors(allDiagnostics(nextDoc, settings).diagnostics);
    if ([...after].some(([code, n]) => n > (errors.get(code) ?? 0)) && chosen.length > 1) {
      chosen.length = 1;
      edits = chosen[0].edits;
      next = applyEdits(current, edits);
      nextDoc = parseDocument(next, uri, round + 1, settings.release);
    }
    if (next === current) break;
    for (const c of chosen) {
      let o = c.offset;
      for (let k = history.length - 1; k >= 0; k--) o = unmapOffset(o, history[k]);
      const p = original.positionAt(o);
      fixes.push({ code: c.code, title: c.title, line: p.line, character: p.character });
    }
    history.push([...edits].sort((a, b) => a.start - b.start || a.end - b.end));
    current = next;
    doc = nextDoc;
  }
  fixes.sort((a, b) => a.line - b.line || a.character - b.character);
  return { text: current, fixes, rounds: history.length };
}

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
