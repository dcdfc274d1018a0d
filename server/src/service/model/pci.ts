/**
 * The typed PCI model: every `[pci] device_spec` and `[pci] alias` value of a document (JsonValue, built once per
 * parse by document.ts, in the order Nova reads them), its value as Python's json.loads returns it (`py`, see
 * model/py.ts), and the items Nova walks: a device_spec value is one dict or a list of dicts, an alias value one dict.
 * Rules, hover, completion and fixes read items and keys here; spans become document spans through spanOf/keySpanOf.
 * The jsonc-parser tree (`jv.root`) is read again on demand, for the one value a feature or a fix works on.
 */
import type { JsonValue, Span } from '../model';
import { type PyDict, type PyKey, type PyValue, fromJsonNode, keyOf } from './py';

/** One dict Nova reads as a device_spec entry or an alias. */
export interface PciItem {
  /** The option line it is written on. */
  jv: JsonValue;
  dict: PyDict;
  /** Where the dict is in the value: [] for the value itself, [i] for item i of a device_spec list. */
  path: number[];
}

/** The items of a device_spec value, and the first list item that is not a dict (Nova stops there). */
export interface DeviceSpecItems {
  items: PciItem[];
  /** The value itself when it is neither a dict nor a list, or the first list item that is not a dict. */
  notDict?: PyValue;
  /** Dict items after `notDict` (Nova never gets to them; some rules still look at them). */
  after: PciItem[];
}

/** The dicts of a device_spec value as Nova's whitelist reads them (a valid value only). */
export function deviceSpecItems(jv: JsonValue): DeviceSpecItems {
  const v = jv.py;
  if (!v) return { items: [], after: [] };
  if (v.type === 'object') return { items: [{ jv, dict: v, path: [] }], after: [] };
  if (v.type !== 'array') return { items: [], notDict: v, after: [] };
  const items: PciItem[] = [];
  const after: PciItem[] = [];
  let notDict: PyValue | undefined;
  v.items.forEach((c, i) => {
    if (c.type === 'object') (notDict ? after : items).push({ jv, dict: c, path: [i] });
    else notDict ??= c;
  });
  return { items, notDict, after };
}

/** Every dict at the top of a value: the value itself, or each dict item of a list (also after a bad item). */
export function dictItems(jv: JsonValue): PciItem[] {
  const v = jv.py;
  if (v?.type === 'object') return [{ jv, dict: v, path: [] }];
  if (v?.type !== 'array') return [];
  const out: PciItem[] = [];
  v.items.forEach((c, i) => {
    if (c.type === 'object') out.push({ jv, dict: c, path: [i] });
  });
  return out;
}

/** The alias dict of an alias value, when the value is one. */
export function aliasItem(jv: JsonValue): PciItem | undefined {
  return jv.py?.type === 'object' ? { jv, dict: jv.py, path: [] } : undefined;
}

/** Document span of a value (or anything with value offsets) of this option line. */
export function spanOf(jv: JsonValue, at: { start: number; end: number }): Span {
  return jv.entry.map.spanToDoc(at.start, at.end);
}

/** Document span of a dict key (the quoted name). */
export function keySpanOf(jv: JsonValue, key: PyKey): Span {
  return jv.entry.map.spanToDoc(key.start, key.end);
}

/** Document span of a dict entry's value (model/py.ts keeps a str, bool or None in its entry, spanned by vs..ve). */
export function valueSpanOf(jv: JsonValue, key: PyKey): Span {
  return jv.entry.map.spanToDoc(key.vs, key.ve);
}

/** The key `name` of an item. */
export function itemKey(item: PciItem, name: string): PyKey | undefined {
  return keyOf(item.dict, name);
}

/**
 * Where a finding points, for its fix (the JsonTarget of rules/json-helpers.ts): the item's path, then `steps` (dict
 * keys) further down; `part` says whether the key or its value is meant.
 */
export function targetOf(item: PciItem, part: 'key' | 'value', ...steps: string[]): { path: (string | number)[]; part: 'key' | 'value' } {
  return { path: [...item.path, ...steps], part };
}

/**
 * What features can read of a value: its model, or for an invalid value what jsonc-parser's tolerant tree recovers
 * (a value being typed is often invalid; hover, completion and the outline still describe what is there).
 * Rules read `jv.py` only: Nova judges nothing in a value json.loads refuses.
 */
export function readableValue(jv: JsonValue): PyValue | undefined {
  if (jv.py) return jv.py;
  const root = jv.root;
  return root ? fromJsonNode(root, jv.entry.value) : undefined;
}

/** The alias dict features can read (see readableValue). */
export function readableAlias(jv: JsonValue): PyDict | undefined {
  const v = readableValue(jv);
  return v?.type === 'object' ? v : undefined;
}
