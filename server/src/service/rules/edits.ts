/** Text and line helpers shared by the fix families. */
import type { NovaConfDocument } from '../document';
import type { Entry, JsonValue, Section } from '../model';
import { lineContentEnd as textLineEnd } from '../lines';
import type { Fix, OffsetEdit } from './fix-types';

/** Applies non-overlapping edits (insertions at the same offset keep their order). */
export function applyEdits(text: string, edits: readonly OffsetEdit[]): string {
  const sorted = edits.map((e, i) => ({ e, i })).sort((a, b) => a.e.start - b.e.start || a.e.end - b.e.end || a.i - b.i);
  let out = '';
  let last = 0;
  for (const { e } of sorted) {
    if (e.start < last) throw new Error('overlapping edits');
    out += text.slice(last, e.start) + e.text;
    last = e.end;
  }
  return out + text.slice(last);
}

/** True when two edits cannot both be applied unambiguously. */
export function editsConflict(a: OffsetEdit, b: OffsetEdit): boolean {
  const aIns = a.start === a.end;
  const bIns = b.start === b.end;
  if (aIns && bIns) return false; // same-point insertions apply in order
  if (aIns) return a.start >= b.start && a.start <= b.end;
  if (bIns) return b.start >= a.start && b.start <= a.end;
  return a.start < b.end && b.start < a.end;
}

export function lineOf(doc: NovaConfDocument, offset: number): number {
  return doc.positionAt(offset).line;
}

export function lineStart(doc: NovaConfDocument, line: number): number {
  const ls = doc.ini.lineStarts;
  return line >= ls.length ? doc.text.length : ls[Math.max(0, line)];
}

/** Offset after the line's line break (the next line's start, or the end of the text). */
export function lineNext(doc: NovaConfDocument, line: number): number {
  const ls = doc.ini.lineStarts;
  return line + 1 < ls.length ? ls[line + 1] : doc.text.length;
}

/** End of the line's content, before its line break. */
export function lineContentEnd(doc: NovaConfDocument, line: number): number {
  const ls = doc.ini.lineStarts;
  return line >= ls.length ? doc.text.length : textLineEnd(doc.text, ls, Math.max(0, line));
}

export function lineText(doc: NovaConfDocument, line: number): string {
  return doc.text.slice(lineStart(doc, line), lineContentEnd(doc, line));
}

/** The line break the file uses (the first one found), for inserted lines. */
export function eolOf(text: string): string {
  const m = /\r\n|\n|\r/.exec(text);
  return m ? m[0] : '\n';
}

/** The line break ending `line`, or the file's usual one when the line has none. */
export function lineEol(doc: NovaConfDocument, line: number): string {
  const t = doc.text.slice(lineContentEnd(doc, line), lineNext(doc, line));
  return t || eolOf(doc.text);
}

export function jsonValueAt(doc: NovaConfDocument, offset: number): JsonValue | undefined {
  const e = doc.entryAt(offset);
  return e ? doc.jsonOf(e) : undefined;
}

export function entryFirstLine(doc: NovaConfDocument, e: Entry): number {
  return lineOf(doc, e.span.start);
}

export function entryLastLine(doc: NovaConfDocument, e: Entry): number {
  return lineOf(doc, Math.max(e.span.start, e.span.end));
}

/** The entry's whole lines: from its first line's start to after its last line break. */
export function entryBlock(doc: NovaConfDocument, e: Entry): { start: number; end: number; text: string } {
  const start = lineStart(doc, entryFirstLine(doc, e));
  const end = lineNext(doc, entryLastLine(doc, e));
  let text = doc.text.slice(start, end);
  if (!/[\r\n]$/.test(text)) text += eolOf(doc.text);
  return { start, end, text };
}

/** Where to insert new lines at the end of a section (after its last entry, or after its header). */
export function sectionInsertPoint(doc: NovaConfDocument, s: Section): OffsetEdit & { prefix: string } {
  const lastLine = s.entries.length ? entryLastLine(doc, s.entries[s.entries.length - 1]) : lineOf(doc, s.header.start);
  const at = lineNext(doc, lastLine);
  const endsWithBreak = at > 0 && /[\r\n]/.test(doc.text[at - 1] ?? '');
  return { start: at, end: at, text: '', prefix: endsWithBreak ? '' : eolOf(doc.text) };
}

/** The last section called `group` (oslo.config merges repeated sections; later lines win). */
export function lastSection(doc: NovaConfDocument, group: string): Section | undefined {
  let found: Section | undefined;
  for (const s of doc.ini.sections) if (s.name === group) found = s;
  return found;
}

/**
 * An edit that puts `block` (whole lines, ending with a line break) at the end
 * of [group], creating the section at the end of the file when there is none.
 */
export function appendToGroup(doc: NovaConfDocument, group: string, block: string): OffsetEdit {
  const eol = eolOf(doc.text);
  const s = lastSection(doc, group);
  if (s) {
    const p = sectionInsertPoint(doc, s);
    return { start: p.start, end: p.end, text: p.prefix + block };
  }
  const text = doc.text;
  const at = text.length;
  let prefix = '';
  if (at > 0 && !/[\r\n]$/.test(text)) prefix = eol + eol;
  else if (text.trim() !== '' && !/(\r\n|\n|\r)[ \t]*$/.test(text.replace(/(\r\n|\n|\r)$/, ''))) prefix = eol;
  return { start: at, end: at, text: `${prefix}[${group}]${eol}${block}` };
}

/** The document text of a span in value offsets, when the value maps one to one there. */
export function valueDocSpan(e: Entry, vStart: number, vEnd: number, doc: NovaConfDocument): { start: number; end: number } | undefined {
  const span = e.map.spanToDoc(vStart, vEnd);
  const expected = e.value.slice(vStart, vEnd);
  const actual = doc.text.slice(span.start, span.end);
  if (actual === expected) return span;
  // Multi-line spans: the value has "\n" where the document has a line break plus indentation.
  const norm = (t: string) => t.replace(/[ \t]*(\r\n|\n|\r)[ \t]*/g, '\n');
  if (norm(actual) === norm(expected)) return span;
  return undefined;
}

/** Escapes a value for a JSON string literal (what Python's json.loads reads back). */
export function jsonString(s: string): string {
  return JSON.stringify(s);
}

/**
 * Moves an inline `# comment` (document span [start, end), with the blanks before it) to a
 * comment line of its own above the entry: oslo.config would otherwise read it as part of the value.
 */
export function moveCommentAboveFix(doc: NovaConfDocument, e: Entry, start: number, end: number, comment: string): Fix {
  let from = start;
  while (from > e.valueSpan.start && (doc.text[from - 1] === ' ' || doc.text[from - 1] === '\t')) from--;
  const first = entryFirstLine(doc, e);
  const at = lineStart(doc, first);
  return {
    title: 'Move the comment to its own line above the option',
    edits: [
      { start: at, end: at, text: comment + lineEol(doc, first) },
      { start: from, end, text: '' },
    ],
    preferred: true,
  };
}

/** True when an edit would change, or insert into, a Jinja tag or a placeholder. */
export function touchesJinja(doc: NovaConfDocument, edits: readonly { start: number; end: number }[]): boolean {
  const j = doc.jinja;
  if (!j) return false;
  const spans = [...j.template.tags.map((t) => t.span), ...j.template.placeholders.map((p) => p.span)];
  return edits.some((e) => spans.some((s) => (e.start < s.end && e.end > s.start) || (e.start === e.end && e.start > s.start && e.start < s.end)));
}
