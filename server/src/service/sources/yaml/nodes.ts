/**
 * Helpers over `yaml` nodes: key look-ups, spans, mapped scalars, and writers for
 * the pieces renderers emit (INI lines, JSON as Ruby/Python write it, Python reprs).
 */
import { Document, Node, Pair, Scalar, isMap, isScalar, isSeq, YAMLMap } from 'yaml';
import { MappedScalar, mapScalar } from './scalar';
import { Builder, YamlSpan } from './source-map';
import type { NovaRole, NovaYamlDocument, YamlForm, YamlProblem } from './types';

export function spanOf(node: Node | null | undefined): YamlSpan {
  const r = node?.range;
  return r ? { start: r[0], end: r[1] } : { start: 0, end: 0 };
}

/** The pair whose key is the plain string `key`. */
export function pairOf(map: unknown, key: string): Pair<Scalar, Node | null> | undefined {
  if (!isMap(map)) return undefined;
  for (const p of (map as YAMLMap).items) {
    if (isScalar(p.key) && p.key.value === key) return p as Pair<Scalar, Node | null>;
  }
  return undefined;
}

export function valueOf(map: unknown, key: string): Node | null | undefined {
  return pairOf(map, key)?.value as Node | null | undefined;
}

export function pathOf(node: unknown, keys: string[]): Node | null | undefined {
  let cur: unknown = node;
  for (const k of keys) {
    cur = valueOf(cur, k);
    if (cur === undefined || cur === null) return cur;
  }
  return cur as Node;
}

export function stringOf(node: unknown): string | undefined {
  return isScalar(node) && typeof node.value === 'string' ? node.value : undefined;
}

/** String pairs of a mapping (keys that are scalars). */
export function entriesOf(map: unknown): { key: Scalar; name: string; value: Node | null }[] {
  if (!isMap(map)) return [];
  const out: { key: Scalar; name: string; value: Node | null }[] = [];
  for (const p of (map as YAMLMap).items) {
    if (isScalar(p.key) && p.key.value !== null && p.key.value !== undefined) out.push({ key: p.key, name: String(p.key.value), value: (p.value as Node | null) ?? null });
  }
  return out;
}

export function hasTemplate(s: string): boolean {
  return s.includes('{{') || s.includes('{%');
}

/** Does any scalar below `node` hold a Jinja/Go template expression? */
export function containsTemplate(node: unknown): boolean {
  if (isScalar(node)) return typeof node.value === 'string' && hasTemplate(node.value);
  if (isMap(node)) return node.items.some((p) => containsTemplate(p.key) || containsTemplate(p.value));
  if (isSeq(node)) return node.items.some((i) => containsTemplate(i));
  return false;
}

/** One YAML file being read: the text, its documents, and what the forms found. */
export class Extraction {
  readonly out: NovaYamlDocument[] = [];
  constructor(readonly src: string, readonly docs: Document.Parsed[]) {}

  scalar(node: Scalar): MappedScalar {
    return mapScalar(this.src, node) ?? { value: String(node.value ?? ''), style: 'PLAIN', start: spanOf(node).start, end: spanOf(node).end };
  }

  writer(): DocWriter {
    return new DocWriter(this);
  }

  add(w: DocWriter, meta: { id: string; form: YamlForm; roles?: NovaRole[]; label: string; anchor: YamlSpan; fragment: boolean }): void {
    const { text, map } = w.b.build();
    if (text.trim() === '' && w.problems.length === 0) return;
    this.out.push({ ...meta, text, map, problems: w.problems, suppress: w.suppress });
  }
}

/** Writes one virtual nova.conf text. */
export class DocWriter {
  readonly b = new Builder();
  readonly problems: YamlProblem[] = [];
  readonly suppress: { start: number; end: number; codes: string[] }[] = [];
  private lastSection: string | undefined;
  constructor(readonly x: Extraction) {}

  /** `[name]` (once per run of options in the same section). */
  section(name: string, node?: Node | null): void {
    if (this.lastSection === name) return;
    if (this.b.text.length > 0 && !this.b.text.endsWith('\n')) this.b.synth('\n', spanOf(node));
    const span = spanOf(node);
    this.b.synth('[', span);
    if (isScalar(node) && node.value === name) this.b.scalar(this.x.scalar(node));
    else this.b.synth(name, span);
    this.b.synth(']\n', span);
    this.lastSection = name;
  }

