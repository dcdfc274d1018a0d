/** Fixes for JSON that Python's json.loads refuses, and for lines oslo.config cannot read. */
import { entryLastLine, jsonValueAt, lineOf, lineStart, lineText, moveCommentAboveFix, valueDocSpan } from '../edits';
import { Fix, FixInput, OffsetEdit, str } from '../fix-types';
import type { SyntaxData } from './data';

/**
 * Single-quoted strings of a value, outside double-quoted ones, in value offsets; `complete` is false when
 * the scan stopped early (a string not closed on its line, or quotes that do not pair the way JSON would).
 */
export function singleQuotedStrings(value: string): { strings: { start: number; end: number }[]; complete: boolean } {
  const out: { start: number; end: number }[] = [];
  let complete = true;
  let i = 0;
  while (i < value.length) {
    const c = value[i];
    if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < value.length && value[j] !== c && value[j] !== '\n') j += value[j] === '\\' ? 2 : 1;
      if (j >= value.length || value[j] !== c) {
        complete = false; // not closed on this line: leave the rest alone
        break;
      }
      // A string must be followed by what JSON allows after one (`:`, `,`, `}`, `]`, the end). Otherwise
      // (`'''`, `'it's'`, `''"`) the quotes do not pair the way a reader would guess: converting them would
      // leave the value broken, so the rest is left alone.
      let k = j + 1;
      while (k < value.length && (value[k] === ' ' || value[k] === '\t' || value[k] === '\r' || value[k] === '\n')) k++;
      if (k < value.length && !':,}]#'.includes(value[k])) {
        complete = false;
        break;
      }
      if (c === "'") out.push({ start: i, end: j + 1 });
      i = j + 1;
      continue;
    }
    if (c === '#') {
      // An inline comment: stop at the end of its line.
      const nl = value.indexOf('\n', i);
      if (nl < 0) break;
      i = nl;
      continue;
    }
    i++;
  }
  return { strings: out, complete };
}

/** 'it\'s "x"' -> "it's \"x\"" */
function toDoubleQuoted(token: string): string {
  const inner = token.slice(1, -1);
  let out = '';
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i];
    if (c === '\\' && i + 1 < inner.length) {
      const n = inner[i + 1];
      out += n === "'" ? "'" : c + n;
      i++;
    } else if (c === '"') out += '\\"';
    else out += c;
  }
  return `"${out}"`;
}

export function jsonFixes(input: FixInput<SyntaxData['json-invalid']>): Fix[] {
  const { doc, data } = input;
  const jv = jsonValueAt(doc, input.start);
  if (!jv?.error) return [];
  const e = jv.entry;
  const vs = Number(data.valueStart);
  const ve = Number(data.valueEnd);
  if (!Number.isInteger(vs) || !Number.isInteger(ve) || vs < 0 || ve > e.value.length || vs > ve) return [];
  // The diagnostic must describe this version of the value.
  if (jv.error.data?.valueStart !== vs || jv.error.data?.kind !== data.kind) return [];
  const value = e.value;
  const replaceValue = (a: number, b: number, text: string): OffsetEdit | undefined => {
    const span = valueDocSpan(e, a, b, doc);
    return span ? { start: span.start, end: span.end, text } : undefined;
  };
  const token = value.slice(vs, ve);
  switch (str(data.kind)) {
    case 'single-quotes': {
      const { strings: all, complete } = singleQuotedStrings(value);
      const edits = all.map((t) => replaceValue(t.start, t.end, toDoubleQuoted(value.slice(t.start, t.end))));
      const here = all.find((t) => t.start === vs);
      const fixes: Fix[] = [];
      if (here) {
        const one = replaceValue(here.start, here.end, toDoubleQuoted(value.slice(here.start, here.end)));
        // Preferred only when it is the whole repair: with quotes left that cannot be converted, fix-all must not
        // present a value that is still broken as fixed.
        if (one) fixes.push({ title: `Use double quotes: ${toDoubleQuoted(token)}`, edits: [one], preferred: all.length === 1 && complete });
      }
      if (all.length > 1 && complete && edits.every((x): x is OffsetEdit => x !== undefined)) {
        fixes.push({ title: `Use double quotes for all ${all.length} single-quoted strings of this ${jv.kind}`, edits: edits as OffsetEdit[], preferred: true });
      }
      return fixes;
    }
    case 'python-literal': {
      const rep = str(data.replacement);
      if (!rep || !['True', 'False', 'None'].includes(token)) return [];
      const ed = replaceValue(vs, ve, rep);
      return ed ? [{ title: `Write ${token} as JSON ${rep}`, edits: [ed], preferred: true }] : [];
    }
    case 'trailing-comma': {
      if (token !== ',') return [];
      const ed = replaceValue(vs, ve, '');
      return ed ? [{ title: 'Remove the trailing comma', edits: [ed], preferred: true }] : [];
    }
    case 'unquoted-key': {
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(token)) return [];
      const ed = replaceValue(vs, ve, `"${token}"`);
      return ed ? [{ title: `Quote the key: "${token}"`, edits: [ed], preferred: true }] : [];
    }
    case 'inline-comment': {
      const comment = token.trimEnd();
      if (!comment.startsWith('#') || comment.includes('\n')) return [];
      const span = valueDocSpan(e, vs, vs + comment.length, doc);
      return span ? [moveCommentAboveFix(doc, e, span.start, span.end, comment)] : [];
    }
    default:
      return [];
  }
}

/** A closing bracket at column 0 ends the value above it; indenting makes it a continuation line. */
export function noSeparatorFixes(input: FixInput<NonNullable<SyntaxData['ini-no-separator']>>): Fix[] {
  const { doc, data } = input;
  if (data.bom === true) return bomFixes(input);
  const line = lineOf(doc, input.start);
  const text = lineText(doc, line);
  if (!/^[\]}][\]}\s,]*$/.test(text)) return [];
  const above = line > 0 ? doc.entryAt(lineStart(doc, line - 1)) : undefined;
  const prev = above && entryLastLine(doc, above) === line - 1 ? above : undefined;
  if (!prev) return [];
  let indent = '    ';
  if (prev.lines.length > 1) {
    const l2 = lineOf(doc, prev.lines[1].start);
    const m = /^[ \t]+/.exec(lineText(doc, l2));
    if (m) indent = m[0];
  }
  const at = lineStart(doc, line);
  return [{ title: `Indent "${text.trim()}" so it continues the value of ${prev.key}`, edits: [{ start: at, end: at, text: indent }], preferred: true }];
}

export function bomFixes(input: FixInput<SyntaxData['ini-bom']>): Fix[] {
  if (input.doc.text.charCodeAt(0) !== 0xfeff) return [];
  return [{ title: 'Remove the byte order mark', edits: [{ start: 0, end: 1, text: '' }], preferred: true }];
}

/** `${DEFAULT.my_ip}` -> `$my_ip`, offered only when the check found that the bare name reaches the same option. */
export function defaultGroupFixes(input: FixInput<SyntaxData['substitution-default-group']>): Fix[] {
  const rep = str(input.data.replacement);
  if (!rep || !/^\$[A-Za-z_][A-Za-z0-9_]*$/.test(rep)) return [];
  const old = input.doc.text.slice(input.start, input.end);
  if (!/^\$\{DEFAULT\.[A-Za-z_][A-Za-z0-9_]*\}$/.test(old)) return [];
  return [{ title: `Write ${rep} instead of ${old}`, edits: [{ start: input.start, end: input.end, text: rep }], preferred: true }];
}
