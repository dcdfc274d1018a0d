/**
 * The parsed document: the INI model, the option each entry sets, `$name`
 * substitution, and the JSON trees of device_spec/alias values. Built once per
 * document version and release; every feature reads it.
 */
import type { Position, Range } from 'vscode-languageserver-types';
import { Entry, IniModel, JsonKind, JsonValue, Span } from './model';
import { parseIni } from './oslo/ini';
import { RefProblem, substituteAll } from './oslo/template';
import { computeLineStarts, offsetOf, positionOf } from './lines';
import { readJsonValue } from './model/json-value';
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
  /** Set when the file's bytes are not valid UTF-8 (the adapter read them): oslo.config cannot read it, nothing else is analysed. */
  undecodable?: { offset: number; byte: number };
  /** Set for a Jinja template (`*.j2`, or text with Jinja tags): what the template decides. */
  jinja?: JinjaInfo;
  /** Unknown `$name` references and loops found while substituting. */
  refProblems: RefProblem[];
  /** The entry whose lines contain the offset (from its first line's start to its last line's end). */
  entryAt(offset: number): Entry | undefined;
  /** The parsed JSON of a device_spec/alias entry. */
  jsonOf(entry: Entry): JsonValue | undefined;
  positionAt(offset: number): Position;
  offsetAt(position: Position): number;
  rangeOf(span: Span): Range;
}

const JSON_OPTIONS: Record<string, JsonKind> = { 'pci.device_spec': 'device_spec', 'pci.alias': 'alias' };

export function parseDocument(text: string, uri: string, version: number, settingsRelease: Release, maxSize = Infinity, undecodable?: { offset: number; byte: number }): NovaConfDocument {
  // A file oslo.config cannot decode is, like one over the size cap, kept for positions but not analysed.
  const tooLarge = text.length > maxSize || undecodable !== undefined;
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
  const positionAt = (offset: number): Position => positionOf(text, lineStarts, offset);
  const offsetAt = (p: Position): number => offsetOf(text, lineStarts, p);

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
    // The same shapes as `{ entry, ...hit }`, without a spread per entry.
    resolved.set(e, hit.option ? (hit.deprecatedName ? { entry: e, option: hit.option, deprecatedName: true } : { entry: e, option: hit.option }) : { entry: e });
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

  const refProblems: RefProblem[] = [];
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
      (kind === 'device_spec' ? deviceSpecs : aliases).push(readJsonValue(e, kind));
    }
  }

  const jsonByEntry = new Map<Entry, JsonValue>();
  for (const jv of deviceSpecs) jsonByEntry.set(jv.entry, jv);
  for (const jv of aliases) jsonByEntry.set(jv.entry, jv);

  const entryAt = (offset: number): Entry | undefined => {
    const entries = ini.entries;
    let lo = 0;
    let hi = entries.length - 1;
    let idx = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (entries[mid].span.start <= offset) {
        idx = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (idx < 0) return undefined;
    const e = entries[idx];
    const line = positionAt(offset).line;
    return line >= positionAt(e.span.start).line && line <= positionAt(e.span.end).line ? e : undefined;
  };

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
    tooLarge: tooLarge && !undecodable,
    undecodable,
    deviceSpecs,
    aliases,
    refProblems,
    entryAt,
    jsonOf: (entry: Entry) => jsonByEntry.get(entry),
    positionAt,
    offsetAt,
    rangeOf: (span: Span) => ({ start: positionAt(span.start), end: positionAt(span.end) }),
  };
}
