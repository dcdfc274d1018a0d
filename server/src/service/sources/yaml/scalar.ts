/**
 * YAML scalars with a source offset for every character of their value, and the
 * reverse: text re-encoded for a scalar's style (for quick fixes).
 *
 * The `yaml` package gives each scalar's value and the range of its source, but
 * not where each value character came from. This module decodes the source
 * again (plain, single- and double-quoted with escapes and line folding, block
 * literal and folded with indentation indicators and chomping) and keeps the
 * offsets. The result is checked against the library's value: when they differ
 * (a corner of the YAML spec this decoder does not follow), every character maps
 * to the scalar's whole range instead, so a position is never wrong, only wider.
 */
import { Scalar } from 'yaml';

export type ScalarStyle = 'PLAIN' | 'QUOTE_SINGLE' | 'QUOTE_DOUBLE' | 'BLOCK_LITERAL' | 'BLOCK_FOLDED';

export interface MappedScalar {
  /** The scalar's value as a string (what a renderer prints for a string). */
  value: string;
  style: ScalarStyle;
  /** Source range of the whole scalar (quotes and block header included). */
  start: number;
  end: number;
  /**
   * offsets[i] = source offset where value character i starts; offsets[value.length] = where
   * the content ends. Non-decreasing. Undefined when the decoder could not reproduce the value.
   */
  offsets?: number[];
  /** For block scalars: the indentation of the content lines. */
  indent?: string;
}

const HEX = /^[0-9a-fA-F]+$/;
const ESCAPES: Record<string, string> = {
  '0': '\0', a: '\x07', b: '\b', t: '\t', '\t': '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b', ' ': ' ',
  '"': '"', '/': '/', '\\': '\\', N: '\u0085', _: '\u00a0', L: '\u2028', P: '\u2029',
};
const HEX_LEN: Record<string, number> = { x: 2, u: 4, U: 8 };

class Out {
  value = '';
  offsets: number[] = [];
  push(s: string, at: number): void {
    for (let i = 0; i < s.length; i++) this.offsets.push(at);
    this.value += s;
  }
  char(src: string, at: number): void {
    this.offsets.push(at);
    this.value += src[at];
  }
  /** Removes trailing characters in `chars` (for whitespace before a fold). */
  trimEnd(chars: string, floor: number): void {
    while (this.value.length > floor && chars.includes(this.value[this.value.length - 1])) {
      this.value = this.value.slice(0, -1);
      this.offsets.pop();
    }
  }
}

function isBreak(c: string | undefined): boolean {
  return c === '\n' || c === '\r';
}

/** Skips one line break (\n, \r\n or \r) at i; returns the offset after it. */
function skipBreak(src: string, i: number): number {
  if (src[i] === '\r' && src[i + 1] === '\n') return i + 2;
  return i + 1;
}

/**
 * Folds a line break inside a flow scalar (plain or quoted) starting at `i` (on the break):
 * empty lines become newlines, a lone break a space. Returns the offset of the next content.
 */
function fold(src: string, i: number, end: number, out: Out, floor: number): number {
  out.trimEnd(' \t', floor);
  const at = i;
  i = skipBreak(src, i);
  let newlines = 0;
  for (;;) {
    let j = i;
    while (j < end && (src[j] === ' ' || src[j] === '\t')) j++;
    if (j < end && isBreak(src[j])) {
      newlines++;
      i = skipBreak(src, j);
      continue;
    }
    i = j;
    break;
  }
  out.push(newlines === 0 ? ' ' : '\n'.repeat(newlines), at);
  return i;
}

function decodePlain(src: string, start: number, end: number): Out {
  const out = new Out();
  let i = start;
  while (i < end) {
    if (isBreak(src[i])) i = fold(src, i, end, out, 0);
    else out.char(src, i++);
  }
  out.trimEnd(' \t', 0);
  return out;
}

function decodeSingle(src: string, start: number, end: number): Out {
  const out = new Out();
  let i = start + 1;
  const stop = end - 1;
  while (i < stop) {
    const c = src[i];
    if (c === "'" && src[i + 1] === "'") {
      out.push("'", i);
      i += 2;
    } else if (isBreak(c)) i = fold(src, i, stop, out, 0);
    else out.char(src, i++);
  }
  return out;
}

