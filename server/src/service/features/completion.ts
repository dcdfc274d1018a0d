/**
 * Completion: section headers, option names, option values (booleans, choices,
 * scheduler filters), and inside device_spec/alias JSON: tags, alias fields,
 * address keys, enum values, PCI vendors/devices by name, and whole-entry
 * snippets. Every item carries a text edit whose range is exactly the word
 * being completed.
 */
import { CompletionItemKind, CompletionItemTag, InsertTextFormat, MarkupKind } from 'vscode-languageserver-types';
import type { CompletionItem, CompletionList, Position, Range } from 'vscode-languageserver-types';
import type { NovaConfDocument } from '../document';
import type { Release } from '../releases';
import type { FeatureContext } from '../types';
import type { Span } from '../model';
import { OptionInfo, getOption, listGroups, listOptions } from '../catalog/options';
import { RELEASES } from '../releases';
import { ADDRESS_KEYS, ALIAS_FIELDS, DEVICE_SPEC_TAGS, ENUMS, aliasFields, deviceSpecTags, schedulerFilters } from '../catalog/pci';
import type { TagInfo } from '../catalog/pci';
import { pyStrip } from '../python/whitespace';
import { readableAlias } from '../model/pci';
import { getValue } from '../model/py';
import { JsonPlace, JsonQuery, KeyQuery, ListValue, PlainValue, SectionQuery, queryAt } from '../query';
import { inJinja } from './jinja';
import { formatDefault, groupDescription as describeGroup, optionMarkdown, typeLabel } from '../describe/options';
import { addressKeyMarkdown, tagKindLabel, tagMarkdown } from '../describe/pci';
import { parseHexInt } from '../python/int';
import { mdCode, mdText } from '../describe/markdown';
import { optionDocumentation } from '../describe/option-documentation';
import { ownString } from '../own-string';

/** At most this many PCI vendors/devices per answer; the list is marked incomplete when cut. */
export const PCI_ID_LIMIT = 50;

const EMPTY: CompletionList = { isIncomplete: false, items: [] };

/** How the adapter wants the items: option documentation inline, or left for `completionItem/resolve`. */
export interface CompletionOptions {
  /**
   * The client resolves `documentation` later (LSP `completionItem.resolveSupport`): option-name items carry
   * `data` instead of their documentation, which `resolveCompletion` fills in for the item the user looks at.
   * A [DEFAULT] key list is ~370 options: ~74 KB of JSON with the documentation inline, a fraction without.
   */
  resolveDocumentation?: boolean;
  /**
   * The character whose typing sent this request (LSP `context.triggerCharacter`), if any. A trigger character is
   * answered only where it starts something to complete: a space after `=`, `,`, `:`, `{` or `[`; a quote that opens
   * a string, not the one that closes a value. An explicit request (Ctrl+Space) is always answered.
   */
  triggerCharacter?: string;
  /**
   * The LSP 3.17 `CompletionList.itemDefaults` the client applies (its `completionList.itemDefaults` capability;
   * VS Code's client lists editRange and data). With editRange and resolveDocumentation, an option-name list
   * sends its range once and reuses its items across requests (`optionNameList`).
   */
  itemDefaults?: readonly string[];
}

/** Characters after which a typed space starts a value, a list item or a JSON key/value. */
const SPACE_STARTS_AFTER = new Set(['=', ',', ':', '{', '[']);

function triggerStartsNothing(doc: NovaConfDocument, offset: number, trigger: string | undefined): boolean {
  if (trigger !== ' ') return false;
  let i = offset - 1;
  while (i >= 0 && (doc.text[i] === ' ' || doc.text[i] === '\t')) i--;
  return i < 0 || !SPACE_STARTS_AFTER.has(doc.text[i]);
}

/**
 * What an option-name item carries when its documentation is resolved later: `release|group|name`, short because the
 * list is long. With LSP 3.17 item defaults the list's default data is `release|group` and the name is the item's
 * label (completion-defaults.ts).
 */
interface OptionItemData {
  nco: string;
}

/** The property of an option item's `data` (see OptionItemData). */
export const OPTION_DATA_KEY = 'nco';

