/**
 * One cursor-context query shared by completion and hover: what is at (doc,
 * position)? A comment, a section header, an option key, a plain or list value,
 * a `$name` reference, or a place inside a device_spec/alias JSON value.
 *
 * JSON is read with jsonc-parser's scanner over the option's effective value,
 * so unfinished input (`{"vendor_id": "80`) still yields a useful answer. All
 * spans in the result are document offsets.
 */
import { createScanner } from 'jsonc-parser';
import type { Position } from 'vscode-languageserver-types';
import type { NovaConfDocument, ResolvedEntry } from './document';
import type { Entry, JsonKind, JsonValue, Section, Span, ValueMap, ValueRef } from './model';
import type { OptionInfo } from './catalog/options';
import { lineContentEnd } from './lines';
import { splitListPieces } from './oslo/list';

export type QueryMode = 'completion' | 'hover';

export type Query =
  | { kind: 'none' }
  | { kind: 'comment' }
  | SectionQuery
  | KeyQuery
  | ValueQuery;

export interface SectionQuery {
  kind: 'section';
  /** Text between `[` and the cursor. */
  partial: string;
  /** The whole name as written (for hover). */
  name: string;
  /** From after `[` to before `]` (or the end of the line). */
  replace: Span;
  /** True when the header already has its `]`. */
  closed: boolean;
  section?: Section;
}

export interface KeyQuery {
  kind: 'key';
  section?: Section;
  /** The entry whose key the cursor is on; undefined on a line still being typed. */
  entry?: Entry;
  resolved?: ResolvedEntry;
  /** Key text from its start to the cursor. */
  partial: string;
  /** The whole key word as written. */
  word: string;
  replace: Span;
  /** True when the line already has a `=` or `:` after the key. */
  hasSeparator: boolean;
}

export interface ValueQuery {
  kind: 'value';
  entry: Entry;
  resolved?: ResolvedEntry;
  option?: OptionInfo;
  value: PlainValue | ListValue | RefValue | JsonQuery;
}

export interface PlainValue {
  type: 'plain';
  /** Value text (first line) from its start to the cursor. */
  partial: string;
  text: string;
  replace: Span;
}

export interface ListValue {
  type: 'list';
  /** The item under the cursor, from its start to the cursor. */
  partial: string;
  /** The whole item under the cursor. */
  item: string;
  /** The other items of the list. */
  others: string[];
  replace: Span;
  /** True when the cursor directly follows a comma (an inserted item needs a leading space). */
  afterComma: boolean;
}

export interface RefValue {
  type: 'ref';
  ref: ValueRef;
}

export type JsonObjectKind = 'spec' | 'address' | 'alias' | 'other';

export interface JsonScalar {
  /** Decoded string value, or the literal's source text. */
  text: string;
  isString: boolean;
  /** Value offsets of the token. */
  start: number;
  end: number;
}

export interface JsonObjectInfo {
  kind: JsonObjectKind;
  /** Keys in order of appearance, with the value offset of each key token. */
  keys: { key: string; start: number }[];
  /** Scalar property values, last one wins (as in Python). */
  values: Map<string, JsonScalar>;
}

export type JsonPlace =
  /** On a property key (a token), or in an empty slot where a key is expected (no token). */
  | { at: 'key'; object: JsonObjectInfo; partial: string; key?: string; token?: Span; tokenStart?: number; quoted: boolean; hasColon: boolean; needsComma: boolean; replace: Span }
  /** On the value of `key` (a token), or in the empty slot after `"key":` (no token). */
  | { at: 'value'; object: JsonObjectInfo; key: string; partial: string; value?: JsonScalar; token?: Span; quoted: boolean; replace: Span }
  /** Where a whole entry (an object) is expected: an empty option value, or a slot of a top-level list. */
  | { at: 'item'; topLevel: boolean; partial: string; replace: Span }
  | { at: 'none' };

export interface JsonQuery {
  type: 'json';
  kind: JsonKind;
  jv?: JsonValue;
  /** The text that was scanned (the option's effective value). */
  text: string;
  place: JsonPlace;
}

