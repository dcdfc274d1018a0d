/**
 * The whole file against the option catalogue of the selected release: unknown,
 * misplaced, deprecated and mistyped options (oslo_config/cfg.py, oslo_config/types.py).
 */
import UPSTREAM_SPELLINGS from '../../catalog/upstream-spellings.json';
import NO_AUTH_GROUPS from '../../catalog/no-auth-groups.json';
import { optionAtPoint } from '../../catalog/point-releases';
import {
  OptionInfo, dynamicOwner, dynamicTemplate, dynamicValue, findDeprecated, getOption, getOptionAnyRelease, groupExists, groupExistsAnyRelease,
  groupReleases, groupsWithOption, isAuthOptionName, isRuntimeAuthOption, listGroups, listOptions, releaseChange,
} from '../../catalog/options';
import type { NovaConfDocument, ResolvedEntry } from '../../document';
import { resolveReference } from '../../oslo/template';
import type { Entry, Section, Span } from '../../model';
import { bracketMisread, checkOslo } from '../../oslo/types';
import { splitList } from '../../oslo/list';
import type { Release } from '../../releases';
import { suggest } from '../../suggest';
import type { RuleContext, DocumentRuleFamily, ReportExtra, RuleMeta } from '../types';
import { deprecatedOptionFixes, inlineCommentFixes, invalidValueFixes, unknownGroupFixes, unknownOptionFixes, wrongGroupFixes } from './fixes';
import type { FixTable } from '../fix-types';
import { withConsequence } from '../message';
import { ownString } from '../../own-string';
import type { OptionsData } from './data';