export function doCompletion(doc: NovaConfDocument, position: Position, ctx: FeatureContext, options: CompletionOptions = {}): CompletionList {
  if (doc.jinja && inJinja(doc, doc.offsetAt(position))) return EMPTY; // the template's, not Nova's
  if (triggerStartsNothing(doc, doc.offsetAt(position), options.triggerCharacter)) return EMPTY;
  const q = queryAt(doc, position, 'completion');
  switch (q.kind) {
    case 'section':
      if (options.itemDefaults?.includes('editRange')) return sectionNameList(doc, q);
      return list(sectionItems(doc, q));
    case 'key':
      if (options.resolveDocumentation && options.itemDefaults?.includes('editRange')) return optionNameList(doc, q, options.itemDefaults.includes('data'));
      return list(keyItems(doc, q, options.resolveDocumentation === true));
    case 'value': {
      const v = q.value;
      if (v.type === 'json') {
        // After a complete JSON value the next key needs a comma first; the items say so in their edit, but a
        // list opened by the quote that closed the value (or a space after it) would take the next Enter.
        if (options.triggerCharacter && v.place.at === 'key' && v.place.needsComma) return EMPTY;
        return jsonCompletion(doc, v, ctx);
      }
      if (v.type === 'plain' && q.option) return list(plainValueItems(doc, q.option, v));
      if (v.type === 'list' && q.option) return list(listValueItems(doc, q.option.group, q.option.name, v, q.option.itemChoices));
      return EMPTY;
    }
    default:
      return EMPTY;
  }
}

function list(items: CompletionItem[], isIncomplete = false): CompletionList {
  return { isIncomplete, items };
}

function edit(doc: NovaConfDocument, span: Span, newText: string): { range: Range; newText: string } {
  return { range: doc.rangeOf(span), newText };
}

function md(value: string) {
  return { kind: MarkupKind.Markdown, value };
}

/**
 * Section descriptions kept across requests: completion on a section header lists every group of the release
 * with its description, on every key typed. (Option documentation is not kept: hundreds of texts per section,
 * which would cost the server's memory more than they save in time.)
 */
const groupTexts = new Map<string, string>();
function groupDescription(group: string, release: Release): string {
  const k = `${release}\u0000${group}`;
  let t = groupTexts.get(k);
  if (t === undefined) {
    if (groupTexts.size > 5_000) groupTexts.clear();
    groupTexts.set(k, (t = describeGroup(group, release)));
  }
  return t;
}

function sortKey(i: number): string {
  return String(i).padStart(4, '0');
}

// ---------------------------------------------------------------------------
// INI level

const FIRST_GROUPS = ['pci', 'filter_scheduler'];

/** The item for section name `g`, without its edit (the same for every position). */
function sectionItem(g: string, release: Release): CompletionItem {
  const desc = groupDescription(g, release);
  const first = FIRST_GROUPS.indexOf(g);
  return {
    label: g,
    kind: CompletionItemKind.Module,
    detail: desc,
    documentation: md(`**[${g}]** — ${desc}`),
    sortText: first >= 0 ? `0${first}` : `1${g}`,
    filterText: g,
  };
}

function sectionItems(doc: NovaConfDocument, q: SectionQuery): CompletionItem[] {
  return listGroups(doc.release).map((g) => ({ ...sectionItem(g, doc.release), textEdit: edit(doc, q.replace, q.closed ? g : `${g}]`) }));
}

/**
 * Section-name lists for clients with the editRange item default, kept per release and per header form (with or
 * without its `]`): the items hold nothing that depends on the position, so they are made once, frozen (the LSP
 * writer then sends each item's JSON from bytes it made the first time: server/src/frame-writer.ts), and every
 * request only sends the range being completed. They are the items `withItemDefaults` (completion-defaults.ts) made
 * from `sectionItems` on every request: the same keys and values, the range moved to the list's default. Before,
 * each request built the 62 items, their documentation and text edits, copied them without the edit and serialised
 * the ~15 KB answer (docs/performance.md, Round 10).
 */
const sectionNameLists = new Map<string, readonly CompletionItem[]>();

