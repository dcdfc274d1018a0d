/**
 * Properties every nova.conf text must satisfy, shared by the bounded property
 * test (test/fuzz/property.test.ts) and the long campaign (test/fuzz/campaign.ts).
 * Each check throws an Error describing the first violation.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic, DocumentSymbol, Position, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { createLanguageService, LanguageService } from '../../server/src/service/index';
import { bundledPciIds, PciIdDatabase } from '../../server/src/service/catalog/pciids';
import type { Release } from '../../server/src/service/releases';

let db: PciIdDatabase | undefined;
const sharedPciIds = () => (db ??= bundledPciIds());

/** A fresh service (no cache shared with any other), with the bundled PCI ID database loaded once per process. */
export function freshService(release?: Release): LanguageService {
  return createLanguageService({ settings: release ? { release } : {}, pciIds: sharedPciIds });
}

export const URI = 'file:///fuzz/nova.conf';

function fail(what: string, detail: unknown): never {
  throw new Error(`${what}: ${JSON.stringify(detail)}`);
}

/** The reference view of the text: the same TextDocument the LSP server keeps. */
export function refDoc(text: string): TextDocument {
  return TextDocument.create(URI, 'nova-conf', 1, text);
}

function lineLength(td: TextDocument, line: number): number {
  const start = td.offsetAt({ line, character: 0 });
  const end = line + 1 < td.lineCount ? td.offsetAt({ line: line + 1, character: 0 }) : td.getText().length;
  const s = td.getText().slice(start, end);
  return s.replace(/\r\n$|\r$|\n$/, '').length;
}

export function checkPosition(td: TextDocument, p: Position, what: string): void {
  if (!p || !Number.isInteger(p.line) || !Number.isInteger(p.character)) fail(`${what}: not a position`, p);
  if (p.line < 0 || p.line >= td.lineCount) fail(`${what}: line outside the document (${td.lineCount} lines)`, p);
  if (p.character < 0 || p.character > lineLength(td, p.line)) fail(`${what}: character outside line ${p.line} (length ${lineLength(td, p.line)})`, p);
}

export function checkRange(td: TextDocument, r: Range, what: string): void {
  if (!r) fail(`${what}: missing range`, r);
  checkPosition(td, r.start, `${what}.start`);
  checkPosition(td, r.end, `${what}.end`);
  if (r.start.line > r.end.line || (r.start.line === r.end.line && r.start.character > r.end.character)) fail(`${what}: start after end`, r);
}

function contains(outer: Range, inner: Range): boolean {
  const le = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return le(outer.start, inner.start) && le(inner.end, outer.end);
}

/** Positions to probe: every one when they fit the budget, otherwise an even sample (line starts and ends included); always a few outside the document. */
export function probePositions(td: TextDocument, budget: number): Position[] {
  const lens: number[] = [];
  let total = 0;
  for (let l = 0; l < td.lineCount; l++) {
    lens.push(lineLength(td, l));
    total += lens[l] + 1;
  }
  const all: Position[] = [];
  if (budget > 0) {
    const step = total <= budget ? 1 : total / budget;
    let next = 0;
    let k = 0;
    for (let l = 0; l < td.lineCount; l++) {
      const len = lens[l];
      // Jump straight to the next sampled offset on this line.
      while (next < k + len + 1) {
        all.push({ line: l, character: Math.floor(next) - k });
        next += step;
      }
      k += len + 1;
    }
  }
  all.push({ line: td.lineCount + 3, character: 0 }, { line: 0, character: 100000 }, { line: td.lineCount - 1, character: 5000 }, { line: 2 ** 31 - 1, character: 2 ** 31 - 1 }, { line: -1, character: -1 });
  return all;
}

export function editsOf(edit: WorkspaceEdit | undefined, uri: string): TextEdit[] {
  if (!edit) return [];
  const out: TextEdit[] = [];
  for (const [u, es] of Object.entries(edit.changes ?? {})) {
    if (u !== uri) fail('a fix edits another file', u);
    out.push(...es);
  }
  for (const dc of edit.documentChanges ?? []) {
    if (!('textDocument' in dc)) fail('a fix creates, renames or deletes files', dc);
    if (dc.textDocument.uri !== uri) fail('a fix edits another file', dc.textDocument.uri);
    out.push(...dc.edits.map((e) => ('range' in e ? { range: e.range, newText: e.newText } : e)));
  }
  return out;
}

export interface Analysis {
  diagnostics: Diagnostic[];
  symbols: DocumentSymbol[];
  folding: unknown[];
  completion: unknown[];
  hover: unknown[];
  actions: CodeAction[][];
}