const CFG = 'oslo_config/cfg.py';
const rules: RuleMeta<keyof OptionsData & string>[] = [
  { code: 'unknown-group', severity: 'warning', mirrors: CFG, title: 'unknown section', description: 'oslo.config silently ignores a section no option is registered in: every line in it has no effect (each such line is marked too). Section names are case-insensitive, except `[DEFAULT]`, which must be upper-case (`[default]` is a different, unknown section). Nova registers `[neutron_physnet_NAME]` only for each NAME listed in `[neutron] physnets`, and `[mdev_TYPE]` only for each TYPE in `[devices] enabled_mdev_types`; when the file sets that list and leaves the name out, the section is ignored.', bad: '[filter_schedular]\nenabled_filters = PciPassthroughFilter', good: '[filter_scheduler]\nenabled_filters = PciPassthroughFilter' },
  { code: 'unknown-option', severity: 'warning', mirrors: CFG, title: 'unknown option', description: 'oslo.config silently ignores an option it does not know, so a misspelt name behaves as if the line were not there.', bad: '[pci]\nalais = {"name": "gpu"}', good: '[pci]\nalias = {"name": "gpu"}' },
  { code: 'option-wrong-group', severity: 'warning', mirrors: CFG, title: 'option set in the wrong section', description: 'The option exists, but in another section; here it is ignored.', bad: '[DEFAULT]\ndevice_spec = {"vendor_id": "8086"}', good: '[pci]\ndevice_spec = {"vendor_id": "8086"}' },
  { code: 'option-not-in-release', severity: 'warning', mirrors: CFG, title: 'option not available in the selected release', description: 'The option (or its whole section) exists in other releases only: it was added in a later release, or removed before the selected one. The selected release ignores it. Check the `nova-conf.release` setting, or drop the line.', bad: '[DEFAULT]\nenabled_apis = osapi_compute', good: '[DEFAULT]\n# enabled_apis was removed in 2025.2: the API services now run under WSGI' },
  { code: 'deprecated-option', severity: 'warning', novaRules: ['W10'], mirrors: CFG, title: 'deprecated option name', description: 'The name still works but is deprecated: Nova logs a warning and may drop it. For multi-valued options such as device_spec, values under the old and new names add up.', bad: '[pci]\npassthrough_whitelist = {"vendor_id": "8086"}', good: '[pci]\ndevice_spec = {"vendor_id": "8086"}' },
  { code: 'deprecated-for-removal', severity: 'information', mirrors: CFG, title: 'option deprecated for removal', description: 'The option still works in this release but will be removed in a future one.' },
  { code: 'invalid-value', severity: 'error', novaRules: ['S3'], mirrors: 'oslo_config/types.py', title: 'value of the wrong type or out of range', description: 'oslo.config converts the value when a service reads the option, and the service fails if it cannot: a boolean that is not true/false/yes/no/on/off/1/0 (an empty value is not a boolean either), a number that is not a number or is out of range, a value outside the allowed choices, a string that does not match the required pattern or is too long, a list item or `key:value` pair that does not parse, a URI without scheme or host (or with a scheme the option does not allow), an address that is neither an IP address nor a valid host name. Values with `$name` are checked after substitution; empty numbers, strings and lists mean "not set" and are fine.', bad: '[pci]\nreport_in_placement = maybe', good: '[pci]\nreport_in_placement = true' },
  { code: 'duplicate-option', severity: 'warning', mirrors: CFG, title: 'single-valued option set twice', description: 'oslo.config reads one value for a single-valued option: the last line under the current name, or, when the current name is not used at all, the last line under the first deprecated name that is. Every other line that sets the option is ignored (and its value is never checked).', bad: '[DEFAULT]\ndebug = true\ndebug = false', good: '[DEFAULT]\ndebug = false' },
  { code: 'value-brackets', severity: 'warning', mirrors: 'oslo_config/types.py', title: 'list or dict written in brackets', description: 'oslo.config lists are plain comma-separated values and dicts plain `key:value` pairs: brackets are not syntax, so `[a, b]` is read as the two items `[a` and `b]`. Nova accepts the value but does not match the bracketed items. Remove the brackets.', bad: '[filter_scheduler]\nenabled_filters = [ComputeFilter, PciPassthroughFilter]', good: '[filter_scheduler]\nenabled_filters = ComputeFilter, PciPassthroughFilter' },
  { code: 'inline-comment', severity: 'warning', mirrors: 'oslo_config/iniparser.py', title: '"#" after a value is part of the value', description: 'oslo.config has no inline comments: `foo = bar # note` sets foo to `bar # note`. Put comments on their own line.', bad: '[DEFAULT]\nhost = compute1 # rack 4', good: '[DEFAULT]\n# rack 4\nhost = compute1' },
];


/**
 * Did-you-mean for an unknown option of a group, remembered across documents (a keystroke re-checks the
 * whole file, and old configs carry hundreds of unknown options). Bounded: cleared when it grows large.
 * Each key costs one pass over the group's names: the "same words in another order" candidates come from a
 * per-group index (built once per release and group), not from re-splitting every name for every key.
 */
const optionSuggestions = new Map<string, string[]>();
function suggestOption(release: Release, group: string, key: string, groupOptions: OptionInfo[]): string[] {
  const k = `${release}\u0000${group}\u0000${key}`;
  let s = optionSuggestions.get(k);
  if (!s) {
    if (optionSuggestions.size > 20_000) optionSuggestions.clear();
    s = suggestName(key, groupIndex(release, group, groupOptions), 3);
    optionSuggestions.set(ownString(k), s);
  }
  return [...s];
}

interface GroupNames {
  names: string[];
  /** The words of a name, lower-cased and sorted ("_"-joined) -> names with those words. */
  byWords: Map<string, string[]>;
}
const groupIndexes = new Map<string, GroupNames>();
function groupIndex(release: Release, group: string, groupOptions: OptionInfo[]): GroupNames {
  const k = `${release}\u0000${group}`;
  let g = groupIndexes.get(k);
  if (!g) {
    const names = groupOptions.map((o) => o.name);
    const byWords = new Map<string, string[]>();
    for (const n of names) {
      const w = words(n);
      const list = byWords.get(w);
      if (list) list.push(n);
      else byWords.set(w, [n]);
    }
    groupIndexes.set(k, (g = { names, byWords }));
  }
  return g;
}