function sectionNameList(doc: NovaConfDocument, q: SectionQuery): CompletionList {
  const release = doc.release;
  const key = `${release}\u0000${q.closed ? 1 : 0}`;
  let items = sectionNameLists.get(key);
  if (!items) {
    items = listGroups(release).map((g) => {
      const item = sectionItem(g, release);
      Object.freeze(item.documentation);
      if (!q.closed) item.textEditText = `${g}]`;
      return Object.freeze(item);
    });
    sectionNameLists.set(ownString(key), items);
  }
  return { isIncomplete: false, itemDefaults: { editRange: doc.rangeOf(q.replace) }, items: items as CompletionItem[] };
}

function keyItems(doc: NovaConfDocument, q: KeyQuery, lazy: boolean): CompletionItem[] {
  const section = q.section;
  if (!section) return [];
  const release = doc.release;
  const group = section.name;
  const set = optionsSet(doc, q);
  const items: CompletionItem[] = [];
  for (const opt of listOptions(release, group)) {
    if (set.has(opt.name) && opt.type !== 'multi') continue;
    const item: CompletionItem = {
      label: opt.name,
      kind: CompletionItemKind.Property,
      detail: optionDetail(opt),
      // The label is the filter text (the protocol's default), so none is sent.
      ...(lazy ? { data: { nco: `${release}|${opt.group}|${opt.name}` } satisfies OptionItemData } : { documentation: md(optionMarkdown(opt, release)) }),
      sortText: optionSortText(opt),
      textEdit: edit(doc, q.replace, q.hasSeparator ? opt.name : `${opt.name} = `),
    };
    if (opt.deprecatedForRemoval) item.tags = [CompletionItemTag.Deprecated];
    items.push(item);
  }
  return items;
}

/**
 * The last option set a document's option-name completion computed, per document version (a new version is a new
 * document object): requests repeated at one place (the list opened again, a resolve's list) reuse it.
 */
const lastSet = new WeakMap<NovaConfDocument, { section: KeyQuery['section']; entry: KeyQuery['entry']; set: Set<string> }>();

/** The options of the key's section already set there (a MultiStrOpt may be set again). */
function optionsSet(doc: NovaConfDocument, q: KeyQuery): ReadonlySet<string> {
  const kept = lastSet.get(doc);
  if (kept && kept.section === q.section && kept.entry === q.entry) return kept.set;
  const set = new Set<string>();
  lastSet.set(doc, { section: q.section, entry: q.entry, set });
  for (const e of q.section?.entries ?? []) {
    if (e === q.entry) continue;
    const r = doc.resolved.get(e);
    if (r?.option && r.option.group === q.section?.name) set.add(r.option.name);
  }
  return set;
}

function optionDetail(opt: OptionInfo): string {
  return `${typeLabel(opt)} · default: ${formatDefault(opt)}`;
}

function optionSortText(opt: OptionInfo): string {
  return `${opt.deprecatedForRemoval ? '1' : '0'}${opt.name}`;
}

/**
 * Option-name lists for clients with item defaults (editRange, and data when `withData`), kept per release,
 * section, separator and data mode: the items hold nothing that depends on the position, so one request builds
 * them and the next ones only leave out the options already set. A handful of lists, bounded.
 */
const optionNameLists = new Map<string, { opt: OptionInfo; item: CompletionItem }[]>();

function optionNameList(doc: NovaConfDocument, q: KeyQuery, withData: boolean): CompletionList {
  const section = q.section;
  if (!section) return list([]);
  const release = doc.release;
  const group = section.name;
  const all = optionNameItems(release, group, q.hasSeparator, withData);
  const items = offered(all, optionsSet(doc, q));
  const itemDefaults: NonNullable<CompletionList['itemDefaults']> = { editRange: doc.rangeOf(q.replace) };
  if (withData) itemDefaults.data = { [OPTION_DATA_KEY]: `${release}|${group}` };
  return { isIncomplete: false, itemDefaults, items };
}

/**
 * The items of a kept list the user can still add (an option already set in the section is left out, unless it
 * may repeat), as a frozen array. The last such array is kept per list and handed out again while the same options
 * are left out, which is the common case: repeated requests on one version, and keystrokes that change a value
 * rather than which options are set. So a request allocates no item array, and the LSP writer sends the whole
 * array from the bytes it made the first time (server/src/frame-writer.ts): one option-name answer on the
 * 6,500-line real config is ~15 KB of JSON (docs/performance.md, Round 12).
 */
