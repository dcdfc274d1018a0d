/**
 * oslo.config's `$name` templating (oslo_config/cfg.py, ConfigOpts._substitute with
 * string.Template): `$name` and `${name}` refer to other options, `$$` is a dollar.
 * Values are substituted in place, with a ValueMap from the substituted value back
 * to document offsets.
 */
import { Entry, IniModel, Span, ValueMap } from '../model';
import { getOption } from '../catalog/options';
import { rawHasDollar } from './ini';
import type { Release } from '../releases';

/** An unknown `$name` reference or a substitution loop. */
export interface RefProblem {
  entry: Entry;
  span: Span;
  name: string;
  /** `default-group`: `${DEFAULT.name}` — oslo.config has no group it can look up by the name DEFAULT (NoSuchGroupError). */
  kind: 'unknown' | 'loop' | 'default-group';
}

/**
 * What `$name` (or `${group.name}`) in a value of `group` refers to, the way oslo.config looks it up:
 * a dotted name is that option; a bare name is the option of the value's own group, then of DEFAULT.
 * Gives the entry that sets it last in the file, or the catalogue default text.
 */
export function resolveReference(
  byOption: Map<string, Entry[]>,
  release: Release,
  group: string,
  name: string,
): { group: string; name: string; entry?: Entry; text?: string } | undefined {
  const dot = name.indexOf('.');
  // ConfigOpts._get_group('DEFAULT') raises NoSuchGroupError: options of DEFAULT are reached by their bare name only.
  if (dot >= 0 && name.slice(0, dot) === 'DEFAULT') return undefined;
  const candidates: [string, string][] = dot >= 0 ? [[name.slice(0, dot), name.slice(dot + 1)]] : group !== 'DEFAULT' ? [[group, name], ['DEFAULT', name]] : [['DEFAULT', name]];
  for (const [g, n] of candidates) {
    const hit = lookup(byOption, release, g, n);
    if (hit) return { group: g, name: n, ...hit };
  }
  return undefined;
}

/** The last value set for (group, name) in the file, or the catalogue default. */
function lookup(byOption: Map<string, Entry[]>, release: Release, group: string, name: string): { entry?: Entry; text?: string } | undefined {
  const found = byOption.get(`${group}.${name}`)?.at(-1);
  if (found) return { entry: found };
  const opt = getOption(release, group, name);
  if (!opt) return undefined;
  const d = opt.default;
  return { text: d === undefined || d === null ? '' : Array.isArray(d) ? d.join(',') : String(d) };
}

/** Substitutes every entry's value in place (value, map, refs), recording unknown names and loops. */
export function substituteAll(ini: IniModel, byOption: Map<string, Entry[]>, release: Release, problems: RefProblem[]): void {
  const done = new Set<Entry>();
  const active = new Set<Entry>();
  const subst = (e: Entry): string => {
    if (!rawHasDollar(e)) return e.value; // nothing to substitute (most entries)
    const raw = e.raw;
    if (done.has(e)) return e.value;
    if (active.has(e)) return e.raw; // loop: reported by the caller
    active.add(e);
    const group = e.section?.name ?? 'DEFAULT';
    const segs: { v: number; vl: number; d: number; dl: number }[] = [];
    let out = '';
    let last = 0;
    const pushVerbatim = (from: number, to: number) => {
      if (to <= from) return;
      segs.push({ v: out.length, vl: to - from, d: from, dl: to - from });
      out += raw.slice(from, to);
    };
    // oslo.config's Template: `$$` (and `\$`) is a literal dollar; `$name` / `${name}` with
    // [_a-z][._a-z0-9]* in any case is a reference; any other `$` is left alone.
    const scan = /\\\$|\$(?:(\$)|([_a-z][._a-z0-9]*)|\{([_a-z][._a-z0-9]*)\}|)/gi;
    let m: RegExpExecArray | null;
    while ((m = scan.exec(raw))) {
      const start = m.index;
      const end = start + m[0].length;
      if (m[0] === '\\$' || m[1]) {
        pushVerbatim(last, start);
        segs.push({ v: out.length, vl: 1, d: start, dl: end - start });
        out += '$';
        last = end;
        continue;
      }
      const name = m[2] ?? m[3];
      if (!name) continue; // a lone `$` stays as it is
      pushVerbatim(last, start);
      const docSpan = e.rawMap.spanToDoc(start, end);
      e.refs.push({ name, span: docSpan });
      const target = resolveReference(byOption, release, group, name);
      let replacement = '';
      if (!target) {
        problems.push({ entry: e, span: docSpan, name, kind: name.startsWith('DEFAULT.') ? 'default-group' : 'unknown' });
      } else if (target.entry) {
        if (active.has(target.entry)) problems.push({ entry: e, span: docSpan, name, kind: 'loop' });
        else replacement = subst(target.entry);
      } else {
        replacement = target.text ?? '';
      }
      segs.push({ v: out.length, vl: replacement.length, d: start, dl: end - start });
      out += replacement;
      last = end;
    }
    pushVerbatim(last, raw.length);
    // Compose: substituted value -> raw value -> document.
    const inner = e.rawMap;
    const composed = new ValueMap(
      segs.flatMap((s) => {
        if (s.vl === s.dl) {
          // Verbatim: split further along the raw map's segments.
          const parts: { v: number; vl: number; d: number; dl: number }[] = [];
          for (const r of inner.segments) {
            const a = Math.max(s.d, r.v);
            const b = Math.min(s.d + s.dl, r.v + r.vl);
            if (b < a || (b === a && r.vl > 0)) continue;
            if (r.vl === r.dl) parts.push({ v: s.v + (a - s.d), vl: b - a, d: r.d + (a - r.v), dl: b - a });
            else parts.push({ v: s.v + (a - s.d), vl: b - a, d: r.d, dl: r.dl });
          }
          return parts;
        }
        const ds = inner.toDoc(s.d);
        const de = inner.toDoc(s.d + s.dl);
        return [{ v: s.v, vl: s.vl, d: ds, dl: de - ds }];
      }),
    );
    e.value = out;
    e.map = composed;
    active.delete(e);
    done.add(e);
    return out;
  };
  // Only values with a `$` change (and a value of several lines is not joined to find out).
  for (const e of ini.entries) if (rawHasDollar(e)) subst(e);
}