function words(s: string): string {
  return s.toLowerCase().split(/[_\-.]+/).filter(Boolean).sort().join('_');
}

/** Did-you-mean for option names: the same words in another order first, then close spellings. */
function suggestName(word: string, group: GroupNames, max = 3): string[] {
  const reordered = (group.byWords.get(words(word)) ?? []).filter((c) => c !== word);
  const rest = suggest(word, group.names, max).filter((c) => !reordered.includes(c));
  return [...reordered, ...rest].slice(0, max);
}

/** Releases in words: "added in 2025.1" / "removed in 2025.2". */
function changeText(releases: readonly Release[], release: Release): string {
  const c = releaseChange(releases, release);
  if (c.removed) return `was removed in ${c.removed} (last in ${c.last})`;
  if (c.added) return `was added in ${c.added}`;
  return 'is not in this release';
}

/** A list option's items as oslo.config reads them (lower-cased), and the same as a set. */
interface ListItems {
  items: string[];
  set: Set<string>;
}

/** Per document, the list options already read (null: the file does not set it). */
const listCache = new WeakMap<NovaConfDocument, Map<string, ListItems | null>>();

/**
 * The value of a list option as oslo.config reads it (last line wins), or
 * undefined when the file does not set it. Read once per document through the
 * option index, so checking every dynamic section costs one lookup each.
 */
function listValue(doc: NovaConfDocument, group: string, name: string): ListItems | undefined {
  let cache = listCache.get(doc);
  if (!cache) listCache.set(doc, (cache = new Map()));
  const key = `${group}.${name}`;
  let v = cache.get(key);
  if (v === undefined) {
    const found = doc.byOption.get(key)?.at(-1);
    if (!found) v = null;
    else {
      const items = splitList(found.value).map((x) => x.toLowerCase());
      v = { items, set: new Set(items) };
    }
    cache.set(key, v);
  }
  return v ?? undefined;
}

/** At most this many list items are quoted in a message (the list can hold thousands). */
const QUOTED_ITEMS = 8;
/** Did-you-mean over a list only up to this length. */
const SUGGEST_FROM = 500;

/** Per document, the entries whose `$name` reference cannot be read (syntax rules report them). */
const refProblemEntries = new WeakMap<NovaConfDocument, Set<Entry>>();
function hasRefProblem(doc: NovaConfDocument, e: Entry): boolean {
  let set = refProblemEntries.get(doc);
  if (!set) refProblemEntries.set(doc, (set = new Set(doc.refProblems.map((p) => p.entry))));
  return set.has(e);
}

/**
 * Why Nova ignores a whole section, or undefined when it does not: unknown,
 * not in this release, `[default]`, or a dynamic group Nova does not register.
 */
function sectionProblem(doc: NovaConfDocument, release: Release, section: Section): { message: string; suggestions: string[] } | undefined {
  const dyn = dynamicTemplate(section.name);
  if (!dyn) {
    // Not a dynamic group: the verdict depends on the release and the name alone (did-you-mean over every group is the costly part).
    const k = `${release}\u0000${section.raw}`;
    let hit = staticSections.get(k);
    if (hit === undefined) {
      if (staticSections.size > 5_000) staticSections.clear();
      // Its message names the section: from a copy of the name (own-string.ts), as the verdict outlives the document.
      staticSections.set(ownString(k), (hit = staticSectionProblem(release, { raw: ownString(section.raw), name: ownString(section.name) }) ?? null));
    }
    return hit ?? undefined;
  }
  if (groupExists(release, section.name)) {
    const owner = dynamicOwner(dyn.template);
    const value = dynamicValue(section.name);
    if (!owner || value === undefined) return undefined;
    const list = listValue(doc, owner.group, owner.option);
    if (list === undefined || list.set.has(value.toLowerCase())) return undefined;
    const listed = list.items;
    const quoted = listed.length > QUOTED_ITEMS ? `${listed.slice(0, QUOTED_ITEMS).join(', ')} and ${listed.length - QUOTED_ITEMS} more` : listed.join(', ');
    // Every listed value when there are few; otherwise the closest spellings (not searched in very long lists,
    // which would cost list length × ignored sections).
    const candidates = listed.length <= QUOTED_ITEMS ? listed : listed.length <= SUGGEST_FROM ? suggest(value.toLowerCase(), listed, 3) : [];
    return {
      message: `Nova ignores [${section.raw}] unless [${owner.group}] ${owner.option} includes ${value}: it registers this section only for the values listed there${listed.length ? ` (${quoted})` : ' (the list is empty here)'}.`,
      suggestions: candidates.map((v) => dyn.template.replace(/\{[a-z_]+\}/, v)),
    };
  }
  return staticSectionProblem(release, section);
}