function decodeDouble(src: string, start: number, end: number): Out | undefined {
  const out = new Out();
  let i = start + 1;
  const stop = end - 1;
  let floor = 0; // characters before `floor` came from escapes and are never trimmed by a fold
  while (i < stop) {
    const c = src[i];
    if (c === '\\') {
      const e = src[i + 1];
      if (isBreak(e)) {
        // An escaped line break: the break and the next line's leading blanks disappear.
        i = skipBreak(src, i + 1);
        while (i < stop && (src[i] === ' ' || src[i] === '\t')) i++;
        floor = out.value.length;
        continue;
      }
      if (e in HEX_LEN) {
        const hex = src.slice(i + 2, i + 2 + HEX_LEN[e]);
        if (hex.length !== HEX_LEN[e] || !HEX.test(hex)) return undefined;
        out.push(String.fromCodePoint(parseInt(hex, 16)), i);
        i += 2 + HEX_LEN[e];
      } else if (e in ESCAPES) {
        out.push(ESCAPES[e], i);
        i += 2;
      } else return undefined;
      floor = out.value.length;
    } else if (isBreak(c)) {
      i = fold(src, i, stop, out, floor);
    } else out.char(src, i++);
  }
  return out;
}

interface BlockHeader {
  folded: boolean;
  chomp: 'clip' | 'strip' | 'keep';
  explicit?: number;
  /** Offset of the first content line. */
  body: number;
}

function readHeader(src: string, start: number, end: number): BlockHeader | undefined {
  const folded = src[start] === '>';
  if (!folded && src[start] !== '|') return undefined;
  let i = start + 1;
  let chomp: BlockHeader['chomp'] = 'clip';
  let explicit: number | undefined;
  for (let k = 0; k < 2 && i < end; k++) {
    const c = src[i];
    if (c === '-' || c === '+') {
      chomp = c === '-' ? 'strip' : 'keep';
      i++;
    } else if (c >= '1' && c <= '9') {
      explicit = Number(c);
      i++;
    }
  }
  while (i < end && !isBreak(src[i])) i++; // spaces and a comment
  return { folded, chomp, explicit, body: i < end ? skipBreak(src, i) : end };
}

interface BlockLine {
  /** Offset of the line start, content start (after indentation) and line end (before the break). */
  start: number;
  content: number;
  lineEnd: number;
  empty: boolean;
  /** Starts with a blank after the indentation (a "more indented" line in a folded scalar). */
  more: boolean;
}

function blockLines(src: string, body: number, end: number, indent: number): BlockLine[] | undefined {
  const lines: BlockLine[] = [];
  let i = body;
  while (i < end) {
    let lineEnd = i;
    while (lineEnd < end && !isBreak(src[lineEnd])) lineEnd++;
    let sp = i;
    while (sp < lineEnd && src[sp] === ' ') sp++;
    const blank = sp === lineEnd || (src.slice(sp, lineEnd).trim() === '' && sp - i < indent);
    if (blank && sp - i <= indent) {
      lines.push({ start: i, content: lineEnd, lineEnd, empty: true, more: false });
    } else {
      if (sp - i < indent) return undefined;
      const content = i + indent;
      lines.push({ start: i, content, lineEnd, empty: false, more: src[content] === ' ' || src[content] === '\t' });
    }
    i = lineEnd < end ? skipBreak(src, lineEnd) : end;
  }
  return lines;
}

function decodeBlock(src: string, end: number, h: BlockHeader, indent: number): Out | undefined {
  const lines = blockLines(src, h.body, end, indent);
  if (!lines) return undefined;
  const out = new Out();
  let last = -1;
  for (let k = 0; k < lines.length; k++) if (!lines[k].empty) last = k;
  let prevContent: BlockLine | undefined;
  let pendingBreak: number | undefined; // offset of the break after the previous content line
  let emptyRun: number[] = [];
  const flush = (next: BlockLine | undefined): void => {
    if (pendingBreak === undefined) {
      for (const e of emptyRun) out.push('\n', e);
      emptyRun = [];
      return;
    }
    const foldable = h.folded && next && !next.more && prevContent && !prevContent.more;
    if (foldable && emptyRun.length === 0) out.push(' ', pendingBreak);
    else {
      if (!foldable) out.push('\n', pendingBreak);
      for (const e of emptyRun) out.push('\n', e);
    }
    pendingBreak = undefined;
    emptyRun = [];
  };
  for (let k = 0; k <= last; k++) {
    const l = lines[k];
    if (l.empty) {
      emptyRun.push(l.lineEnd);
      continue;
    }
    flush(l);
    for (let p = l.content; p < l.lineEnd; p++) out.char(src, p);
    prevContent = l;
    pendingBreak = l.lineEnd;
  }
  // Chomping: the final break and trailing empty lines.
  if (last >= 0 && h.chomp !== 'strip' && pendingBreak !== undefined && lines[last].lineEnd < end) out.push('\n', pendingBreak);
  if (h.chomp === 'keep') {
    for (let k = last + 1; k < lines.length; k++) {
      if (lines[k].lineEnd < end || k < lines.length - 1) out.push('\n', lines[k].lineEnd);
    }
  }
  return out;
}