const NONE: Query = { kind: 'none' };

export function queryAt(doc: NovaConfDocument, position: Position, mode: QueryMode): Query {
  const offset = doc.offsetAt(position);
  const { text, ini } = doc;
  const line = Math.max(0, Math.min(position.line, ini.lineStarts.length - 1));
  const ls = ini.lineStarts[line];
  const le = lineContentEnd(text, ini.lineStarts, line);
  const first = text.charCodeAt(ls);

  // Full-line comments (only at column 0: an indented "#" line continues a value).
  if ((first === 0x23 || first === 0x3b) && ls < le) return { kind: 'comment' };

  if (first === 0x5b /* [ */) {
    if (offset <= ls) return NONE;
    const close = text.indexOf(']', ls);
    const closed = close >= 0 && close < le;
    const nameEnd = closed ? close : le;
    if (offset > nameEnd) return NONE;
    return {
      kind: 'section',
      partial: text.slice(ls + 1, offset),
      name: text.slice(ls + 1, nameEnd).trim(),
      replace: { start: ls + 1, end: nameEnd },
      closed,
      section: doc.ini.sections.find((s) => s.header.start === ls),
    };
  }

  const entry = doc.entryAt(offset);
  if (entry) {
    const resolved = doc.resolved.get(entry);
    if (offset <= entry.sepSpan.start && line === doc.positionAt(entry.keySpan.start).line) {
      if (offset < entry.keySpan.start) return NONE;
      if (offset > entry.keySpan.end || (mode === 'hover' && offset === entry.keySpan.end)) return NONE;
      return {
        kind: 'key',
        section: entry.section,
        entry,
        resolved,
        partial: text.slice(entry.keySpan.start, Math.min(offset, entry.keySpan.end)),
        word: entry.key,
        replace: entry.keySpan,
        hasSeparator: true,
      };
    }
    return valueQuery(doc, entry, resolved, offset, line, mode);
  }

  // A line still being typed: no entry on it.
  const lineText = text.slice(ls, le);
  if (lineText.trim() === '') {
    if (offset > ls && /^[ \t]/.test(lineText)) {
      // An indented blank line right after a JSON value: the user is about to continue it.
      const prev = line > 0 ? doc.entryAt(ini.lineStarts[line - 1]) : undefined;
      if (prev) {
        const resolved = doc.resolved.get(prev);
        const kind = jsonKindOf(resolved);
        if (kind) {
          const vtext = prev.value + '\n';
          const json = jsonQuery(doc, prev, kind, vtext, vtext.length, offset, prev.map, mode);
          return { kind: 'value', entry: prev, resolved, option: resolved?.option, value: json };
        }
      }
      return NONE;
    }
    return { kind: 'key', section: sectionAt(doc, offset), partial: '', word: '', replace: { start: offset, end: offset }, hasSeparator: false };
  }
  if (first === 0x20 || first === 0x09) return NONE;
  const word = /^[^\s=:]*/.exec(lineText)?.[0] ?? '';
  if (offset > ls + word.length) return NONE;
  return {
    kind: 'key',
    section: sectionAt(doc, offset),
    partial: text.slice(ls, offset),
    word,
    replace: { start: ls, end: ls + word.length },
    hasSeparator: false,
  };
}

/** The section the offset is in: the last header that starts before it. */
export function sectionAt(doc: NovaConfDocument, offset: number): Section | undefined {
  let found: Section | undefined;
  for (const s of doc.ini.sections) {
    if (s.header.start <= offset) found = s;
    else break;
  }
  return found;
}


function jsonKindOf(r: ResolvedEntry | undefined): JsonKind | undefined {
  if (!r?.option) return undefined;
  const id = `${r.option.group}.${r.option.name}`;
  return id === 'pci.device_spec' ? 'device_spec' : id === 'pci.alias' ? 'alias' : undefined;
}

