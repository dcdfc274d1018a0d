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

/** A value quoted for a message, shortened so a huge value cannot flood the editor. */
export function show(value: unknown, max = 48): string {
  const s = typeof value === 'string' ? value : String(value);
  const q = JSON.stringify(s.length > max ? s.slice(0, max) : s);
  return s.length > max ? `${q.slice(0, -1)}…" (${s.length} characters)` : q;
}

/**
 * Where a finding points inside a JSON value, so that a fix finds its node directly:
 * the path from the root (object keys, array indexes) and whether it is the property's
 * key or its value. Duplicate keys resolve to the last one, as Python's json does.
 */
export interface JsonTarget {
  path: (string | number)[];
  part: 'key' | 'value';
}

/** The target of a node of a JSON tree (a property's key string gives part 'key'). */
export function jsonTarget(node: Node): JsonTarget {
  const path: (string | number)[] = [];
  const parent = node.parent;
  const part = parent?.type === 'property' && parent.children?.[0] === node ? 'key' : 'value';
  let n: Node = node;
  while (n.parent) {
    const p: Node = n.parent;
    if (p.type === 'property') path.unshift(String(p.children?.[0]?.value));
    else if (p.type === 'array') path.unshift((p.children ?? []).indexOf(n));
    n = p;
  }
  return { path, part };
}

/** The node a target names, or undefined when the tree has no such node. */
export function nodeAtTarget(root: Node | undefined, target: JsonTarget): Node | undefined {
  let n = root;
  for (let i = 0; i < target.path.length && n; i++) {
    const step = target.path[i];
    if (typeof step === 'number') {
      n = n.type === 'array' ? n.children?.[step] : undefined;
      continue;
    }
    if (n.type !== 'object') return undefined;
    let prop: Node | undefined;
    for (const c of n.children ?? []) if (c.children?.[0]?.value === step) prop = c;
    if (!prop) return undefined;
    n = i === target.path.length - 1 && target.part === 'key' ? prop.children?.[0] : prop.children?.[1];
  }
  return n;
}

/** A JsonTarget read back from a finding's data (anything else: undefined). */
export function readTarget(v: unknown): JsonTarget | undefined {
  if (!v || typeof v !== 'object') return undefined;
  const t = v as { path?: unknown; part?: unknown };
  if (!Array.isArray(t.path) || !t.path.every((x) => typeof x === 'string' || (typeof x === 'number' && Number.isInteger(x) && x >= 0))) return undefined;
  if (t.part !== 'key' && t.part !== 'value') return undefined;
  return { path: t.path as (string | number)[], part: t.part };
}
