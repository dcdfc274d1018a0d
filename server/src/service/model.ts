import type { Node as JsonNode } from 'jsonc-parser';
import type { PyValue } from './model/py';
import type { LineStarts } from './lines';

/** Half-open range of UTF-16 offsets into the document text. */
export interface Span {
  start: number;
  end: number;
}

/**
 * Maps offsets in an option's effective value (what oslo.config hands to Nova)
 * back to document offsets. Built from segments: a segment whose value length
 * equals its document length maps one to one; any other segment (a joined
 * newline, a `$$` escape, a substituted `$name`) maps every offset inside it to
 * the segment's document start.
 */
export class ValueMap {
  constructor(readonly segments: readonly { v: number; vl: number; d: number; dl: number }[]) {}

  toDoc(v: number): number {
    const segs = this.segments;
    if (segs.length === 0) return 0;
    let lo = 0;
    let hi = segs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (segs[mid].v <= v) lo = mid;
      else hi = mid - 1;
    }
    const s = segs[lo];
    const rel = v - s.v;
    if (rel <= 0) return s.d;
    if (s.vl === s.dl) return s.d + Math.min(rel, s.dl);
    return rel >= s.vl ? s.d + s.dl : s.d;
  }

  /** Maps a value span to a document span; an empty result is widened to one character when possible. */
  spanToDoc(start: number, end: number): Span {
    const s = this.toDoc(start);
    const e = Math.max(s, end > start ? this.toDoc(end) : s);
    return { start: s, end: e };
  }

  /** Document offset -> value offset (first match), or -1 when the offset is outside the value text. */
  fromDoc(d: number): number {
    for (const s of this.segments) {
      if (s.vl === s.dl && d >= s.d && d <= s.d + s.dl) return s.v + (d - s.d);
    }
    return -1;
  }
}

export interface Comment {
  span: Span;
  /** Text after the comment character, trimmed. */
  text: string;
}

export interface Section {
  /** Name as written between the brackets. */
  raw: string;
  /** Name as oslo.config looks it up: lower-cased unless it is exactly `DEFAULT`. */
  name: string;
  header: Span;
  nameSpan: Span;
  /** From the header to the end of the last line that belongs to the section. */
  span: Span;
  entries: Entry[];
}

export interface Entry {
  key: string;
  keySpan: Span;
  section: Section | undefined;
  /** Document spans of each value line's content (first line after the separator, then continuations). */
  lines: Span[];
  /** True when one pair of surrounding quotes was stripped from the first line. */
  quoted: boolean;
  /** The value as oslo.config stores it (quotes stripped, continuation lines joined), before `$` substitution. */
  raw: string;
  rawMap: ValueMap;
  /** The value Nova reads: `raw` after `$name` substitution. */
  value: string;
  map: ValueMap;
  /** `$name` references found in the raw value. */
  refs: ValueRef[];
  /** Key start to end of the last value line. */
  span: Span;
  /** Where the value is (first content char to last); empty span right after the separator when the value is empty. */
  valueSpan: Span;
  /** Span of the separator character. */
  sepSpan: Span;
}

export interface ValueRef {
  /** Name as written, e.g. `my_ip` or `vnc.server_listen`. */
  name: string;
  span: Span;
}

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** A problem found by a parser, before rules and settings decide its final severity. */
export interface Problem {
  code: string;
  message: string;
  span: Span;
  severity?: Severity;
  data?: Record<string, unknown>;
  related?: { span: Span; message: string }[];
  tags?: ('unnecessary' | 'deprecated')[];
}

export type JsonKind = 'device_spec' | 'alias';

/** A JSON option value parsed with Python `json` semantics, positions in value offsets. */
export interface JsonValue {
  entry: Entry;
  kind: JsonKind;
  /**
   * Root of jsonc-parser's (error tolerant) tree; undefined for an empty value. For a valid value it is read again
   * on demand (features and fixes use it for the one value they work on); rules read `py`.
   */
  readonly root: JsonNode | undefined;
  /** The value as Python's json.loads returns it (model/py.ts); undefined when the value is not valid JSON. */
  py?: PyValue;
  /** True when Python's json.loads would accept the value. */
  valid: boolean;
  /** The first syntax error, as Python reports only one. */
  error?: Problem;
}

export interface IniModel {
  text: string;
  sections: Section[];
  entries: Entry[];
  comments: Comment[];
  problems: Problem[];
  /** Offsets where each line starts (an Int32Array when the LSP server's document copy gave them: lines.ts). */
  lineStarts: LineStarts;
}
