/**
 * Document (and range) formatting of a nova config: one space on each side of `=`, continuation lines re-indented
 * by one indent unit while keeping their nesting relative to each other, trailing whitespace trimmed. Nothing else
 * moves: `:` separators, comments, blank lines and section headers keep their text.
 *
 * The result is checked, not trusted: the edited text is parsed again and every section, key and effective value
 * (before and after `$name` substitution), and every oslo.config parse problem, must be the same as before. If
 * anything differs, no edit is returned and `refused` says why. Jinja templates are not formatted (a tag's trailing
 * whitespace and indentation change what the template renders); YAML-embedded configs never reach this.
 */
import type { Range, TextEdit } from 'vscode-languageserver-types';
import { NovaConfDocument, parseDocument } from '../document';
import { lineContentEnd } from '../lines';
import type { Entry } from '../model';
import { pyIsSpace } from '../python/whitespace';

export interface FormatOptions {
  tabSize: number;
  insertSpaces: boolean;
}

export interface FormatResult {
  edits: TextEdit[];
  /** Why nothing is formatted although the text is not in shape (the adapter logs it). */
  refused?: string;
}

function rstripEnd(text: string, start: number, end: number): number {
  let e = end;
  while (e > start && pyIsSpace(text.charCodeAt(e - 1))) e--;
  return e;
}

/** Width of leading whitespace, tabs to the next multiple of tabSize. */
function indentWidth(text: string, start: number, end: number, tabSize: number): number {
  let w = 0;
  for (let i = start; i < end; i++) w = text.charCodeAt(i) === 9 ? w + tabSize - (w % tabSize) : w + 1;
  return w;
}

/** The formatted text of each line that changes: line index -> new content (without the line break). */
function formattedLines(doc: NovaConfDocument, options: FormatOptions): Map<number, string> {
  const text = doc.text;
  const starts = doc.ini.lineStarts;
  const tabSize = Math.max(1, Math.min(16, Math.floor(options.tabSize) || 4));
  const unit = options.insertSpaces === false ? '\t' : ' '.repeat(tabSize);
  const lineOf = (offset: number) => doc.positionAt(offset).line;
  const keyLines = new Map<number, Entry>();
  const continuation = new Map<number, string>();
  for (const e of doc.ini.entries) {
    keyLines.set(lineOf(e.keySpan.start), e);
    if (e.lines.length < 2) continue;
    const rows = e.lines.slice(1).map((l) => {
      const li = lineOf(l.start);
      return { li, width: indentWidth(text, starts[li], l.start, tabSize), content: l };
    });
    const min = Math.min(...rows.map((r) => r.width));
    for (const r of rows) continuation.set(r.li, `${unit}${' '.repeat(r.width - min)}${text.slice(r.content.start, r.content.end)}`);
  }
  const out = new Map<number, string>();
  for (let li = 0; li < starts.length; li++) {
    const ls = starts[li];
    const end = lineContentEnd(text, starts, li);
    const old = text.slice(ls, end);
    let next: string;
    const entry = keyLines.get(li);
    if (continuation.has(li)) next = continuation.get(li)!;
    else if (entry && text.charCodeAt(entry.sepSpan.start) === 0x3d /* = */ && lineOf(entry.sepSpan.start) === li) {
      let vs = entry.sepSpan.end;
      const ve = rstripEnd(text, vs, end);
      while (vs < ve && pyIsSpace(text.charCodeAt(vs))) vs++;
      next = `${text.slice(ls, entry.keySpan.end)} =${vs < ve ? ` ${text.slice(vs, ve)}` : ''}`;
    } else next = text.slice(ls, rstripEnd(text, ls, end));
    if (next !== old) out.set(li, next);
  }
  return out;
}

/** What must not change: sections, keys, values before and after substitution, and oslo's parse problems. */
function meaning(doc: NovaConfDocument): string[] {
  return [
    ...doc.ini.sections.map((s) => `[${s.raw}]`),
    ...doc.ini.entries.map((e) => JSON.stringify([e.section?.raw ?? null, e.key, e.quoted, e.raw, e.value])),
    ...doc.ini.problems.map((p) => `problem ${p.code}`),
    ...doc.refProblems.map((p) => `ref ${p.kind} ${p.name}`),
  ];
}

function firstDifference(a: string[], b: string[]): string {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] === b[i]) continue;
    const was = a[i] ?? '(nothing)';
    const now = b[i] ?? '(nothing)';
    return `${was.length > 120 ? `${was.slice(0, 120)}…` : was} would become ${now.length > 120 ? `${now.slice(0, 120)}…` : now}`;
  }
  return 'the parse would differ';
}

/** Formatting edits for the whole document, or for the lines a range touches. */
export function formatDocument(doc: NovaConfDocument, options: FormatOptions, range?: Range): FormatResult {
  if (doc.jinja) return { edits: [], refused: 'Jinja templates are not formatted: whitespace around tags changes what the template renders' };
  if (doc.tooLarge) return { edits: [], refused: 'the document is larger than the analysis limit' };
  let lines = formattedLines(doc, options);
  if (range) {
    const last = range.end.character === 0 && range.end.line > range.start.line ? range.end.line - 1 : range.end.line;
    lines = new Map([...lines].filter(([li]) => li >= range.start.line && li <= last));
  }
  if (lines.size === 0) return { edits: [] };
  const text = doc.text;
  const starts = doc.ini.lineStarts;
  let after = '';
  let pos = 0;
  const edits: TextEdit[] = [];
  for (const [li, content] of lines) {
    const ls = starts[li];
    const end = lineContentEnd(text, starts, li);
    after += text.slice(pos, ls) + content;
    pos = end;
    edits.push({ range: { start: doc.positionAt(ls), end: doc.positionAt(end) }, newText: content });
  }
  after += text.slice(pos);
  const changes = meaningChange(doc, after);
  return changes ? { edits: [], refused: `formatting would change what Nova reads (${changes}), so nothing was changed` } : { edits };
}

/** What would read differently if the document's text became `after` (undefined: nothing). */
export function meaningChange(doc: NovaConfDocument, after: string): string | undefined {
  const before = meaning(doc);
  const now = meaning(parseDocument(after, doc.uri, doc.version, doc.release));
  return before.length !== now.length || before.some((m, i) => m !== now[i]) ? firstDifference(before, now) : undefined;
}