/**
 * Runs every feature of the service over the text: parse, diagnostics, symbols,
 * folding, completion and hover at the probe positions, code actions for each
 * diagnostic (and for the whole document). Checks that nothing throws and every
 * returned range lies in the document.
 */
export function analyze(svc: LanguageService, text: string, positionBudget = 400, uri = URI, withActions = true): Analysis {
  const td = TextDocument.create(uri, 'nova-conf', 1, text);
  const doc = svc.parse(text, uri, 1);
  const diagnostics = svc.diagnostics(doc);
  diagnostics.forEach((d, i) => {
    checkRange(td, d.range, `diagnostic ${i} (${String(d.code)})`);
    if (typeof d.message !== 'string' || d.message.length === 0) fail('diagnostic without message', d);
    if (![1, 2, 3, 4].includes(d.severity ?? 0)) fail('diagnostic without a valid severity', d);
    d.relatedInformation?.forEach((r, j) => {
      if (r.location.uri === uri) checkRange(td, r.location.range, `diagnostic ${i} related ${j}`);
    });
  });

  const symbols = svc.documentSymbols(doc);
  const walk = (ss: DocumentSymbol[], path: string) =>
    ss.forEach((s, i) => {
      const w = `${path}/${i}:${s.name}`;
      if (typeof s.name !== 'string' || s.name.length === 0) fail(`symbol ${w}: empty name (VS Code rejects it)`, s);
      checkRange(td, s.range, `symbol ${w}.range`);
      checkRange(td, s.selectionRange, `symbol ${w}.selectionRange`);
      if (!contains(s.range, s.selectionRange)) fail(`symbol ${w}: selectionRange not inside range (VS Code rejects it)`, s);
      if (s.children) walk(s.children, w);
    });
  walk(symbols, '');

  const folding = svc.foldingRanges(doc);
  folding.forEach((f, i) => {
    if (!(f.startLine >= 0 && f.startLine <= f.endLine && f.endLine < td.lineCount)) fail(`folding range ${i} outside the document`, f);
  });

  const completion: unknown[] = [];
  const hover: unknown[] = [];
  for (const p of probePositions(td, positionBudget)) {
    const list = svc.completion(doc, p);
    if (!list || !Array.isArray(list.items)) fail('completion did not return a list', { p, list });
    list.items.forEach((it, j) => {
      if (typeof it.label !== 'string') fail('completion item without label', it);
      const te = it.textEdit;
      if (te) {
        if ('range' in te) checkRange(td, te.range, `completion ${j} at ${p.line}:${p.character} textEdit`);
        else {
          checkRange(td, te.insert, `completion ${j} insert`);
          checkRange(td, te.replace, `completion ${j} replace`);
        }
      }
      it.additionalTextEdits?.forEach((e) => checkRange(td, e.range, `completion ${j} additionalTextEdit`));
    });
    completion.push(list);
    const h = svc.hover(doc, p);
    if (h?.range) checkRange(td, h.range, `hover at ${p.line}:${p.character}`);
    hover.push(h);
  }

  const actions: CodeAction[][] = [];
  const whole: Range = { start: { line: 0, character: 0 }, end: td.positionAt(text.length) };
  const contexts: { range: Range; diagnostics: Diagnostic[]; only?: string[] }[] = [
    ...diagnostics.map((d) => ({ range: d.range, diagnostics: [d] })),
    { range: whole, diagnostics },
    { range: whole, diagnostics, only: ['source.fixAll'] },
  ];
  for (const c of withActions ? contexts : []) {
    const as = svc.codeActions(doc, c.range, { diagnostics: c.diagnostics, only: c.only });
    if (!Array.isArray(as)) fail('codeActions did not return an array', as);
    for (const a of as) {
      if (typeof a.title !== 'string' || !a.title) fail('code action without title', a);
      for (const e of editsOf(a.edit, uri)) checkRange(td, e.range, `code action "${a.title}" edit`);
    }
    actions.push(as);
  }
  return { diagnostics, symbols, folding, completion, hover, actions };
}

/** Same text, two fresh services: identical results (and a re-parse in the same service too). */
export function checkDeterministic(text: string, positionBudget = 60, withActions = true): void {
  const a = JSON.stringify(analyze(freshService(), text, positionBudget, URI, withActions));
  const b = JSON.stringify(analyze(freshService(), text, positionBudget, URI, withActions));
  if (a !== b) fail('two fresh services disagree', firstDifference(a, b));
  const svc = freshService();
  const d1 = JSON.stringify(svc.diagnostics(svc.parse(text, URI, 1)));
  const d2 = JSON.stringify(svc.diagnostics(svc.parse(text, URI, 2)));
  if (d1 !== d2) fail('re-parsing the same text at a new version changed the diagnostics', firstDifference(d1, d2));
}

function firstDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return `at ${i}: …${a.slice(Math.max(0, i - 60), i + 60)}… vs …${b.slice(Math.max(0, i - 60), i + 60)}…`;
}

/** Applies non-overlapping edits (checked) and returns the new text. */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const td = refDoc(text);
  const spans = edits.map((e) => ({ s: td.offsetAt(e.range.start), e: td.offsetAt(e.range.end), t: e.newText })).sort((x, y) => x.s - y.s || x.e - y.e);
  for (let i = 1; i < spans.length; i++) if (spans[i].s < spans[i - 1].e) fail('a fix has overlapping edits', edits);
  const out = TextDocument.applyEdits(td, edits);
  // Nothing outside the edits changed: the untouched stretches appear, in order, unchanged.
  let pos = 0;
  let outPos = 0;
  for (const sp of spans) {
    const keep = text.slice(pos, sp.s);
    if (out.slice(outPos, outPos + keep.length) !== keep) fail('text outside the edits changed', { edits });
    outPos += keep.length + sp.t.length;
    pos = sp.e;
  }
  if (out.slice(outPos) !== text.slice(pos)) fail('text after the last edit changed', { edits });
  for (const sp of spans) {
    for (const at of [sp.s, sp.e]) {
      if (at > 0 && at < text.length) {
        const a = text.charCodeAt(at - 1);
        const b = text.charCodeAt(at);
        if (a === 13 && b === 10) fail('a fix edit splits a CRLF line break', sp);
        if (a >= 0xd800 && a <= 0xdbff && b >= 0xdc00 && b <= 0xdfff) fail('a fix edit splits a surrogate pair', sp);
      }
    }
  }
  return out;
}

export interface QuickFixReport {
  offered: number;
  applied: number;
}

/**
 * Every quick fix offered for a diagnostic (kind quickfix, with an edit): applying
 * it leaves the text outside the edit alone, and the diagnostic it fixes is gone
 * (no diagnostic with the same code and message at the same, edit-mapped place).
 */
export function checkQuickFixes(text: string, svc: LanguageService = freshService()): QuickFixReport {
  const doc = svc.parse(text, URI, 1);
  const diagnostics = svc.diagnostics(doc);
  const report = { offered: 0, applied: 0 };
  for (const d of diagnostics) {
    const actions = svc.codeActions(doc, d.range, { diagnostics: [d] });
    for (const a of actions) {
      if (!a.kind || !(a.kind === 'quickfix' || a.kind.startsWith('quickfix.')) || !a.edit) continue;
      const targets = a.diagnostics ?? [d];
      if (!targets.some((t) => t.code === d.code)) continue;
      report.offered++;
      const edits = editsOf(a.edit, URI);
      const td = refDoc(text);
      edits.forEach((e) => checkRange(td, e.range, `fix "${a.title}" edit`));
      const after = applyEdits(text, edits);
      if (after === text) continue; // a no-op fix is useless but harmless
      report.applied++;
      const svc2 = freshService(svc.settings.release);
      const doc2 = svc2.parse(after, URI, 2);
      const ds2 = svc2.diagnostics(doc2);
      const spans = edits
        .map((e) => ({ s: td.offsetAt(e.range.start), e: td.offsetAt(e.range.end), len: e.newText.length }))
        .sort((x, y) => x.s - y.s);
      let acc = 0;
      const placed = spans.map((sp) => {
        const ns = sp.s + acc;
        acc += sp.len - (sp.e - sp.s);
        return { ...sp, ns, delta: sp.len - (sp.e - sp.s) };
      });
      // Where the diagnostic's start lands after the fix; undefined when its text was replaced or deleted.
      const mapOffset = (o: number): number | undefined => {
        let shift = 0;
        for (const sp of placed) {
          if (sp.e > sp.s && o >= sp.s && o < sp.e) return undefined;
          if (o >= sp.e && sp.e > sp.s) shift += sp.delta;
          else if (o > sp.s && sp.e === sp.s) shift += sp.delta;
        }
        return o + shift;
      };
      const start = mapOffset(td.offsetAt(d.range.start));
      const at = (x: Diagnostic) => doc2.offsetAt(x.range.start);
      // Still there: same code and message, at the mapped place, or inside the new text when the old text was replaced.
      const still = ds2.find(
        (x) =>
          x.code === d.code &&
          x.message === d.message &&
          (start === undefined ? placed.some((sp) => sp.e > sp.s && sp.len > 0 && at(x) >= sp.ns && at(x) < sp.ns + sp.len) : at(x) === start),
      );
      if (still) fail(`quick fix "${a.title}" did not remove ${String(d.code)}`, { text, after, diagnostic: d });
    }
  }
  return report;
}