function candidateIndents(src: string, h: BlockHeader, end: number): number[] {
  let i = h.body;
  let auto = 0;
  while (i < end) {
    let sp = i;
    while (sp < end && src[sp] === ' ') sp++;
    if (sp < end && !isBreak(src[sp])) {
      auto = sp - i;
      break;
    }
    while (sp < end && !isBreak(src[sp])) sp++;
    i = sp < end ? skipBreak(src, sp) : end;
  }
  if (h.explicit === undefined) return [auto];
  const c: number[] = [];
  for (let parent = 0; parent <= auto; parent++) c.push(parent + h.explicit);
  return c;
}

/** Maps a `yaml` Scalar node to its value with per-character source offsets. */
export function mapScalar(src: string, node: Scalar): MappedScalar | undefined {
  const range = node.range;
  if (!range) return undefined;
  const [start, valueEnd] = range;
  const style = (node.type ?? 'PLAIN') as ScalarStyle;
  const value = typeof node.value === 'string' ? node.value : node.value === null ? '' : String(node.value);
  const base: MappedScalar = { value, style, start, end: valueEnd };
  let out: Out | undefined;
  let indent: number | undefined;
  switch (style) {
    case 'PLAIN':
      out = decodePlain(src, start, valueEnd);
      break;
    case 'QUOTE_SINGLE':
      out = decodeSingle(src, start, valueEnd);
      break;
    case 'QUOTE_DOUBLE':
      out = decodeDouble(src, start, valueEnd);
      break;
    case 'BLOCK_LITERAL':
    case 'BLOCK_FOLDED': {
      const h = readHeader(src, start, valueEnd);
      if (!h) break;
      for (const n of candidateIndents(src, h, valueEnd)) {
        const o = decodeBlock(src, valueEnd, h, n);
        if (o && o.value === value) {
          out = o;
          indent = n;
          break;
        }
      }
      break;
    }
  }
  if (typeof node.value !== 'string' || !out || out.value !== value) return base;
  let contentEnd = valueEnd;
  if (style === 'QUOTE_SINGLE' || style === 'QUOTE_DOUBLE') contentEnd = valueEnd - 1;
  else if (style === 'PLAIN') contentEnd = start + src.slice(start, valueEnd).trimEnd().length;
  else if (out.offsets.length > 0) {
    // A block scalar's content ends after its last character (a kept break ends at the line end).
    const lastAt = out.offsets[out.offsets.length - 1];
    contentEnd = value.endsWith('\n') ? lastAt : lastAt + 1;
  }
  out.offsets.push(Math.max(contentEnd, out.offsets.length ? out.offsets[out.offsets.length - 1] : start));
  return { ...base, offsets: out.offsets, indent: indent === undefined ? undefined : ' '.repeat(indent) };
}

/**
 * Encodes `text` so that it reads back as the same characters inside a scalar of `style`,
 * or returns undefined when that cannot be done by a local edit.
 */
export function encodeForStyle(text: string, scalar: MappedScalar): string | undefined {
  switch (scalar.style) {
    case 'BLOCK_LITERAL':
      if (scalar.indent === undefined || /\r/.test(text)) return undefined;
      return text.replace(/\n/g, `\n${scalar.indent}`);
    case 'BLOCK_FOLDED':
    case 'PLAIN':
      return /[\r\n]/.test(text) ? undefined : text;
    case 'QUOTE_SINGLE':
      return /[\r\n]/.test(text) ? undefined : text.replace(/'/g, "''");
    case 'QUOTE_DOUBLE':
      // eslint-disable-next-line no-control-regex
      return text.replace(/[\\"\n\r\x00-\x08\x0b-\x1f\x7f]/g, (c) => {
        if (c === '\\' || c === '"') return `\\${c}`;
        if (c === '\n') return '\\n';
        if (c === '\r') return '\\r';
        return `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;
      });
  }
}
