/** Edits inside device_spec and alias values shared by the JSON rule families: replacing a token, renaming a key, adding or removing a property. */
import type { Node } from 'jsonc-parser';
import type { JsonValue } from '../model';
import { objectProps } from '../python/json';
import { jsonString, jsonValueAt, valueDocSpan } from './edits';
import { type JsonTarget, nodeAtTarget, readTarget } from './json-helpers';
import { Fix, FixInput, OffsetEdit, str, strings } from './fix-types';

/** Data of a finding whose fix rewrites one JSON node: where it is, and (when known) the JSON text to write. */
export type JsonReplacementData = { target: JsonTarget; replacement?: string; field?: string; key?: string };
/** Data of a finding whose fix offers "did you mean" names for a JSON key or enum value. */
export type JsonSuggestionData = { target: JsonTarget; suggestions: string[]; key?: string };

/** The JSON node the finding names in its data (`target`: path and part), read from the value its span is in. */
export function targetNode(input: FixInput): { jv: JsonValue; node: Node } | undefined {
  const jv = jsonValueAt(input.doc, input.start);
  const target = readTarget(input.data.target);
  if (!jv?.root || !jv.valid || !target) return undefined;
  const node = nodeAtTarget(jv.root, target);
  return node ? { jv, node } : undefined;
}

export function replaceNode(input: FixInput, jv: JsonValue, node: Node, text: string): OffsetEdit | undefined {
  const span = valueDocSpan(jv.entry, node.offset, node.offset + node.length, input.doc);
  return span ? { start: span.start, end: span.end, text } : undefined;
}

export function one(title: string, edit: OffsetEdit | undefined, preferred: boolean): Fix[] {
  return edit ? [{ title, edits: [edit], preferred }] : [];
}

/** Codes whose data.replacement is JSON source text (already quoted). */
const JSON_REPLACEMENT = new Set(['alias-bad-id', 'device-spec-truefalse-tag', 'alias-bad-capability-type', 'alias-field-not-string', 'traits-whitespace']);

export function replacementFixes(input: FixInput<JsonReplacementData>): Fix[] {
  const code = input.code;
  const hit = targetNode(input);
  if (!hit) return [];
  const { jv, node } = hit;
  const old = jv.entry.value.slice(node.offset, node.offset + node.length);
  if (code === 'device-spec-address-regex-case') {
    if (node.type !== 'string') return [];
    // Lower-case the hex letters only; escapes such as \D or \S keep their meaning.
    const pat = String(node.value).replace(/\\.|[A-F]/g, (m) => (m.length === 2 ? m : m.toLowerCase()));
    return one(`Write the pattern in lower case: ${jsonString(pat)}`, replaceNode(input, jv, node, jsonString(pat)), true);
  }
  const rep = str(input.data.replacement);
  if (rep === undefined) return [];
  if (JSON_REPLACEMENT.has(code)) {
    if (!/^"[^"\\]*"$/.test(rep)) return [];
    return one(`Change ${old} to ${rep}`, replaceNode(input, jv, node, rep), true);
  }
  if (code === 'placement-name-invalid') {
    if (!/^"[A-Z0-9_]+"$/.test(rep)) return [];
    // Renaming a resource class must be matched in the aliases that request it, so not applied by fix-all.
    return one(`Change ${old} to ${rep}`, replaceNode(input, jv, node, rep), false);
  }
  if (code === 'device-spec-address-glob-fields') {
    if (node.type !== 'string') return [];
    // A guess at what was meant (domain:bus rather than bus:slot), so not applied by fix-all.
    return one(`Change the address to ${jsonString(rep)}`, replaceNode(input, jv, node, jsonString(rep)), false);
  }
  return [];
}

/** Did-you-mean for a misspelt key: one action per candidate. */
export function keySuggestionFixes(input: FixInput<JsonSuggestionData>): Fix[] {
  const hit = targetNode(input);
  if (!hit || hit.node.type !== 'string') return [];
  const { jv, node } = hit;
  const prop = node.parent;
  if (!prop || prop.type !== 'property' || prop.children?.[0] !== node) return [];
  if (str(input.data.key) !== undefined && String(node.value) !== input.data.key) return [];
  const siblings = objectProps(prop.parent);
  return strings(input.data.suggestions).flatMap((s, i) => {
    // Renaming onto a key the object already has would silently replace that value.
    const clash = siblings.has(s);
    return one(`Change "${String(node.value)}" to "${s}"${clash ? ` (the object already has "${s}")` : ''}`, replaceNode(input, jv, node, jsonString(s)), i === 0 && !clash);
  });
}

/** Did-you-mean for an enum value (numa_policy, device_type). */
export function enumSuggestionFixes(input: FixInput<JsonSuggestionData>): Fix[] {
  const hit = targetNode(input);
  if (!hit || hit.node.type !== 'string') return [];
  const { jv, node } = hit;
  return strings(input.data.suggestions).flatMap((s, i) => one(`Change ${jsonString(String(node.value))} to ${jsonString(s)}`, replaceNode(input, jv, node, jsonString(s)), i === 0));
}

/** Deletes a property with the comma that separates it from its neighbours. */
export function removeProperty(input: FixInput, jv: JsonValue, prop: Node): OffsetEdit | undefined {
  const obj = prop.parent;
  const props = obj?.children ?? [];
  const i = props.indexOf(prop);
  if (i < 0) return undefined;
  const e = jv.entry;
  const between = (a: number, b: number) => e.value.slice(a, b);
  let vs: number;
  let ve: number;
  if (i + 1 < props.length) {
    vs = prop.offset;
    ve = props[i + 1].offset;
  } else if (i > 0) {
    const prev = props[i - 1];
    vs = prev.offset + prev.length;
    ve = prop.offset + prop.length;
    if (!/^\s*,\s*$/.test(between(vs, prop.offset))) return undefined;
  } else {
    vs = prop.offset;
    ve = prop.offset + prop.length;
  }
  if (i + 1 < props.length && !/^\s*,\s*$/.test(between(prop.offset + prop.length, ve))) return undefined;
  const span = valueDocSpan(e, vs, ve, input.doc);
  return span ? { start: span.start, end: span.end, text: '' } : undefined;
}

/** Appends `"key": "value"` after the object's last property. */
export function addProperty(input: FixInput, jv: JsonValue, obj: Node, key: string, value: string): OffsetEdit | undefined {
  const props = obj.children ?? [];
  const entry = jv.entry;
  if (props.length === 0) {
    const span = valueDocSpan(entry, obj.offset, obj.offset + 1, input.doc);
    return span && entry.value[obj.offset] === '{' ? { start: span.end, end: span.end, text: `${jsonString(key)}: ${jsonString(value)}` } : undefined;
  }
  const last = props[props.length - 1];
  const span = valueDocSpan(entry, last.offset, last.offset + last.length, input.doc);
  return span ? { start: span.end, end: span.end, text: `, ${jsonString(key)}: ${jsonString(value)}` } : undefined;
}