const lastOffered = new WeakMap<readonly { opt: OptionInfo; item: CompletionItem }[], readonly CompletionItem[]>();

function offered(all: readonly { opt: OptionInfo; item: CompletionItem }[], set: ReadonlySet<string>): CompletionItem[] {
  const last = lastOffered.get(all);
  if (last) {
    let j = 0;
    let same = true;
    for (const { opt, item } of all) {
      if (set.has(opt.name) && opt.type !== 'multi') continue;
      if (last[j++] !== item) {
        same = false;
        break;
      }
    }
    // Frozen: a caller that changed the array would change every later answer.
    if (same && j === last.length) return last as CompletionItem[];
  }
  const items: CompletionItem[] = [];
  for (const { opt, item } of all) if (!set.has(opt.name) || opt.type === 'multi') items.push(item);
  lastOffered.set(all, Object.freeze(items));
  return items;
}

/** The kept option-name items of a release, section, separator form and data mode (made on first use). */
function optionNameItems(release: Release, group: string, hasSeparator: boolean, withData: boolean): readonly { opt: OptionInfo; item: CompletionItem }[] {
  const key = `${release}\u0000${group}\u0000${hasSeparator ? 1 : 0}${withData ? 1 : 0}`;
  let all = optionNameLists.get(key);
  if (!all) {
    all = listOptions(release, group).map((opt) => {
      const item: CompletionItem = { label: opt.name, kind: CompletionItemKind.Property, detail: optionDetail(opt), sortText: optionSortText(opt) };
      const newText = hasSeparator ? opt.name : `${opt.name} = `;
      if (newText !== opt.name) item.textEditText = newText;
      // The list's default data is `release|group`: only an option of another group would need its own.
      if (!withData || opt.group !== group) item.data = { nco: `${release}|${opt.group}|${opt.name}` } satisfies OptionItemData;
      if (opt.deprecatedForRemoval) item.tags = [CompletionItemTag.Deprecated];
      // Frozen, nested values too: the same item goes out in every answer, and the LSP writer sends a frozen
      // item's JSON from the bytes it made the first time (server/src/frame-writer.ts).
      if (item.data) Object.freeze(item.data);
      if (item.tags) Object.freeze(item.tags);
      return { opt, item: Object.freeze(item) };
    });
    if (optionNameLists.size >= 16) optionNameLists.clear();
    optionNameLists.set(ownString(key), all);
  }
  return all;
}

/**
 * What idle-time priming (server.ts `primeCompletion`, docs/performance.md Round 11) asks for on a document: a
 * position on an option name in [DEFAULT] (else in the first section with an option), where an option-name
 * completion and hover run the paths a user's first ones will, and a position in a section header's name.
 */
export function primePlaces(doc: NovaConfDocument): { key?: Position; group?: string; header?: Position } {
  const sections = doc.ini.sections;
  const withEntries = sections.find((s) => s.name === 'DEFAULT' && s.entries.length) ?? sections.find((s) => s.entries.length);
  const entry = withEntries?.entries[0];
  const header = sections[0];
  return {
    key: entry && doc.positionAt(entry.keySpan.start),
    group: withEntries?.name,
    header: header && header.nameSpan.end > header.nameSpan.start ? doc.positionAt(header.nameSpan.start) : undefined,
  };
}

/**
 * The option-name items of a release and section for the separator form a priming completion did not build (a key
 * typed on an empty line has no `=` yet), as the list a request would send them in; undefined when the client
 * does not get kept lists (see CompletionOptions.itemDefaults).
 */
export function primeOptionNames(release: Release, group: string, hasSeparator: boolean, options: CompletionOptions): CompletionList | undefined {
  if (!options.resolveDocumentation || !options.itemDefaults?.includes('editRange')) return undefined;
  return { isIncomplete: false, items: optionNameItems(release, group, hasSeparator, options.itemDefaults.includes('data')).map((x) => x.item) };
}