/** Document offset -> offset in the value text for a cursor on `line` (clamped into that line's content). */
function valueOffset(doc: NovaConfDocument, entry: Entry, offset: number, line: number, map: ValueMap): number {
  for (const l of entry.lines) {
    if (doc.positionAt(l.start).line !== line) continue;
    const clamped = Math.max(l.start, Math.min(offset, l.end));
    return map.fromDoc(clamped);
  }
  return -1;
}

/** The part of `span` on the line of `offset` (an item of a list continued over lines can cross a line break). */
function clipToLine(doc: NovaConfDocument, span: Span, offset: number): Span {
  const line = doc.positionAt(offset).line;
  const ls = doc.ini.lineStarts[line];
  const end = Math.min(span.end, lineContentEnd(doc.text, doc.ini.lineStarts, line));
  return { start: Math.max(span.start, ls), end: Math.max(end, offset) };
}

/** The value text on `line` when the offset is after its end (and it is not empty). */
function pastValueOnLine(doc: NovaConfDocument, entry: Entry, offset: number, line: number): Span | undefined {
  for (const l of entry.lines) {
    if (l.end > l.start && offset > l.end && doc.positionAt(l.start).line === line) return l;
  }
  return undefined;
}

function valueQuery(doc: NovaConfDocument, entry: Entry, resolved: ResolvedEntry | undefined, offset: number, line: number, mode: QueryMode): Query {
  const option = resolved?.option;
  const ref = entry.refs.find((r) => offset >= r.span.start && (mode === 'hover' ? offset < r.span.end : offset <= r.span.end));
  if (ref) return { kind: 'value', entry, resolved, option, value: { type: 'ref', ref } };

  const kind = jsonKindOf(resolved);
  const beforeValue = offset < entry.valueSpan.start && entry.valueSpan.end > entry.valueSpan.start;
  if (kind) {
    if (beforeValue) return NONE;
    // Scan the effective value; fall back to the value as written when the cursor is
    // inside a substituted `$name`.
    let text = entry.value;
    let map = entry.map;
    let c = valueOffset(doc, entry, offset, line, map);
    if (c < 0) {
      text = entry.raw;
      map = entry.rawMap;
      c = valueOffset(doc, entry, offset, line, map);
    }
    if (c < 0) return NONE;
    const json = jsonQuery(doc, entry, kind, text, c, offset, map, mode);
    return { kind: 'value', entry, resolved, option, value: json };
  }

  // Completion after a value, in the whitespace (or closing quote) that ends its line: the value is complete and
  // nothing may follow it on the line, so there is nothing to offer; an edit range for the value would not contain
  // the cursor, which LSP forbids (and a trigger-character space would otherwise pop a list up there).
  // A list whose text on this line ends in a comma is waiting for its next item.
  const past = mode === 'completion' ? pastValueOnLine(doc, entry, offset, line) : undefined;
  if (past && !(option?.type === 'list' && doc.text.charCodeAt(past.end - 1) === 0x2c)) return NONE;
  const c = valueOffset(doc, entry, offset, line, entry.rawMap);
  if (c < 0) return NONE;
  const raw = entry.raw;
  if (option && option.type === 'list') {
    if (beforeValue) return NONE;
    // oslo's ListOpt split: [a, b) is the segment, [ta, tb) the stripped item.
    const segs = splitListPieces(raw).map((p) => ({ a: p.start, b: p.end, ta: p.itemStart, tb: p.itemEnd }));
    const cur = segs.find((s) => c >= s.a && c <= s.b) ?? segs[segs.length - 1];
    const others = segs.filter((s) => s !== cur && s.tb > s.ta).map((s) => raw.slice(s.ta, s.tb));
    const inItem = c >= cur.ta && c <= cur.tb && cur.tb > cur.ta;
    const replace = inItem ? clipToLine(doc, entry.rawMap.spanToDoc(cur.ta, cur.tb), offset) : { start: offset, end: offset };
    return {
      kind: 'value',
      entry,
      resolved,
      option,
      value: {
        type: 'list',
        partial: inItem ? raw.slice(cur.ta, c) : '',
        item: inItem ? raw.slice(cur.ta, cur.tb) : '',
        others,
        replace,
        afterComma: !inItem && doc.text[offset - 1] === ',',
      },
    };
  }
  // The edit replaces the value; for a value continued over several lines, only its text on the cursor's line
  // (a completion edit is one line long).
  let vs: Span = entry.valueSpan;
  if (entry.lines.length > 1) vs = entry.lines.find((l) => doc.positionAt(l.start).line === line) ?? { start: offset, end: offset };
  const replace = vs.end > vs.start ? { start: Math.min(offset, vs.start), end: Math.max(offset, vs.end) } : { start: offset, end: offset };
  return { kind: 'value', entry, resolved, option, value: { type: 'plain', partial: raw.slice(0, c), text: raw, replace } };
}

