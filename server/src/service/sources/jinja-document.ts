/**
 * How a parsed nova config uses its Jinja template (sources/jinja.ts): the JSON reading of PCI values
 * that hold placeholders, the spans each placeholder decides, and the filter that keeps findings a
 * placeholder could change (a hex id, an enum word, a number) out of the report while everything the
 * template cannot change (INI shape, JSON syntax around a placeholder, key names, literal values) is
 * still checked.
 */
import { findNodeAtOffset } from 'jsonc-parser';
import type { Entry, IniModel, JsonValue, Span } from '../model';
import { JinjaTag, JinjaTemplate, Placeholder, findContaining, sameConditions } from './jinja';

export interface JinjaInfo {
  template: JinjaTemplate;
  /** Spans whose content the template decides, merged and sorted. */
  scopes: Span[];
  /** The Jinja tag under an offset (statement, comment or expression). */
  tagAt(offset: number): JinjaTag | undefined;
  placeholderAt(offset: number): Placeholder | undefined;
  /** What each placeholder stands for where it is. */
  roles: Map<Placeholder, PlaceholderRole>;
}

/** Where a placeholder is, and so what it stands for. */
export type PlaceholderRole =
  | { at: 'json-string'; key?: string }
  | { at: 'json-value'; key?: string }
  | { at: 'json-key' }
  | { at: 'json-members' }
  | { at: 'value'; key: string }
  | { at: 'key' }
  | { at: 'line' };

type Place = 'string' | 'value' | 'key' | 'members';

/** Placeholders of one JSON value, in value offsets, with what they stand for there. */
interface JsonSlot {
  start: number;
  end: number;
  place: Place;
}

const slotsByEntry = new WeakMap<Entry, JsonSlot[]>();

/**
 * The JSON text Nova would parse, with each placeholder made into valid JSON of the same length:
 * inside a string it stays as it is masked ("any string content"); where a value or key is expected it
 * becomes a JSON string ("any JSON value"); in an object's member list it becomes a dummy member.
 */
export function jsonView(tpl: JinjaTemplate, entry: Entry): string {
  const value = entry.value;
  const slots: JsonSlot[] = [];
  const ps = tpl.placeholders;
  // First placeholder that ends after the value starts (they are sorted and do not overlap).
  let lo = 0;
  let hi = ps.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ps[mid].span.end <= entry.valueSpan.start) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < ps.length && ps[i].span.start < entry.valueSpan.end; i++) {
    const p = ps[i];
    const a = entry.map.fromDoc(p.span.start);
    const b = entry.map.fromDoc(p.span.end);
    if (a < 0 || b < a) continue;
    slots.push({ start: a, end: b, place: 'value' });
  }
  if (slots.length === 0) return value;
  // One pass over the value: string state and container stack at each slot's start.
  let inString = false;
  const stack: string[] = [];
  let si = 0;
  let lastSig = '';
  for (let i = 0; i <= value.length && si < slots.length; i++) {
    while (si < slots.length && slots[si].start === i) {
      const s = slots[si];
      if (inString) s.place = 'string';
      else {
        let q = s.end;
        while (q < value.length && /\s/.test(value[q])) q++;
        const next = value[q] ?? '';
        if (stack.at(-1) === '{' && (lastSig === '{' || lastSig === ',')) s.place = next === ':' ? 'key' : 'members';
        else s.place = 'value';
        i = Math.max(i, s.end);
        lastSig = '"';
      }
      si++;
    }
    if (i >= value.length) break;
    const ch = value[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') {
      inString = true;
      lastSig = '"';
    } else if (ch === '{' || ch === '[') {
      stack.push(ch);
      lastSig = ch;
    } else if (ch === '}' || ch === ']') {
      stack.pop();
      lastSig = ch;
    } else if (!/\s/.test(ch)) lastSig = ch;
  }
  let out = value;
  for (const s of slots) {
    const len = s.end - s.start;
    if (s.place === 'string' || len < 2) continue;
    const fill = s.place === 'members' && len >= 4 ? '"":0'.padEnd(len, ' ') : `"${value.slice(s.start + 1, s.end - 1).replace(/["\\\n]/g, '~')}"`;
    out = out.slice(0, s.start) + fill + out.slice(s.end);
  }
  slotsByEntry.set(entry, slots);
  return out;
}