function plainValueItems(doc: NovaConfDocument, opt: OptionInfo, v: PlainValue): CompletionItem[] {
  let values: string[] = [];
  if (opt.type === 'bool') values = ['true', 'false'];
  else if (opt.choices?.length) values = opt.choices.filter((c) => c !== null).map((c) => String(c));
  return values.map((value, i) => ({
    label: value,
    kind: CompletionItemKind.Value,
    detail: `[${opt.group}] ${opt.name}${String(opt.default) === value ? ' (default)' : ''}`,
    documentation: md(optionMarkdown(opt, doc.release)),
    sortText: sortKey(i),
    filterText: value,
    textEdit: edit(doc, v.replace, value),
  }));
}

function listValueItems(doc: NovaConfDocument, group: string, name: string, v: ListValue, itemChoices: readonly string[] | undefined): CompletionItem[] {
  let values: readonly string[];
  if (group === 'filter_scheduler' && name === 'enabled_filters') values = schedulerFilters(doc.release);
  else if (itemChoices?.length) values = itemChoices;
  else return [];
  const taken = new Set(v.others);
  return values
    .filter((f) => !taken.has(f))
    .map((f) => ({
      label: f,
      kind: f.endsWith('Filter') || f.endsWith('Isolation') ? CompletionItemKind.Class : CompletionItemKind.Value,
      detail: f === 'PciPassthroughFilter' ? 'needed for PCI passthrough' : `[${group}] ${name} item`,
      documentation: md(
        f === 'PciPassthroughFilter'
          ? 'Adds `PciPassthroughFilter`: without it the scheduler may place an instance that asks for PCI devices on a host that has none free.'
          : `Adds \`${f}\` to \`[${group}] ${name}\`.`,
      ),
      sortText: f === 'PciPassthroughFilter' ? '0' : `1${f}`,
      filterText: f,
      textEdit: edit(doc, v.replace, v.afterComma ? ` ${f}` : f),
    }));
}

// ---------------------------------------------------------------------------
// JSON

const SPEC_SNIPPETS: { label: string; detail: string; body: string; doc: string }[] = [
  {
    label: 'device_spec by PCI address',
    detail: 'allow the devices at one address',
    body: '{"address": "${1:0000:41:00.0}"}',
    doc: 'Allows the devices at a PCI address. Use `*` for any field, for example `"0000:41:00.*"` for every function of one slot.',
  },
  {
    label: 'device_spec by vendor and product',
    detail: 'allow every device with these ids',
    body: '{"vendor_id": "${1:8086}", "product_id": "${2:154d}"}',
    doc: 'Allows every device with this vendor and product id on the host.',
  },
  {
    label: 'device_spec for SR-IOV (Neutron physical network)',
    detail: 'VFs for Neutron SR-IOV ports',
    body: '{"vendor_id": "${1:8086}", "product_id": "${2:10ed}", "physical_network": "${3:physnet1}"}',
    doc: 'Allows the virtual functions with these ids for Neutron SR-IOV ports on a physical network. Devices with a `physical_network` are not reported to Placement.',
  },
];

const ALIAS_SNIPPET = {
  label: 'alias',
  detail: 'a PCI alias for flavors',
  body: '{"name": "${1:gpu}", "vendor_id": "${2:10de}", "product_id": "${3:25b6}", "device_type": "${4|type-PCI,type-PF,type-VF|}"}',
  doc: 'A name flavors use in `pci_passthrough:alias` (`"gpu:1"`), with the device ids and type it stands for.',
};

function jsonCompletion(doc: NovaConfDocument, jq: JsonQuery, ctx: FeatureContext): CompletionList {
  const p = jq.place;
  switch (p.at) {
    case 'item':
      return list(snippetItems(doc, jq, p));
    case 'key':
      return list(jsonKeyItems(doc, p));
    case 'value':
      return jsonValueItems(doc, jq, p, ctx);
    default:
      return EMPTY;
  }
}

function snippetItems(doc: NovaConfDocument, jq: JsonQuery, p: Extract<JsonPlace, { at: 'item' }>): CompletionItem[] {
  const snippets = jq.kind === 'device_spec' ? SPEC_SNIPPETS : p.topLevel ? [ALIAS_SNIPPET] : [];
  return snippets.map((s, i) => ({
    label: s.label,
    kind: CompletionItemKind.Snippet,
    detail: s.detail,
    documentation: md(`${s.doc}\n\n\`\`\`json\n${s.body.replace(/\$\{\d+\|([^,|]*)[^}]*\}/g, '$1').replace(/\$\{\d+:([^}]*)\}/g, '$1')}\n\`\`\``),
    insertTextFormat: InsertTextFormat.Snippet,
    sortText: sortKey(i),
    filterText: s.label,
    textEdit: edit(doc, p.replace, s.body),
  }));
}

