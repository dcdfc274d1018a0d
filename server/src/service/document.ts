/**
 * The parsed document: the INI model, the option each entry sets, `$name`
 * substitution, and the JSON trees of device_spec/alias values. Built once per
 * document version and release; every feature reads it.
 */
import type { Position, Range } from 'vscode-languageserver-types';
import { Entry, IniModel, JsonKind, JsonValue, Span } from './model';
import { entryIndex, parseIni, unreadIni } from './oslo/ini';
import { RefProblem, substituteAll } from './oslo/template';
import { offsetOf, positionOf } from './lines';
import { readJsonValue } from './model/json-value';
import { OptionInfo, findDeprecated, getOption } from './catalog/options';
import { Release } from './releases';
import { FileRoles, fileRoles } from './workspace/roles';
import { looksLikeJinja, parseJinja } from './sources/jinja';
import { JinjaInfo, jinjaInfo, jsonView } from './sources/jinja-document';
import { ownString } from './own-string';

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
  /** What each entry of `ini.entries` sets (a table by entry position, read like a Map). */
  resolved: EntryTable<ResolvedEntry>;
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

/** Read access by entry to a per-entry table. */
export interface EntryTable<T> {
  get(entry: Entry): T | undefined;
}

/**
 * What each of `entries` sets, by position: no hashing per entry of a big file (a Map of every entry was ~5% of a
 * parse), and no object per entry kept with the document: the table holds the shared resolutions and `get` makes
 * the small ResolvedEntry when asked (the options rule asks once per entry; those die young). A class, not a
 * closure over the entries (see ParsedDocument).
 */
class ResolvedTable implements EntryTable<ResolvedEntry> {
  private readonly entries: readonly Entry[];
  private readonly hits: (Resolution | undefined)[];

  constructor(entries: readonly Entry[], hits: (Resolution | undefined)[]) {
    this.entries = entries;
    this.hits = hits;
  }

  get(entry: Entry): ResolvedEntry | undefined {
    const i = entryIndex(entry);
    if (i < 0 || this.entries[i] !== entry) return undefined;
    const hit = this.hits[i];
    if (!hit?.option) return { entry };
    // The same shapes as `{ entry, ...hit }`, without a spread.
    return hit.deprecatedName ? { entry, option: hit.option, deprecatedName: true } : { entry, option: hit.option };
  }
}

const JSON_OPTIONS: Record<string, JsonKind> = { 'pci.device_spec': 'device_spec', 'pci.alias': 'alias' };

/** What a (group, key) of a release resolves to: the option it sets (also through a deprecated name), its `group.name` key, and whether its values are JSON. */
interface Resolution {
  option?: OptionInfo;
  deprecatedName?: boolean;
  /** `group.option` of `option` (the byOption key). */
  optionKey?: string;
  json?: JsonKind;
}

/**
 * Resolutions per release, group and key, shared by every document: the catalogue never changes, and a
 * keystroke re-parses a file whose thousands of keys were resolved a moment ago. Bounded: cleared when it
 * grows large (a file of 100,000 distinct made-up keys must not keep them all).
 */
const RESOLUTIONS = new Map<Release, Map<string, Map<string, Resolution>>>();
let resolutionCount = 0;
const MAX_RESOLUTIONS = 20_000;

function resolutionsOf(release: Release): Map<string, Map<string, Resolution>> {
  let byGroup = RESOLUTIONS.get(release);
  if (!byGroup) RESOLUTIONS.set(release, (byGroup = new Map()));
  return byGroup;
}

function resolveName(byGroup: Map<string, Map<string, Resolution>>, release: Release, group: string, key: string): Resolution {
  let byKey = byGroup.get(group);
  if (!byKey) byGroup.set(ownString(group), (byKey = new Map()));
  let hit = byKey.get(key);
  if (hit) return hit;
  const direct = getOption(release, group, key);
  const dep = direct ? undefined : findDeprecated(release, group, key);
  const option = direct ?? dep?.option;
  if (option) {
    const optionKey = `${option.group}.${option.name}`;
    hit = { option, optionKey, json: JSON_OPTIONS[optionKey], deprecatedName: dep ? true : undefined };
  } else hit = {};
  if (++resolutionCount > MAX_RESOLUTIONS) {
    RESOLUTIONS.clear();
    resolutionCount = 1;
    resolutionsOf(release).set(group, byKey);
    byKey.clear();
  }
  byKey.set(ownString(key), hit);
  return hit;
}