/** Builds what the features consult: scopes, and tag / placeholder look-ups. */
export function jinjaInfo(tpl: JinjaTemplate, ini: IniModel, jsonValues: JsonValue[]): JinjaInfo {
  const scopes: Span[] = [];
  const entries = ini.entries;
  const byEntry = new Map<Entry, JsonValue>();
  for (const jv of jsonValues) byEntry.set(jv.entry, jv);
  const entryAt = (offset: number): Entry | undefined => {
    let lo = 0;
    let hi = entries.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (entries[mid].span.start <= offset) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    const e = found >= 0 ? entries[found] : undefined;
    return e && offset < Math.max(e.span.end, e.valueSpan.end) ? e : undefined;
  };
  const roles = new Map<Placeholder, PlaceholderRole>();
  const wholeValue = (e: Entry): Span => ({ start: e.valueSpan.start, end: Math.max(e.valueSpan.end, e.span.end) });

  for (const p of tpl.placeholders) {
    const e = entryAt(p.span.start);
    if (!e) {
      // A section header or a key-less line: the whole line is the template's.
      const line = lineSpan(ini, p.span.start);
      scopes.push(line);
      roles.set(p, { at: 'line' });
      continue;
    }
    if (p.span.start < e.sepSpan.start) {
      roles.set(p, { at: 'key' });
      scopes.push({ start: e.span.start, end: Math.max(e.span.end, e.valueSpan.end) });
      continue;
    }
    const jv = byEntry.get(e);
    if (!jv) {
      roles.set(p, { at: 'value', key: e.key });
      scopes.push(wholeValue(e));
      continue;
    }
    const slot = slotsByEntry.get(e)?.find((s) => s.start === e.map.fromDoc(p.span.start));
    roles.set(p, slot?.place === 'members' ? { at: 'json-members' } : slot?.place === 'key' ? { at: 'json-key' } : { at: slot?.place === 'string' ? 'json-string' : 'json-value', key: jsonKeyOf(jv, slot?.start) });
    if (!slot || slot.place === 'members' || !jv.root) {
      scopes.push(wholeValue(e));
      continue;
    }
    const node = findNodeAtOffset(jv.root, slot.place === 'string' ? slot.start : slot.start + 1, false);
    if (!node || node.type === 'object' || node.type === 'array' || node.type === 'property') {
      scopes.push(wholeValue(e));
      continue;
    }
    scopes.push(e.map.spanToDoc(node.offset, node.offset + node.length));
  }
  // A statement inside a value (`key = {% if x %}a{% else %}b{% endif %}`) makes that value the template's.
  for (const t of tpl.tags) {
    if (t.kind !== 'statement') continue;
    const e = entryAt(t.span.start);
    if (e && t.span.start > e.sepSpan.start) scopes.push(wholeValue(e));
  }

  scopes.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Span[] = [];
  for (const s of scopes) {
    const last = merged.at(-1);
    if (last && s.start < last.end) last.end = Math.max(last.end, s.end);
    else merged.push({ ...s });
  }
  const tags = tpl.tags;
  return {
    template: tpl,
    scopes: merged,
    roles,
    tagAt: (offset) => findContaining(tags, offset) ?? (offset > 0 ? endingAt(tags, offset) : undefined),
    placeholderAt: (offset) => findContaining(tpl.placeholders, offset),
  };
}

/** The property key whose value holds a value offset, if any. */
function jsonKeyOf(jv: JsonValue, offset: number | undefined): string | undefined {
  if (offset === undefined || !jv.root) return undefined;
  const node = findNodeAtOffset(jv.root, offset + 1, false);
  const prop = node?.parent?.type === 'property' ? node.parent : undefined;
  const k = prop?.children?.[0];
  return k && k !== node && k.type === 'string' ? String(k.value) : undefined;
}

/** A tag whose last character is just before the offset (a cursor right after `}}` is still on it). */
function endingAt(tags: readonly JinjaTag[], offset: number): JinjaTag | undefined {
  const t = findContaining(tags, offset - 1);
  return t && t.span.end === offset ? t : undefined;
}

function lineSpan(ini: IniModel, offset: number): Span {
  const ls = ini.lineStarts;
  let lo = 0;
  let hi = ls.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (ls[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  const end = lo + 1 < ls.length ? ls[lo + 1] - 1 : ini.text.length;
  return { start: ls[lo], end };
}

/** True when the template decides everything in `span` (it lies inside a placeholder's scope). */
export function templateDecides(info: JinjaInfo | undefined, span: Span): boolean {
  if (!info) return false;
  const s = findContaining(info.scopes.map((x) => ({ span: x })), span.start);
  return Boolean(s && span.end <= s.span.end);
}

/** True when any part of `span` is decided by the template (a placeholder's scope or a Jinja tag overlaps it). */
export function templateTouches(info: JinjaInfo | undefined, span: Span): boolean {
  if (!info) return false;
  const overlaps = (x: Span) => x.start < span.end && x.end > span.start;
  return info.scopes.some(overlaps) || info.template.tags.some((t) => overlaps(t.span));
}

export interface JinjaFinding {
  code: string;
  span: Span;
  related?: { span: Span }[];
}

/**
 * Drops the findings the template's Jinja causes: a check of a value a placeholder decides (never a
 * syntax check: those judge the text around the placeholder), and a comparison between two places that
 * are not rendered under the same `if` conditions (see sameConditions).
 */
export function filterJinjaFindings<T extends JinjaFinding>(info: JinjaInfo, findings: T[], isSyntax: (code: string) => boolean): T[] {
  const tpl = info.template;
  const scopes = info.scopes.map((x) => ({ span: x }));
  return findings.filter((f) => {
    if (!isSyntax(f.code)) {
      const s = findContaining(scopes, f.span.start);
      if (s && f.span.end <= s.span.end) return false;
    }
    if (f.related?.length && f.related.some((r) => !sameConditions(tpl, f.span.start, r.span.start))) return false;
    return true;
  });
}