function jsonKeyItems(doc: NovaConfDocument, p: Extract<JsonPlace, { at: 'key' }>): CompletionItem[] {
  const release = doc.release;
  let keys: readonly string[];
  const kind = p.object.kind;
  if (kind === 'spec') keys = deviceSpecTags(release);
  else if (kind === 'alias') keys = aliasFields(release);
  else if (kind === 'address') keys = Object.keys(ADDRESS_KEYS);
  else return [];
  // Keys already in the object are not offered again (the one being edited is).
  const present = new Set(p.object.keys.filter((k) => k.start !== p.tokenStart).map((k) => k.key));
  return keys
    .filter((k) => !present.has(k))
    .map((k, i) => {
      const info = kind === 'spec' ? DEVICE_SPEC_TAGS[k] : kind === 'alias' ? ALIAS_FIELDS[k] : undefined;
      const doc_ = info ? tagMarkdown(kind === 'alias' ? 'alias' : 'device_spec', k, info, release) : addressKeyMarkdown(k) ?? '';
      // Without a colon yet, the key comes with its value: a quoted placeholder, or the choices.
      const value = p.hasColon ? undefined : valueSnippet(info);
      const after = value === undefined ? '' : `: ${value.body}`;
      const newText = p.quoted ? `${k}"${after}` : `${p.needsComma ? ', ' : ''}"${k}"${after}`;
      const item: CompletionItem = {
        label: k,
        kind: CompletionItemKind.Property,
        detail: info ? `${tagKindLabel(info)}${info.since ? ` · since ${info.since}` : ''}${info.required ? ' · required' : ''}` : 'regex',
        documentation: md(doc_),
        sortText: sortKey(i),
        filterText: k,
        textEdit: edit(doc, p.replace, newText),
      };
      if (value) {
        item.insertTextFormat = InsertTextFormat.Snippet;
        // Free-text values: open the value suggestions (PCI ids, alias names) inside the placeholder.
        if (!value.choices) item.command = TRIGGER_SUGGEST;
      }
      return item;
    });
}

const TRIGGER_SUGGEST = { title: 'Suggest values', command: 'editor.action.triggerSuggest' };

/** Characters with a meaning inside a snippet choice. */
function choiceText(v: string): string {
  return v.replace(/[\\$}|,]/g, (c) => `\\${c}`);
}

/** The snippet for a key's value: the enum's values or true/false as choices, else an empty quoted placeholder. */
export function valueSnippet(info: TagInfo | undefined): { body: string; choices: boolean } {
  let values: string[] | undefined;
  if (info?.enum && ENUMS[info.enum]) values = Object.keys(ENUMS[info.enum]);
  else if (info?.kind === 'truefalse' || info?.kind === 'strictbool') values = ['true', 'false'];
  if (values?.length) return { body: `"\${1|${values.map(choiceText).join(',')}|}"`, choices: true };
  return { body: '"$1"', choices: false };
}

function stringItem(doc: NovaConfDocument, p: Extract<JsonPlace, { at: 'value' }>, value: string, i: number, extra: Partial<CompletionItem> = {}): CompletionItem {
  return {
    label: value,
    kind: CompletionItemKind.Value,
    sortText: sortKey(i),
    filterText: value,
    textEdit: edit(doc, p.replace, p.quoted ? `${value}"` : `"${value}"`),
    ...extra,
  };
}