/** Section verdicts of non-dynamic groups per release and name as written. */
const staticSections = new Map<string, { message: string; suggestions: string[] } | null>();

function staticSectionProblem(release: Release, section: Pick<Section, 'raw' | 'name'>): { message: string; suggestions: string[] } | undefined {
  if (groupExists(release, section.name)) return undefined;
  if (section.raw.toLowerCase() === 'default' && section.raw !== 'DEFAULT') {
    return { message: `[${section.raw}] is not [DEFAULT]: only the upper-case spelling is the default section (other section names are case-insensitive), so Nova ignores every line in this one.`, suggestions: ['DEFAULT'] };
  }
  if (groupExistsAnyRelease(section.name)) {
    return { message: `[${section.raw}] ${changeText(groupReleases(section.name), release)}; Nova ${release} ignores every line in it.`, suggestions: [] };
  }
  const suggestions = suggest(section.name, [...listGroups(release), 'DEFAULT'], 3);
  return { message: `Unknown section [${section.raw}]: Nova ignores every line in it${suggestions.length ? ` — did you mean [${suggestions[0]}]?` : '.'}`, suggestions };
}

/** True when the value comes (through `$name`) from a host-dependent default the catalogue only shows as a placeholder. */
function usesPlaceholderDefault(doc: NovaConfDocument, release: Release, e: Entry): boolean {
  for (const ref of e.refs) {
    const target = resolveReference(doc.byOption, release, e.section?.name ?? 'DEFAULT', ref.name);
    if (target && !target.entry && getOption(release, target.group, target.name)?.defaultIsSample) return true;
  }
  return false;
}

/** Where a finding of an entry goes: its key, its value (the key when the value is empty), or its value from an offset to the end. */
type Where = 'key' | 'value' | number;
type Code = keyof OptionsData & string;
/** A finding of one entry, with its place relative to the entry (so it can be replayed on the same text elsewhere). */
type EntryReport = { [C in Code]: { code: C; where: Where; message: string; extra?: ReportExtra<OptionsData[C]> } }[Code];

function rep<C extends Code>(code: C, where: Where, message: string, extra?: ReportExtra<OptionsData[C]>): EntryReport {
  return { code, where, message, extra } as EntryReport;
}

function spanOf(e: Entry, where: Where): Span {
  if (where === 'key') return e.keySpan;
  if (where === 'value') return e.valueSpan.end > e.valueSpan.start ? e.valueSpan : e.keySpan;
  return e.map.spanToDoc(where, e.value.length);
}

function emit(ctx: RuleContext<OptionsData>, e: Entry, reports: readonly EntryReport[]): void {
  // Usually empty: an indexed loop makes no iterator.
  if (reports.length === 0) return;
  const report = ctx.report as (code: Code, span: Span, message: string, extra?: ReportExtra) => void;
  for (let i = 0; i < reports.length; i++) {
    const r = reports[i];
    report(r.code, spanOf(e, r.where), r.message, r.extra);
  }
}

/**
 * The value findings of an entry (inline comment, type and range, brackets): a function of the release, the
 * point release, the option and the value text alone, unless the value has `$name` references (`withRefs`,
 * where the reference's own problems and host-dependent defaults decide whether the value is checked).
 */
