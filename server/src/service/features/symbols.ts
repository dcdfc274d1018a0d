import { DocumentSymbol, FoldingRange, FoldingRangeKind, SymbolKind } from 'vscode-languageserver-types';
import type { NovaConfDocument } from '../document';

/** Sections with their options (device_spec and alias entries show their JSON summary). */
export function documentSymbols(doc: NovaConfDocument): DocumentSymbol[] {
  return doc.ini.sections.map((s) => ({
    name: `[${s.raw}]`,
    kind: SymbolKind.Namespace,
    range: doc.rangeOf(s.span),
    selectionRange: doc.rangeOf(s.nameSpan),
    children: s.entries.map((e) => {
      const detail = e.value.length > 60 ? `${e.value.slice(0, 57).replace(/\s+/g, ' ')}…` : e.value.replace(/\s+/g, ' ');
      return {
        name: e.key,
        detail,
        kind: SymbolKind.Property,
        range: doc.rangeOf(e.span),
        selectionRange: doc.rangeOf(e.keySpan),
      };
    }),
  }));
}

/** Sections, multi-line values, and runs of two or more comment lines. */
export function foldingRanges(doc: NovaConfDocument): FoldingRange[] {
  const out: FoldingRange[] = [];
  for (const s of doc.ini.sections) {
    const a = doc.positionAt(s.header.start).line;
    const b = doc.positionAt(s.span.end).line;
    if (b > a) out.push({ startLine: a, endLine: b });
  }
  for (const e of doc.ini.entries) {
    const a = doc.positionAt(e.span.start).line;
    const b = doc.positionAt(e.span.end).line;
    if (b > a) out.push({ startLine: a, endLine: b });
  }
  let runStart = -1;
  let prev = -2;
  const flush = () => {
    if (runStart >= 0 && prev > runStart) out.push({ startLine: runStart, endLine: prev, kind: FoldingRangeKind.Comment });
  };
  for (const c of doc.ini.comments) {
    const line = doc.positionAt(c.span.start).line;
    if (line !== prev + 1) {
      flush();
      runStart = line;
    }
    prev = line;
  }
  flush();
  return out;
}