// jsonc-parser's SyntaxKind values (a const enum, which isolated modules cannot import).
const T_OPEN_BRACE = 1;
const T_CLOSE_BRACE = 2;
const T_OPEN_BRACKET = 3;
const T_CLOSE_BRACKET = 4;
const T_COMMA = 5;
const T_COLON = 6;
const T_NULL = 7;
const T_TRUE = 8;
const T_FALSE = 9;
const T_STRING = 10;
const T_NUMBER = 11;
const T_LINE_COMMENT = 12;
const T_BLOCK_COMMENT = 13;
const T_LINE_BREAK = 14;
const T_TRIVIA = 15;
const T_EOF = 17;
const SCAN_UNEXPECTED_END_OF_STRING = 2;

interface Frame {
  type: 'object' | 'array';
  parent?: Frame;
  expect: 'key' | 'colon' | 'value' | 'comma';
  currentKey?: string;
  info: JsonObjectInfo;
}

/**
 * Scans the value text once, keeping a stack of open objects/arrays, and
 * records what the cursor (value offset `c`) is on or between.
 */
function jsonQuery(doc: NovaConfDocument, entry: Entry, kind: JsonKind, text: string, c: number, docOffset: number, map: ValueMap, mode: QueryMode): JsonQuery {
  const jv = doc.jsonOf(entry);
  const toDoc = (a: number, b: number): Span => ({ start: map.toDoc(a), end: map.toDoc(b) });
  const here: Span = { start: docOffset, end: docOffset };
  const sc = createScanner(text, false);
  let frame: Frame | undefined;
  let topDone = false;
  let place: JsonPlace | undefined;
  let keyPlaceAwaitingColon: Extract<JsonPlace, { at: 'key' }> | undefined;

  const objectKind = (parent: Frame | undefined): JsonObjectKind => {
    if (!parent) return kind === 'alias' ? 'alias' : 'spec';
    if (parent.type === 'array' && !parent.parent) return kind === 'device_spec' ? 'spec' : 'other';
    if (parent.type === 'object' && parent.info.kind === 'spec' && parent.currentKey === 'address') return 'address';
    return 'other';
  };
  const slot = (): JsonPlace => {
    if (!frame) return topDone ? { at: 'none' } : { at: 'item', topLevel: true, partial: '', replace: here };
    if (frame.type === 'array') {
      return frame.expect === 'value' && !frame.parent ? { at: 'item', topLevel: false, partial: '', replace: here } : { at: 'none' };
    }
    if (frame.expect === 'key' || frame.expect === 'comma') {
      return { at: 'key', object: frame.info, partial: '', quoted: false, hasColon: false, needsComma: frame.expect === 'comma', replace: here };
    }
    if (frame.expect === 'value' && frame.currentKey !== undefined) {
      return { at: 'value', object: frame.info, key: frame.currentKey, partial: '', quoted: false, replace: here };
    }
    return { at: 'none' };
  };
  const afterValue = () => {
    if (frame) frame.expect = 'comma';
    else topDone = true;
  };

  for (;;) {
    const tk = sc.scan();
    const s = sc.getTokenOffset();
    const e = s + sc.getTokenLength();
    if (tk === T_TRIVIA || tk === T_LINE_BREAK || tk === T_LINE_COMMENT || tk === T_BLOCK_COMMENT) continue;
    if (keyPlaceAwaitingColon) {
      keyPlaceAwaitingColon.hasColon = tk === T_COLON;
      keyPlaceAwaitingColon = undefined;
    }
    const isWord = tk === T_STRING || tk === T_NUMBER || tk === T_NULL || tk === T_TRUE || tk === T_FALSE || (tk !== T_EOF && tk > T_COLON);
    if (!place) {
      let inToken = false;
      if (isWord) {
        const closedString = tk === T_STRING && e - s >= 2 && text[e - 1] === '"' && sc.getTokenError() !== SCAN_UNEXPECTED_END_OF_STRING;
        inToken = mode === 'hover' ? c >= s && c < e : c > s && (c < e || (c === e && !closedString));
      }
      if (inToken) {
        const tokenText = text.slice(s, e);
        const dq = tk === T_STRING;
        const sq = !dq && tokenText.startsWith("'");
        const contentStart = dq || sq ? s + 1 : s;
        const decoded = dq ? sc.getTokenValue() : sq ? tokenText.slice(1).replace(/'$/, '') : tokenText;
        const partial = text.slice(contentStart, Math.max(contentStart, c));
        const replace = dq ? toDoc(s + 1, e) : toDoc(s, e);
        const token = toDoc(s, e);
        if (frame?.type === 'object' && (frame.expect === 'key' || frame.expect === 'comma')) {
          const p: Extract<JsonPlace, { at: 'key' }> = { at: 'key', object: frame.info, partial, key: decoded, token, tokenStart: s, quoted: dq, hasColon: false, needsComma: frame.expect === 'comma', replace };
          place = p;
          keyPlaceAwaitingColon = p;
        } else if (frame?.type === 'object' && frame.currentKey !== undefined) {
          place = { at: 'value', object: frame.info, key: frame.currentKey, partial, value: { text: decoded, isString: dq, start: s, end: e }, token, quoted: dq, replace };
        } else if (!frame && !topDone) {
          place = { at: 'item', topLevel: true, partial, replace: toDoc(s, e) };
        } else {
          place = { at: 'none' };
        }
      } else if (c <= s || tk === T_EOF) {
        place = slot();
      }
    }
    if (tk === T_EOF) break;

    switch (tk) {
      case T_OPEN_BRACE: {
        const info: JsonObjectInfo = { kind: objectKind(frame), keys: [], values: new Map() };
        frame = { type: 'object', parent: frame, expect: 'key', info };
        break;
      }
      case T_OPEN_BRACKET:
        frame = { type: 'array', parent: frame, expect: 'value', info: { kind: 'other', keys: [], values: new Map() } };
        break;
      case T_CLOSE_BRACE:
      case T_CLOSE_BRACKET: {
        const want = tk === T_CLOSE_BRACE ? 'object' : 'array';
        let f = frame;
        while (f && f.type !== want) f = f.parent;
        if (f) {
          frame = f.parent;
          afterValue();
        }
        break;
      }
      case T_COMMA:
        if (frame) {
          frame.expect = frame.type === 'object' ? 'key' : 'value';
          frame.currentKey = undefined;
        }
        break;
      case T_COLON:
        if (frame?.type === 'object') frame.expect = 'value';
        break;
      default: {
        // A string, number, literal or unknown word.
        const tokenText = text.slice(s, e);
        const decoded = tk === T_STRING ? sc.getTokenValue() : tokenText.startsWith("'") ? tokenText.slice(1).replace(/'$/, '') : tokenText;
        if (frame?.type === 'object' && (frame.expect === 'key' || frame.expect === 'comma')) {
          frame.info.keys.push({ key: decoded, start: s });
          frame.currentKey = decoded;
          frame.expect = 'colon';
        } else {
          if (frame?.type === 'object' && frame.currentKey !== undefined) {
            frame.info.values.set(frame.currentKey, { text: decoded, isString: tk === T_STRING, start: s, end: e });
          }
          afterValue();
        }
      }
    }
  }
  return { type: 'json', kind, jv, text, place: place ?? { at: 'none' } };
}