  /** `key = ` with the key mapped to its YAML key when it has one. */
  key(name: string, node?: Node | null): void {
    if (isScalar(node) && node.value === name) this.b.scalar(this.x.scalar(node));
    else this.b.synth(name, spanOf(node));
    this.b.synth(' = ', spanOf(node));
  }

  /** The whole string value of a scalar, its characters mapped one to one. */
  text(node: Scalar): void {
    this.b.scalar(this.x.scalar(node));
  }

  end(node?: Node | null): void {
    this.b.synth('\n', spanOf(node));
  }

  problem(code: string, message: string, node: Node | null | undefined): void {
    this.problems.push({ code, message, span: spanOf(node) });
  }

  /** Runs `write` and marks what it wrote as explained by a form problem for `codes`. */
  suppressed(codes: string[], write: () => void): void {
    const start = this.b.text.length;
    write();
    this.suppress.push({ start, end: this.b.text.length, codes });
  }

  /** JSON of a YAML value, as Ruby's to_json (compact) or Python's json.dumps (`, ` and `: `) writes it. */
  json(node: Node | null, style: 'compact' | 'python'): void {
    const sep = style === 'compact' ? [',', ':'] : [', ', ': '];
    const span = spanOf(node);
    if (isMap(node)) {
      this.b.synth('{', { start: span.start, end: span.start + 1 });
      node.items.forEach((p, i) => {
        if (i > 0) this.b.synth(sep[0], spanOf(p.key as Node));
        this.jsonString(p.key as Node, String(isScalar(p.key) ? p.key.value : ''));
        this.b.synth(sep[1], spanOf(p.key as Node));
        this.json((p.value as Node | null) ?? null, style);
      });
      this.b.synth('}', { start: Math.max(span.start, span.end - 1), end: span.end });
    } else if (isSeq(node)) {
      this.b.synth('[', span);
      node.items.forEach((it, i) => {
        if (i > 0) this.b.synth(sep[0], spanOf(it as Node));
        this.json((it as Node | null) ?? null, style);
      });
      this.b.synth(']', span);
    } else if (isScalar(node) && typeof node.value === 'string') {
      this.jsonString(node, node.value);
    } else {
      const v = isScalar(node) ? node.value : null;
      this.b.synth(JSON.stringify(v ?? null) ?? 'null', span);
    }
  }

  private jsonString(node: Node, value: string): void {
    const quoted = JSON.stringify(value);
    const span = spanOf(node);
    if (isScalar(node) && quoted === `"${value}"`) {
      this.b.synth('"', { start: span.start, end: span.start });
      this.b.scalar(this.x.scalar(node));
      this.b.synth('"', { start: span.end, end: span.end });
    } else this.b.synth(quoted, span);
  }

  /** Python's repr() of a YAML value (what Jinja's `{{ item }}` and str() print for dicts and lists). */
  pyRepr(node: Node | null): void {
    const span = spanOf(node);
    if (isMap(node)) {
      this.b.synth('{', span);
      node.items.forEach((p, i) => {
        if (i > 0) this.b.synth(', ', span);
        this.pyRepr((p.key as Node | null) ?? null);
        this.b.synth(': ', span);
        this.pyRepr((p.value as Node | null) ?? null);
      });
      this.b.synth('}', span);
    } else if (isSeq(node)) {
      this.b.synth('[', span);
      node.items.forEach((it, i) => {
        if (i > 0) this.b.synth(', ', span);
        this.pyRepr((it as Node | null) ?? null);
      });
      this.b.synth(']', span);
    } else if (isScalar(node) && typeof node.value === 'string') {
      const v = node.value;
      if (!/['\\\n\r\t]/.test(v)) {
        this.b.synth("'", { start: span.start, end: span.start });
        this.b.scalar(this.x.scalar(node));
        this.b.synth("'", { start: span.end, end: span.end });
      } else this.b.synth(JSON.stringify(v), span);
    } else {
      this.b.synth(pyScalar(isScalar(node) ? node.value : null, this.x.src.slice(span.start, span.end)), span);
    }
  }
}

/** Python's str() of a YAML scalar that is not a string. */
export function pyScalar(v: unknown, source = ''): string {
  if (v === null || v === undefined) return 'None';
  if (v === true) return 'True';
  if (v === false) return 'False';
  // PyYAML reads 4.0 as a float, which str() prints as 4.0.
  if (typeof v === 'number' && Number.isInteger(v) && /[.eE]/.test(source)) return `${v}.0`;
  return String(v);
}