function jsonValueItems(doc: NovaConfDocument, jq: JsonQuery, p: Extract<JsonPlace, { at: 'value' }>, ctx: FeatureContext): CompletionList {
  const obj = p.object;
  if (obj.kind !== 'spec' && obj.kind !== 'alias') return EMPTY;
  const key = p.key;
  if (key === 'vendor_id' || key === 'product_id') return pciIdItems(doc, jq, p, ctx);
  const info = obj.kind === 'alias' ? ALIAS_FIELDS[key] : DEVICE_SPEC_TAGS[key];
  if (!info) return EMPTY;
  const items: CompletionItem[] = [];
  if (info.enum && ENUMS[info.enum]) {
    Object.entries(ENUMS[info.enum]).forEach(([v, d], i) => items.push(stringItem(doc, p, v, i, { kind: CompletionItemKind.EnumMember, detail: key, documentation: md(d) })));
  } else if (info.kind === 'truefalse' || info.kind === 'strictbool') {
    ['true', 'false'].forEach((v, i) => items.push(stringItem(doc, p, v, i, { detail: `${key} (a string)`, documentation: md(info.doc) })));
  } else if (info.kind === 'string-or-null' && !p.quoted) {
    items.push({
      label: 'null',
      kind: CompletionItemKind.Value,
      detail: 'no physical network (hardware-offloaded OVS)',
      documentation: md(info.doc),
      filterText: 'null',
      textEdit: edit(doc, p.replace, 'null'),
    });
  } else if (obj.kind === 'alias' && key === 'name') {
    // Names of the other aliases: a second line with the same name adds products to it.
    const names = new Set<string>();
    for (const jv of doc.aliases) {
      const dict = jv === jq.jv ? undefined : readableAlias(jv);
      const n = dict && getValue(dict, 'name');
      if (n?.type === 'string') names.add(pyStrip(n.value));
    }
    [...names].forEach((n, i) => items.push(
        stringItem(doc, p, n, i, {
          detail: 'existing alias (lines with one name are merged)',
          documentation: md(`Another \`alias\` line already uses the name ${mdCode(n)}; Nova merges lines with one name, so this line adds devices to that alias.`),
        }),
      ));
  }
  return list(items);
}

function pciIdItems(doc: NovaConfDocument, jq: JsonQuery, p: Extract<JsonPlace, { at: 'value' }>, ctx: FeatureContext): CompletionList {
  // A number typed without quotes (`"vendor_id": 80`) is a partial id as well.
  let query = p.partial.trim();
  if (jq.kind === 'device_spec') query = query.replace(/^0[xX]/, '');
  const db = ctx.pciIds();
  const items: CompletionItem[] = [];
  let capped = false;
  if (p.key === 'vendor_id') {
    if (jq.kind === 'device_spec' && (query === '' || query === '*')) {
      items.push(stringItem(doc, p, '*', 0, { label: '*', detail: 'any vendor', documentation: md('`*` matches a device of any vendor.'), sortText: 'zzzz' }));
    }
    const hits = rankPciHits(db.searchVendors(query, Number.POSITIVE_INFINITY), query, COMMON_VENDORS);
    capped = hits.length > PCI_ID_LIMIT;
    hits.slice(0, PCI_ID_LIMIT).forEach((v, i) =>
      items.push(
        stringItem(doc, p, v.id, i, {
          label: `${v.id} — ${v.name}`,
          kind: CompletionItemKind.Constant,
          detail: v.name,
          documentation: md(`PCI vendor \`${v.id}\` — ${mdText(v.name)} (from the PCI ID database).`),
          filterText: `${v.id} ${v.name}`,
        }),
      ),
    );
  } else {
    const vendor = vendorOf(jq, p);
    if (jq.kind === 'device_spec' && (query === '' || query === '*')) {
      items.push(stringItem(doc, p, '*', 0, { label: '*', detail: 'any product', documentation: md('`*` matches any product id of the vendor.'), sortText: 'zzzz' }));
    }
    if (vendor) {
      const vname = db.vendor(vendor)?.name;
      const hits = rankPciHits(db.searchDevices(vendor, query, Number.POSITIVE_INFINITY), query, []);
      capped = hits.length > PCI_ID_LIMIT;
      hits.slice(0, PCI_ID_LIMIT).forEach((d, i) =>
        items.push(
          stringItem(doc, p, d.id, i, {
            label: `${d.id} — ${d.name}`,
            kind: CompletionItemKind.Constant,
            detail: vname ? `${d.name} (${vname})` : d.name,
            documentation: md(`PCI device \`${vendor}:${d.id}\` — ${mdText(d.name)}${vname ? `, made by ${mdText(vname)}` : ''} (from the PCI ID database).`),
            filterText: `${d.id} ${d.name}`,
          }),
        ),
      );
    }
  }
  return list(items, capped);
}

