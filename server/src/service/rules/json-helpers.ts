import type { Node } from 'jsonc-parser';
import type { JsonValue, Span } from '../model';

/** Document span of a JSON node of this value. */
export function nodeSpan(jv: JsonValue, node: Node): Span {
  return jv.entry.map.spanToDoc(node.offset, node.offset + node.length);
}

/** Document span of a property's key. */
export function keySpan(jv: JsonValue, prop: Node): Span {
  const k = prop.children?.[0];
  return k ? nodeSpan(jv, k) : nodeSpan(jv, prop);
}

/** Python truthiness of a JSON value node. */
export function truthy(jv: JsonValue, node: Node | undefined): boolean {
  if (!node) return false;
  switch (node.type) {
    case 'null':
      return false;
    case 'boolean':
      return Boolean(node.value);
    case 'string':
      return String(node.value).length > 0;
    case 'number': {
      const t = jv.entry.value.slice(node.offset, node.offset + node.length);
      if (t === 'NaN' || t.endsWith('Infinity')) return true;
      return Number(node.value) !== 0;
    }
    case 'array':
    case 'object':
      return (node.children?.length ?? 0) > 0;
    default:
      return false;
  }
}

/** The span a whole entry's value is reported on when there is no better node (first value line). */
export function valueSpan(jv: JsonValue): Span {
  const s = jv.entry.valueSpan;
  return s.end > s.start ? s : jv.entry.keySpan;
}

/** A value quoted for a message, shortened so a huge value cannot flood the editor. */
export function show(value: unknown, max = 48): string {
  const s = typeof value === 'string' ? value : String(value);
  const q = JSON.stringify(s.length > max ? s.slice(0, max) : s);
  return s.length > max ? `${q.slice(0, -1)}…" (${s.length} characters)` : q;
}
