/** Flavor documents: where flavors are written as code, and the extra specs found in them. */
import type { Position, Range } from 'vscode-languageserver-types';
import { computeLineStarts, offsetOf, positionOf } from '../lines';

export type FlavorSourceKind = 'heat' | 'ansible' | 'kayobe' | 'terraform' | 'shell' | 'markdown';

export interface FlavorSpec {
  /** The form the spec was found in. */
  kind: FlavorSourceKind;
  /** The flavor's name or resource name, when the document says it. */
  flavor?: string;
  key: string;
  /** Document offsets of the key's text (inside quotes). */
  keyStart: number;
  keyEnd: number;
  /** The value nova-api would receive. */
  value: string;
  /** Document offsets of the value's text (inside quotes). */
  valueStart: number;
  valueEnd: number;
  /**
   * Document offset of each value offset 0..value.length when the value maps one
   * character to one position (no escapes, no folding); undefined otherwise.
   */
  valueOffsets?: number[];
  /** True when a template or variable builds the key or the value: its text is not what Nova gets. */
  templated: boolean;
}

export interface FlavorDocument {
  uri: string;
  text: string;
  kinds: FlavorSourceKind[];
  specs: FlavorSpec[];
  /** Lines that suppress codes: `nova-conf: disable-next-line CODE` / `disable-file CODE` in a comment. */
  suppress: { file: Set<string>; lines: Map<number, Set<string>> };
  positionAt(offset: number): Position;
  offsetAt(position: Position): number;
  rangeOf(start: number, end: number): Range;
}

/** Maps value offsets [start, end) of a spec to document offsets. */
export function valueSpanToDoc(spec: FlavorSpec, start: number, end: number): { start: number; end: number } {
  const o = spec.valueOffsets;
  if (!o) return { start: spec.valueStart, end: spec.valueEnd };
  const s = o[Math.max(0, Math.min(start, o.length - 1))];
  const e = o[Math.max(0, Math.min(end, o.length - 1))];
  return { start: s, end: Math.max(s, e) };
}

/** Identity offsets for a value copied verbatim from the document at `start`. */
export function identityOffsets(start: number, length: number): number[] {
  return Array.from({ length: length + 1 }, (_, i) => start + i);
}

const DIRECTIVE = /nova-conf:\s*(disable-next-line|disable-file)\s+([A-Za-z0-9_,\s-]+?)\s*(?:-->|\*\/)?\s*$/;

/**
 * A flavor document's position helpers are methods reading `this`, not closures over its text: TurboFan inlines a
 * closure called from a hot function (FlavorLsp.completion) with its context as a constant and keeps the captured
 * text in the optimised code, so a closed document stayed alive until that code was thrown away (as document.ts's
 * ParsedDocument, Round 8). A method's receiver is an argument of the optimised code, never a constant in it.
 */
class FlavorDocumentImpl implements FlavorDocument {
  constructor(
    readonly uri: string,
    readonly text: string,
    readonly kinds: FlavorSourceKind[],
    readonly specs: FlavorSpec[],
    private readonly lineStarts: number[],
    readonly suppress: FlavorDocument['suppress'],
  ) {}

  positionAt(offset: number): Position {
    return positionOf(this.text, this.lineStarts, offset);
  }

  offsetAt(p: Position): number {
    return offsetOf(this.text, this.lineStarts, p);
  }

  rangeOf(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }
}

export function makeFlavorDocument(uri: string, text: string, kinds: FlavorSourceKind[], specs: FlavorSpec[]): FlavorDocument {
  const lineStarts = computeLineStarts(text);
  const suppress = { file: new Set<string>(), lines: new Map<number, Set<string>>() };
  if (text.includes('nova-conf:')) {
    for (let i = 0; i < lineStarts.length; i++) {
      const line = text.slice(lineStarts[i], i + 1 < lineStarts.length ? lineStarts[i + 1] : text.length).trimEnd();
      const m = DIRECTIVE.exec(line);
      if (!m) continue;
      const codes = m[2].split(/[\s,]+/).filter(Boolean);
      if (m[1] === 'disable-file') codes.forEach((c) => suppress.file.add(c));
      else suppress.lines.set(i + 1, new Set(codes));
    }
  }
  return new FlavorDocumentImpl(uri, text, kinds, specs, lineStarts, suppress);
}

/** Whether text contains a template or variable expansion that changes what Nova receives. */
export function looksTemplated(s: string): boolean {
  return s.includes('{{') || s.includes('{%');
}