export function parseDocument(text: string, uri: string, version: number, settingsRelease: Release, maxSize = Infinity, undecodable?: { offset: number; byte: number }): NovaConfDocument {
  // A file oslo.config cannot decode is, like one over the size cap, kept for positions but not analysed.
  const tooLarge = text.length > maxSize || undecodable !== undefined;
  const roles = fileRoles(uri, tooLarge ? '' : text);
  const release = roles.release ?? settingsRelease;
  // A document over the size cap keeps its text (positions stay right) but is not analysed.
  const tpl = !tooLarge && looksLikeJinja(text, uri) ? parseJinja(text) : undefined;
  // A template is read with its Jinja masked (same length, so every offset is still the file's).
  const ini = tooLarge
    ? unreadIni(text)
    : tpl
      ? parseIni(tpl.masked, { skip: tpl.skipLines, start: tpl.lineStarts })
      : parseIni(text);

  const hits = new Array<Resolution | undefined>(ini.entries.length);
  const byOption = new Map<string, Entry[]>();
  // How many entries set a device_spec / alias value (their hits say which): the lists of values are made at their
  // size, not grown entry by entry (a 10 MB PCI file has ~49,000).
  let devices = 0;
  let aliasCount = 0;
  const names = resolutionsOf(release);
  for (let i = 0; i < ini.entries.length; i++) {
    const e = ini.entries[i];
    const group = e.section?.name;
    if (group === undefined) {
      hits[i] = undefined;
      continue;
    }
    const hit = resolveName(names, release, group, e.key);
    hits[i] = hit;
    if (!hit.option) continue;
    const list = byOption.get(hit.optionKey!);
    if (list) list.push(e);
    else byOption.set(hit.optionKey!, [e]);
    if (hit.json === 'device_spec') devices++;
    else if (hit.json) aliasCount++;
  }

  const refProblems: RefProblem[] = [];
  substituteAll(ini, byOption, release, refProblems);

  const deviceSpecs = new Array<JsonValue>(devices);
  const aliases = new Array<JsonValue>(aliasCount);
  let nd = 0;
  let na = 0;
  // Nova's MultiStrOpt: values under deprecated names first, then the option's own name.
  const doc = tpl ? undefined : ini.text;
  for (let pass = 0; pass < 2; pass++) {
    const deprecated = pass === 0;
    for (let i = 0; i < hits.length; i++) {
      const hit = hits[i];
      if (!hit?.json || (hit.deprecatedName === true) !== deprecated) continue;
      const e = ini.entries[i];
      if (tpl) e.value = jsonView(tpl, e);
      if (hit.json === 'device_spec') deviceSpecs[nd++] = readJsonValue(e, 'device_spec', doc);
      else aliases[na++] = readJsonValue(e, hit.json, doc);
    }
  }

  const jinja = tpl ? jinjaInfo(tpl, ini, [...deviceSpecs, ...aliases]) : undefined;
  return new ParsedDocument(uri, version, release, roles, text, ini, jinja, new ResolvedTable(ini.entries, hits), byOption, tooLarge && !undecodable, undecodable, deviceSpecs, aliases, refProblems);
}

/**
 * The parsed document. Its helpers (positions, the entry at an offset, an entry's JSON) are methods reading `this`,
 * not closures made per document: TurboFan inlines a closure it sees called from a hot feature function (completion's
 * `edit`) together with the closure's context, and folds what the context holds (the text) into the optimised code
 * as a constant, which then kept a closed document's text alive until that code ran again with another document
 * (docs/performance.md, "A closed document kept alive" in Round 7, and Round 8). A method's receiver is an argument,
 * never a constant of the code. Call them on the document (`doc.positionAt(o)`), not detached.
 */
class ParsedDocument implements NovaConfDocument {
  readonly uri: string;
  readonly version: number;
  readonly release: Release;
  readonly roles: FileRoles;
  readonly text: string;
  readonly ini: IniModel;
  readonly jinja: JinjaInfo | undefined;
  readonly resolved: EntryTable<ResolvedEntry>;
  readonly byOption: Map<string, Entry[]>;
  readonly tooLarge: boolean;
  readonly undecodable: { offset: number; byte: number } | undefined;
  readonly deviceSpecs: JsonValue[];
  readonly aliases: JsonValue[];
  readonly refProblems: RefProblem[];
  /** Entry -> JSON value, made when first asked (hover, symbols, fixes; the rules walk the lists). */
  private jsonByEntry: Map<Entry, JsonValue> | undefined;

  constructor(
    uri: string,
    version: number,
    release: Release,
    roles: FileRoles,
    text: string,
    ini: IniModel,
    jinja: JinjaInfo | undefined,
    resolved: EntryTable<ResolvedEntry>,
    byOption: Map<string, Entry[]>,
    tooLarge: boolean,
    undecodable: { offset: number; byte: number } | undefined,
    deviceSpecs: JsonValue[],
    aliases: JsonValue[],
    refProblems: RefProblem[],
  ) {
    this.uri = uri;
    this.version = version;
    this.release = release;
    this.roles = roles;
    this.text = text;
    this.ini = ini;
    this.jinja = jinja;
    this.resolved = resolved;
    this.byOption = byOption;
    this.tooLarge = tooLarge;
    this.undecodable = undecodable;
    this.deviceSpecs = deviceSpecs;
    this.aliases = aliases;
    this.refProblems = refProblems;
    this.jsonByEntry = undefined;
  }

  positionAt(offset: number): Position {
    return positionOf(this.text, this.ini.lineStarts, offset);
  }

  offsetAt(p: Position): number {
    return offsetOf(this.text, this.ini.lineStarts, p);
  }

  rangeOf(span: Span): Range {
    return { start: this.positionAt(span.start), end: this.positionAt(span.end) };
  }

  jsonOf(entry: Entry): JsonValue | undefined {
    let byEntry = this.jsonByEntry;
    if (!byEntry) {
      byEntry = this.jsonByEntry = new Map();
      for (const jv of this.deviceSpecs) byEntry.set(jv.entry, jv);
      for (const jv of this.aliases) byEntry.set(jv.entry, jv);
    }
    return byEntry.get(entry);
  }

  entryAt(offset: number): Entry | undefined {
    const entries = this.ini.entries;
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
    const line = this.positionAt(offset).line;
    return line >= this.positionAt(e.span.start).line && line <= this.positionAt(e.span.end).line ? e : undefined;
  }
}