/**
 * Vendors whose devices are most often passed through to Nova guests (NICs, GPUs, HBAs, SmartNICs): Intel, NVIDIA,
 * Mellanox, AMD/ATI, Broadcom, QLogic, Huawei, Corigine, Emulex, Chelsio, AMD, Solarflare, Netronome,
 * AMD Pensando, Cavium, Red Hat (virtio).
 */
export const COMMON_VENDORS = ['8086', '10de', '15b3', '1002', '14e4', '1077', '19e5', '1da8', '10df', '1425', '1022', '1924', '19ee', '1dd8', '177d', '1af4'];

/** pci.ids marks ids that were assigned by mistake or are used by other vendors' cards with these words. */
const WRONG_ID = /\((?:wrong|Wrong|WRONG) ID\)/;

/**
 * Drops the entries the database marks as wrong ids, then ranks: an id or name that starts with the query first,
 * then the common vendors (in their order), then the database's own order.
 */
export function rankPciHits<T extends { id: string; name: string }>(hits: readonly T[], query: string, common: readonly string[]): T[] {
  const q = query.trim().toLowerCase();
  const scored = hits
    .filter((h) => !WRONG_ID.test(h.name))
    .map((h, index) => {
      const prefix = q === '' || h.id.startsWith(q) || h.name.toLowerCase().startsWith(q) ? 0 : 1;
      const c = common.indexOf(h.id);
      return { h, prefix, common: c < 0 ? common.length : c, index };
    });
  scored.sort((a, b) => a.prefix - b.prefix || a.common - b.common || a.index - b.index);
  return scored.map((s) => s.h);
}

/** The vendor id of the object the cursor is in, as four lower-case hex digits. */
function vendorOf(jq: JsonQuery, p: Extract<JsonPlace, { at: 'value' }>): string | undefined {
  const v = p.object.values.get('vendor_id');
  if (!v || !v.isString) return undefined;
  if (jq.kind === 'alias') return /^[0-9a-fA-F]{4}$/.test(v.text) ? v.text.toLowerCase() : undefined;
  const n = parseHexInt(v.text);
  return n !== undefined && n >= 0 && n <= 0xffff ? n.toString(16).padStart(4, '0') : undefined;
}


/** A snippet as plain text, for clients without snippet support: choices give their first value, placeholders their text, tab stops nothing. */
export function snippetToPlain(body: string): string {
  return body
    .replace(/\$\{\d+\|([^,|]*)[^}]*\}/g, '$1')
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\{?\d+\}?/g, '')
    .replace(/\\([$}\\])/g, '$1');
}

/** The same list for a client that did not announce snippetSupport: plain text edits, no re-trigger command. */
export function withoutSnippets(list: CompletionList): CompletionList {
  return {
    ...list,
    items: list.items.map((item) => {
      if (item.insertTextFormat !== InsertTextFormat.Snippet) return item;
      const plain: CompletionItem = { ...item, insertTextFormat: InsertTextFormat.PlainText, command: undefined };
      if (plain.textEdit) plain.textEdit = { ...plain.textEdit, newText: snippetToPlain(plain.textEdit.newText) };
      if (plain.insertText) plain.insertText = snippetToPlain(plain.insertText);
      return plain;
    }),
  };
}

/**
 * `completionItem/resolve`: the documentation of an option-name item sent without it. Anything else (another
 * server's item, a release or option this build does not know) comes back unchanged.
 */
export function resolveCompletion(item: CompletionItem): CompletionItem {
  const key = (item.data as Partial<OptionItemData> | undefined)?.nco;
  if (typeof key !== 'string' || item.documentation !== undefined) return item;
  const parts = key.split('|');
  // `release|group` is a list's default data (completion-defaults.ts): the option is the item's label.
  const [release, group, name] = parts.length === 2 && typeof item.label === 'string' ? [parts[0], parts[1], item.label] : parts;
  if (!(RELEASES as readonly string[]).includes(release) || !group || !name) return item;
  const opt = getOption(release as Release, group, name);
  return opt ? { ...item, documentation: optionDocumentation(opt, release as Release) } : item;
}