function valueReports(release: Release, point: string | undefined, key: string, v: string, catalogued: OptionInfo, skipTypeCheck = false): readonly EntryReport[] {
  let out: EntryReport[] | undefined;
  if (/\s#/.test(v) && !catalogued.secret) {
    const idx = v.search(/\s#/) + 1;
    (out ??= []).push(rep('inline-comment', idx, `oslo.config has no inline comments: the value of ${key} includes "${v.slice(idx)}". Move the comment to its own line.`, { data: { valueOffset: idx } }));
  }
  if (skipTypeCheck) return out ?? NO_REPORTS;
  const opt = optionAtPoint(catalogued, release, point);
  const type = opt.multi && opt.type === 'multi' ? 'str' : opt.type;
  // The facts as they are unless a MultiStrOpt is checked as a string (checkOslo and bracketMisread only read them).
  const spec = type === opt.type ? opt.valueType : { ...opt.valueType, t: type };
  const refusal = checkOslo(spec, v);
  if (refusal) {
    const data: OptionsData['invalid-value'] = { group: opt.group, option: opt.name, type: opt.type };
    if (refusal.choices) {
      data.choices = refusal.choices;
      const bad = type === 'list' ? splitList(v).find((x) => !refusal.choices?.includes(x)) ?? v : v;
      data.suggestions = suggest(bad, refusal.choices, 2);
    }
    (out ??= []).push(rep('invalid-value', 'value', withConsequence(`[${opt.group}] ${opt.name}: ${refusal.reason}`, 'every service that reads it will fail'), { data }));
    return out;
  }
  const misread = bracketMisread(spec, v);
  if (misread) {
    (out ??= []).push(rep('value-brackets', 'value', `oslo.config has no brackets in ${type === 'list' ? 'lists' : 'dicts'}: Nova reads the first item as ${JSON.stringify(misread.first)} and the last as ${JSON.stringify(misread.last)}. Remove the brackets.`, { data: { group: opt.group, option: opt.name } }));
  }
  return out ?? NO_REPORTS;
}

/** The findings of an entry that has none (most): one shared, frozen list. */
const NO_REPORTS: readonly EntryReport[] = Object.freeze([]);

/**
 * For a single-valued option set more than once, each line that oslo.config does not read -> the line it
 * reads: the last line under the current name, else the last under the first deprecated name used.
 * Built from the document's option index (entries per option, in file order); options set once are skipped.
 */
function shadowedEntries(doc: NovaConfDocument): Map<Entry, Entry> {
  const out = new Map<Entry, Entry>();
  doc.byOption.forEach((entries) => {
    if (entries.length < 2) return;
    const opt = doc.resolved.get(entries[0])?.option;
    if (!opt || opt.multi) return;
    let eff: Entry | undefined;
    const names: [string, string][] = [[opt.group, opt.name], ...opt.deprecatedNames.map(([g, n]): [string, string] => [g ?? opt.group, n])];
    for (let k = 0; k < names.length && !eff; k++) {
      const [g, n] = names[k];
      for (let i = entries.length - 1; i >= 0; i--) {
        const e = entries[i];
        if (e.section?.name === g && e.key === n) {
          eff = e;
          break;
        }
      }
    }
    const last = eff ?? entries[entries.length - 1];
    for (let i = 0; i < entries.length; i++) if (entries[i] !== last) out.set(entries[i], last);
  });
  return out;
}

/**
 * Findings of one entry that depend only on the release, its section and its key (unknown, misplaced,
 * not in this release, deprecated names): the unknown and misplaced ones end the entry's checks (`stop`).
 */
function headReports(release: Release, group: string, sectionRaw: string, key: string, r: ResolvedEntry | undefined): readonly EntryReport[] {
  if (!r?.option) {
    if (isRuntimeAuthOption(release, group, key)) return NO_REPORTS;
    const any = getOptionAnyRelease(group, key);
    if (any) {
      // The name a later library fixed (oslo.messaging's rabbit_quroum_*): point at the spelling this release reads.
      const odd = suggestOption(release, group, key, listOptions(release, group)).find((c) => upstreamSpelling(group, c));
      const hint = odd ? ` — did you mean "${odd}"?${upstreamSpelling(group, odd)}` : '';
      return [rep('option-not-in-release', 'key', `[${group}] ${key} ${changeText(any.releases, release)}; Nova ${release} ignores it${hint}.`, { data: { group, option: key, releases: any.releases } })];
    }
    const dyn = dynamicTemplate(group);
    if (dyn?.deprecated) {
      const target = dyn.template.replace(/\{[a-z_]+\}/, dynamicValue(group) ?? '');
      const known = listOptions(release, target).map((o) => o.name);
      if (known.includes(key)) {
        return [rep('option-wrong-group', 'key', `${key} belongs in [${target}], not [${sectionRaw}]: the old section name works only for ${listOptions(release, group).map((o) => o.name).join(', ')}, so here Nova ignores it.`, { data: { group, option: key, targetGroups: [target] } })];
      }
    }
    const elsewhere = groupsWithOption(release, key).filter((g) => g !== group);
    if (elsewhere.length) {
      const noAuth = isAuthOptionName(release, key) ? (NO_AUTH_GROUPS.groups as Record<string, { why: string } | undefined>)[group] : undefined;
      const message = noAuth
        ? `[${sectionRaw}] takes no auth options, so Nova ignores ${key} here: ${noAuth.why}.`
        : elsewhere.length > 3
          ? `[${sectionRaw}] has no option ${key}, so Nova ignores it here; it is an option of ${elsewhere.length} other sections, such as ${elsewhere.slice(0, 3).map((g) => `[${g}]`).join(', ')}.`
          : `${key} belongs in [${elsewhere[0]}]${elsewhere.length > 1 ? ` (or ${elsewhere.slice(1).map((g) => `[${g}]`).join(', ')})` : ''}, not [${sectionRaw}]: here Nova ignores it.`;
      // No move is offered where the group takes no auth at all: which other group's credentials to set is a decision.
      return [rep('option-wrong-group', 'key', message, { data: { group, option: key, targetGroups: noAuth ? [] : elsewhere } })];
    }
    const groupOptions = listOptions(release, group);
    const s = suggestOption(release, group, key, groupOptions);
    return [rep('unknown-option', 'key', `Unknown option "${key}" in [${sectionRaw}]: Nova ignores it${s.length ? ` — did you mean "${s[0]}"?${upstreamSpelling(group, s[0])}` : '.'}`, { data: { group, option: key, suggestions: s } })];
  }
  const opt = r.option;
  // A name that is an option of its own and also the deprecated name of another
  // (keystonemiddleware's auth_uri -> www_authenticate_uri): the other one reads it too.
  const alsoAlias = r.deprecatedName ? undefined : findDeprecated(release, group, key)?.option;
  if (alsoAlias && !(alsoAlias.group === opt.group && alsoAlias.name === opt.name)) {
    return [rep('deprecated-option', 'key', `[${group}] ${key} is deprecated: it is now a fallback name of [${alsoAlias.group}] ${alsoAlias.name}; ${alsoAlias.group === group ? `rename it to ${alsoAlias.name}` : `move it to [${alsoAlias.group}] as ${alsoAlias.name}`}.`, { data: { group, option: key, newGroup: alsoAlias.group, newName: alsoAlias.name }, tags: ['deprecated'] })];
  }
  if (r.deprecatedName) {
    const sameGroup = opt.group === group;
    return [rep('deprecated-option', 'key', `[${group}] ${key} is a deprecated name of [${opt.group}] ${opt.name}; it still works, but ${sameGroup ? `rename it to ${opt.name}` : `move it to [${opt.group}] as ${opt.name}`}.${opt.multi ? ' Values under both names add up.' : ''}`, { data: { group, option: key, newGroup: opt.group, newName: opt.name }, tags: ['deprecated'] })];
  }
  if (opt.deprecatedForRemoval) {
    return [rep('deprecated-for-removal', 'key', `[${opt.group}] ${opt.name} is deprecated${opt.deprecatedSince ? ` since ${opt.deprecatedSince}` : ''} and will be removed in a future release.`, { tags: ['deprecated'] })];
  }
  return NO_REPORTS;
}

/**
 * Findings of entries remembered across documents and versions: a keystroke re-checks the whole file, and
 * all but one of its entries read exactly as before. Per release and point release, then per section
 * (normalised and as written) and key: the head findings, and the value findings per value text. Only
 * values without `$name` references are remembered (a reference's meaning depends on the rest of the file),
 * and only values up to MEMO_VALUE_LENGTH characters. Findings are stored relative to their entry (key,
 * value, offset in the value) and placed on the entry being checked. Bounded: cleared when large.
 */
interface KeyMemo {
  /** The key (a copy, see own-string.ts). */
  key: string;
  head: readonly EntryReport[];
  /** The first value remembered and its findings (most keys appear once in a file, with one value). */
  value: string | undefined;
  reports: readonly EntryReport[] | undefined;
  /** The other values remembered: made with the second. */
  values: Map<string, readonly EntryReport[]> | undefined;
}
/** Per release and point release, section as written, key. Nested maps: no key string is built per entry. */
const entryMemo = new Map<string, Map<string, Map<string, KeyMemo>>>();
let memoSize = 0;
let memoEnabled = true;
const MEMO_LIMIT = 20_000;
const MEMO_VALUE_LENGTH = 256;

/** Bypasses the per-entry memo (without emptying it) or uses it again; the equivalence tests compare both paths. */
export function setOptionsMemo(enabled: boolean): void {
  memoEnabled = enabled;
}

/** Empties the per-entry memo. */
export function clearOptionsMemo(): void {
  entryMemo.clear();
  memoSize = 0;
}

function keyMemo(release: Release, point: string | undefined, group: string, sectionRaw: string, key: string, r: ResolvedEntry | undefined): KeyMemo {
  // The group is the section name as written, normalised: the name as written decides both.
  const ck = point === undefined ? release : `${release}\u0000${point}`;
  let bySection = entryMemo.get(ck);
  if (!bySection) entryMemo.set(ck, (bySection = new Map()));
  let byKey = bySection.get(sectionRaw);
  if (!byKey) bySection.set(ownString(sectionRaw), (byKey = new Map()));
  let m = byKey.get(key);
  if (!m) {
    // What the memo keeps must not point into the document's text (own-string.ts).
    group = ownString(group);
    sectionRaw = ownString(sectionRaw);
    key = ownString(key);
    if (++memoSize > MEMO_LIMIT) {
      entryMemo.clear();
      bySection.clear();
      byKey.clear();
      entryMemo.set(ck, bySection);
      bySection.set(sectionRaw, byKey);
      memoSize = 1;
    }
    byKey.set(key, (m = { key, head: headReports(release, group, sectionRaw, key, r), value: undefined, reports: undefined, values: undefined }));
  }
  return m;
}

function check(ctx: RuleContext<OptionsData>): void {
  const { doc, release } = ctx;
  const ignoredSections = new Map<Section, string>();
  const warned = new Set<string>();
  // Indexed loops here and in shadowedEntries: this runs once per file in the CLI, mostly before V8 optimises it, where
  // each step of a for-of is an object (docs/performance.md, Round 20: lint20).
  const sections = doc.ini.sections;
  for (let i = 0; i < sections.length; i++) {
    const section = sections[i];
    const p = sectionProblem(doc, release, section);
    if (!p) continue;
    ignoredSections.set(section, section.raw);
    if (warned.has(section.raw)) continue;
    warned.add(section.raw);
    ctx.report('unknown-group', section.nameSpan, p.message, { data: { group: section.raw, suggestions: p.suggestions } });
  }
  const shadowed = shadowedEntries(doc);
  const point = ctx.point;
  const entries = doc.ini.entries;
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i];
    if (!e.section) continue;
    const group = e.section.name;
    if (ignoredSections.has(e.section)) {
      // Each line of an ignored section is itself ignored: mark it where it is.
      const inRelease = groupExistsAnyRelease(group) && !groupExists(release, group);
      ctx.report(inRelease ? 'option-not-in-release' : 'unknown-option', e.keySpan, `${e.key} is in [${e.section.raw}], a section Nova ignores (see its header), so Nova ignores it too.`, { data: { group: e.section.raw, option: e.key, suggestions: [] }, tags: ['unnecessary'] });
      continue;
    }
    const r = doc.resolved.get(e);
    // Without the memo (a one-file CLI run), no record per entry.
    const memo = memoEnabled ? keyMemo(release, point, group, e.section.raw, e.key, r) : undefined;
    emit(ctx, e, memo ? memo.head : headReports(release, group, e.section.raw, e.key, r));
    if (!r?.option) continue;
    const opt = r.option;
    const eff = opt.multi ? undefined : shadowed.get(e);
    if (eff) {
      const sameName = eff.section?.name === group && eff.key === e.key;
      const msg = sameName
        ? `[${opt.group}] ${opt.name} is set again further down; only the last value counts, so this line has no effect.`
        : `This line has no effect: [${eff.section?.raw}] ${eff.key} (line ${doc.positionAt(eff.keySpan.start).line + 1}) sets the same option, and oslo.config takes the value from there (it looks under the current name first, then under deprecated names in order).`;
      ctx.report('duplicate-option', e.keySpan, msg, { related: [{ span: eff.keySpan, message: 'the value that counts' }], tags: ['unnecessary'] });
      continue;
    }
    const isJson = opt.group === 'pci' && (opt.name === 'device_spec' || opt.name === 'alias');
    if (isJson) continue;
    const v = e.value;
    if (e.raw.includes('$') && e.refs.length) {
      // A reference that cannot be read fails on itself (syntax rules report it); a host-dependent default is not checked.
      emit(ctx, e, valueReports(release, point, e.key, v, opt, hasRefProblem(doc, e) || usesPlaceholderDefault(doc, release, e)));
      continue;
    }
    const memoise = memo !== undefined && v.length <= MEMO_VALUE_LENGTH ? memo : undefined;
    let found = memoise ? (memoise.value === v ? memoise.reports : memoise.values?.get(v)) : undefined;
    if (!found) {
      const value = memoise ? ownString(v) : v;
      found = valueReports(release, point, memoise ? memoise.key : e.key, value, opt);
      if (memoise) {
        if (memoise.value === undefined) {
          memoise.value = value;
          memoise.reports = found;
        } else (memoise.values ??= new Map()).set(value, found);
        memoSize++;
      }
    }
    emit(ctx, e, found);
  }
}

/** The quick fixes of this family, by rule code (the registry builds the fix table from these). */
const FIXES: FixTable<OptionsData> = { 'unknown-option': unknownOptionFixes, 'unknown-group': unknownGroupFixes, 'deprecated-option': deprecatedOptionFixes, 'option-wrong-group': wrongGroupFixes, 'invalid-value': invalidValueFixes, 'inline-comment': inlineCommentFixes };

export const optionsFamily: DocumentRuleFamily<OptionsData> = { name: 'options', scope: 'document', rules, check, fixes: FIXES };

/** A note when the suggested option's real name is misspelt upstream (so the odd spelling is not taken for ours). */
function upstreamSpelling(group: string, option: string): string {
  const m = (UPSTREAM_SPELLINGS.options as Record<string, Record<string, { spelt: string; word: string } | undefined> | undefined>)[group]?.[option];
  return m ? ` (that is its real name: upstream spells "${m.word}" as "${m.spelt}" there)` : '';
}
