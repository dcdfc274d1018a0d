/**
 * The parsed document: the INI model, the option each entry sets, `$name`
 * substitution, and the JSON trees of device_spec/alias values. Built once per
 * document version and release; every feature reads it.
 */
import type { Position, Range } from 'vscode-languageserver-types';
import { Entry, IniModel, JsonKind, JsonValue, Span, ValueMap } from './model';
import { parseIni } from './parse/ini';
import { computeLineStarts } from './parse/text';
import { parsePythonJson } from './parse/json';
import { OptionInfo, findDeprecated, getOption } from './catalog/options';
import { Release } from './releases';
import { FileRoles, fileRoles } from './workspace/roles';
import { looksLikeJinja, parseJinja } from './sources/jinja';
import { JinjaInfo, jinjaInfo, jsonView } from './sources/jinja-document';

export interface ResolvedEntry {
  entry: Entry;
  /** The option this line sets, when known (also through a deprecated name). */
  option?: OptionInfo;
  /** Set when the line uses a deprecated name of `option`. */
  deprecatedName?: boolean;
}

export interface NovaConfDocument {
  uri: string;
  version: number;
  /** The release the rules follow: the settings' one, or the file's own `# nova-conf: release=` directive. */
  release: Release;
  /** Which Nova services read the file (directive, name and place); see workspace/roles.ts. */
  roles: FileRoles;
  text: string;
  ini: IniModel;
  resolved: Map<Entry, ResolvedEntry>;
  /** `group.option` -> every entry that sets it (also through deprecated names), in file order. */
  byOption: Map<string, Entry[]>;
  /** device_spec values (new and deprecated names) in the order Nova reads them. */
  deviceSpecs: JsonValue[];
  /** alias values (new and deprecated names) in the order Nova reads them. */
  aliases: JsonValue[];
  /** Set when the text is over the size cap and was not analysed. */
  tooLarge: boolean;
  /** Set for a Jinja template (`*.j2`, or text with Jinja tags): what the template decides. */
  jinja?: JinjaInfo;
  /** Unknown `$name` references and loops found while substituting. */
  refProblems: { entry: Entry; span: Span; name: string; kind: 'unknown' | 'loop' }[];
  positionAt(offset: number): Position;
  offsetAt(position: Position): number;
  rangeOf(span: Span): Range;
}

const JSON_OPTIONS: Record<string, JsonKind> = { 'pci.device_spec': 'device_spec', 'pci.alias': 'alias' };

export function parseDocument(text: string, uri: string, version: number, settingsRelease: Release, maxSize = Infinity): NovaConfDocument {
  const tooLarge = text.length > maxSize;
  const roles = fileRoles(uri, tooLarge ? '' : text);
  const release = roles.release ?? settingsRelease;
  // A document over the size cap keeps its text (positions stay right) but is not analysed.
  const tpl = !tooLarge && looksLikeJinja(text, uri) ? parseJinja(text) : undefined;
  // A template is read with its Jinja masked (same length, so every offset is still the file's).
  const ini = tooLarge
    ? { ...parseIni(''), text, lineStarts: computeLineStarts(text) }
    : tpl
      ? parseIni(tpl.masked, { skip: tpl.skipLines, start: tpl.lineStarts })
      : parseIni(text);
  const lineStarts = ini.lineStarts;
  const positionAt = (offset: number): Position => {
    const o = Math.max(0, Math.min(offset, text.length));
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    // An offset inside a \r\n pair belongs to the end of the line.
    return { line: lo, character: o - lineStarts[lo] };
  };
  const offsetAt = (p: Position): number => {
    if (p.line < 0) return 0;
    if (p.line >= lineStarts.length) return text.length;
    const start = lineStarts[p.line];
    const next = p.line + 1 < lineStarts.length ? lineStarts[p.line + 1] : text.length;
    let end = next;
    if (end > start && text.charCodeAt(end - 1) === 10) end--;
    if (end > start && text.charCodeAt(end - 1) === 13) end--;
    return Math.max(start, Math.min(start + Math.max(0, p.character), end));
  };

  const resolved = new Map<Entry, ResolvedEntry>();
  // Files repeat the same keys (thousands of device_spec lines): resolve each group/key once.
  const seen = new Map<string, { option?: OptionInfo; deprecatedName?: boolean }>();
  for (const e of ini.entries) {
    const group = e.section?.name;
    if (group === undefined) {
      resolved.set(e, { entry: e });
      continue;
    }
    const k = `${group}\u0000${e.key}`;
    let hit = seen.get(k);
    if (!hit) {
      const direct = getOption(release, group, e.key);
      const dep = direct ? undefined : findDeprecated(release, group, e.key);
      hit = direct ? { option: direct } : dep ? { option: dep.option, deprecatedName: true } : {};
      seen.set(k, hit);
    }
    resolved.set(e, { entry: e, ...hit });
  }

  const byOption = new Map<string, Entry[]>();
  for (const e of ini.entries) {
    const o = resolved.get(e)?.option;
    if (!o) continue;
    const k = `${o.group}.${o.name}`;
    const list = byOption.get(k);
    if (list) list.push(e);
    else byOption.set(k, [e]);
  }

  const refProblems: NovaConfDocument['refProblems'] = [];
  substituteAll(ini, byOption, release, refProblems);

  const deviceSpecs: JsonValue[] = [];
  const aliases: JsonValue[] = [];
  // Nova's MultiStrOpt: values under deprecated names first, then the option's own name.
  for (const pass of [true, false]) {
    for (const e of ini.entries) {
      const r = resolved.get(e);
      if (!r?.option || Boolean(r.deprecatedName) !== pass) continue;
      const kind = JSON_OPTIONS[`${r.option.group}.${r.option.name}`];
      if (!kind) continue;
      if (tpl) e.value = jsonView(tpl, e);
      const parsed = parsePythonJson(e.value);
      const jv: JsonValue = { entry: e, kind, root: parsed.root, valid: parsed.errors.length === 0 };
      if (parsed.errors.length) {
        const err = parsed.errors[0];
        jv.error = { code: 'json', message: err.message, span: e.map.spanToDoc(err.start, err.end), data: { kind: err.kind, replacement: err.replacement, valueStart: err.start, valueEnd: err.end } };
      }
      (kind === 'device_spec' ? deviceSpecs : aliases).push(jv);
    }
  }

  return {
    uri,
    version,
    release,
    roles,
    text,
    ini,
    jinja: tpl ? jinjaInfo(tpl, ini, [...deviceSpecs, ...aliases]) : undefined,
    resolved,
    byOption,
    tooLarge,
    deviceSpecs,
    aliases,
    refProblems,
    positionAt,
    offsetAt,
    rangeOf: (span: Span) => ({ start: positionAt(span.start), end: positionAt(span.end) }),
  };
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
  const d = opt.d;
  return { text: d === undefined || d === null ? '' : Array.isArray(d) ? d.join(',') : String(d) };
}

function substituteAll(ini: IniModel, byOption: Map<string, Entry[]>, release: Release, problems: NovaConfDocument['refProblems']): void {
  const done = new Set<Entry>();
  const active = new Set<Entry>();
  const subst = (e: Entry): string => {
    const raw = e.raw;
    if (!raw.includes('$')) return e.value; // nothing to substitute (most entries)
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
        problems.push({ entry: e, span: docSpan, name, kind: 'unknown' });
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
  for (const e of ini.entries) subst(e);
}
