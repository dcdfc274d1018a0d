/** Fixes for option and section names, deprecated names, misplaced options and plain option values. */
import type { NovaConfDocument } from '../../document';
import type { Entry } from '../../model';
import { appendToGroup, entryBlock, lineNext, lineOf, moveCommentAboveFix } from '../edits';
import { Fix, FixInput, OffsetEdit, str, strings } from '../fix-types';
import { problemStartsWithin } from '../../doc-index';
import type { OptionsData } from './data';

/** True when [group] already sets the option `name` (directly or through a deprecated name). */
function groupSets(doc: NovaConfDocument, group: string, name: string, except?: Entry): boolean {
  // Through the option index and a per-document section/key index: a fix-all over thousands of findings
  // must not scan the whole document for each one.
  for (const e of doc.byOption.get(`${group}.${name}`) ?? []) if (e !== except && e.section?.name === group) return true;
  for (const e of entriesWithKey(doc, group, name)) if (e !== except && !doc.resolved.get(e)?.option) return true;
  return false;
}

const bySectionKey = new WeakMap<NovaConfDocument, Map<string, Entry[]>>();
/** The entries of section `group` whose key is `key`, from an index built once per document. */
function entriesWithKey(doc: NovaConfDocument, group: string, key: string): Entry[] {
  let index = bySectionKey.get(doc);
  if (!index) {
    index = new Map();
    for (const e of doc.ini.entries) {
      if (!e.section) continue;
      const k = `${e.section.name}\u0000${e.key}`;
      const list = index.get(k);
      if (list) list.push(e);
      else index.set(k, [e]);
    }
    bySectionKey.set(doc, index);
  }
  return index.get(`${group}\u0000${key}`) ?? [];
}

function isMulti(doc: NovaConfDocument, e: Entry): boolean {
  return Boolean(doc.resolved.get(e)?.option?.multi);
}

function entryWithKey(input: FixInput, key: string | undefined): Entry | undefined {
  const e = input.doc.entryAt(input.start);
  if (!e || e.keySpan.start !== input.start || e.keySpan.end !== input.end) return undefined;
  return key === undefined || e.key === key ? e : undefined;
}

/** Moves an entry (all its lines) to the end of [group], optionally under a new name. */
export function moveEntry(doc: NovaConfDocument, e: Entry, group: string, newKey = e.key): OffsetEdit[] | undefined {
  const block = entryBlock(doc, e);
  if (e.keySpan.start !== block.start) return undefined;
  // A value that does not parse, or a broken line right below it (a closing bracket at column 0),
  // may belong together with lines we cannot see as part of the entry: leave it for the other fixes first.
  const jv = doc.jsonOf(e);
  if (jv && !jv.valid) return undefined;
  if (block.end < doc.text.length && problemStartsWithin(doc, block.end, lineNext(doc, lineOf(doc, block.end)))) return undefined;
  const insert = appendToGroup(doc, group, newKey + block.text.slice(e.keySpan.end - block.start));
  return [{ start: block.start, end: block.end, text: '' }, insert];
}

export function unknownOptionFixes(input: FixInput<OptionsData['unknown-option']>): Fix[] {
  const e = entryWithKey(input, str(input.data.option));
  if (!e?.section) return [];
  const group = e.section.name;
  return strings(input.data.suggestions).map((s, i) => {
    const clash = groupSets(input.doc, group, s, e);
    return { title: `Change "${e.key}" to "${s}"${clash ? ` ([${e.section!.raw}] already sets ${s})` : ''}`, edits: [{ start: e.keySpan.start, end: e.keySpan.end, text: s }], preferred: i === 0 && !clash };
  });
}

export function unknownGroupFixes(input: FixInput<OptionsData['unknown-group']>): Fix[] {
  const { doc } = input;
  const s = doc.ini.sections.find((x) => x.nameSpan.start === input.start && x.nameSpan.end === input.end);
  if (!s || (str(input.data.group) !== undefined && s.raw !== input.data.group)) return [];
  return strings(input.data.suggestions).map((g, i) => ({ title: `Change [${s.raw}] to [${g}]`, edits: [{ start: s.nameSpan.start, end: s.nameSpan.end, text: g }], preferred: i === 0 }));
}

export function deprecatedOptionFixes(input: FixInput<OptionsData['deprecated-option']>): Fix[] {
  const { doc, data } = input;
  const e = entryWithKey(input, str(data.option));
  const newGroup = str(data.newGroup);
  const newName = str(data.newName);
  if (!e?.section || !newGroup || !newName) return [];
  const clash = !isMulti(doc, e) && groupSets(doc, newGroup, newName, e);
  if (e.section.name === newGroup) {
    return [{ title: `Rename ${e.key} to ${newName}`, edits: [{ start: e.keySpan.start, end: e.keySpan.end, text: newName }], preferred: !clash }];
  }
  const edits = moveEntry(doc, e, newGroup, newName);
  if (!edits) return [];
  return [{ title: `Move ${e.key} to [${newGroup}] as ${newName}`, edits, preferred: !clash }];
}

export function wrongGroupFixes(input: FixInput<OptionsData['option-wrong-group']>): Fix[] {
  const { doc, data } = input;
  const e = entryWithKey(input, str(data.option));
  if (!e?.section) return [];
  const targets = strings(data.targetGroups);
  // A name used in many groups (such as `enabled`) gets the first few as choices, not a long menu.
  return targets.slice(0, 5).flatMap((g) => {
    const edits = moveEntry(doc, e, g);
    if (!edits) return [];
    // Moving a single-valued option next to one already set there would change which value counts.
    const clash = groupSets(doc, g, e.key, e);
    return [{ title: `Move ${e.key} to [${g}]${clash ? ` ([${g}] already sets it)` : ''}`, edits, preferred: targets.length === 1 && !clash }];
  });
}

/** The value span of a plain single-line value without `$` references, when the diagnostic is on it. */
function plainValue(input: FixInput): Entry | undefined {
  const e = input.doc.entryAt(input.start);
  if (!e || e.lines.length !== 1 || e.refs.length || e.raw.includes('$')) return undefined;
  if (e.valueSpan.start !== input.start || e.valueSpan.end !== input.end) return undefined;
  return e;
}

export function invalidValueFixes(input: FixInput<OptionsData['invalid-value']>): Fix[] {
  const e = plainValue(input);
  if (!e) return [];
  const { data } = input;
  const span = e.valueSpan;
  if (data.type === 'bool') {
    // Which one was meant is the user's call: neither is preferred.
    return strings(data.choices).map((c) => ({ title: `Set ${e.key} to ${c}`, edits: [{ start: span.start, end: span.end, text: c }], preferred: false }));
  }
  return strings(data.suggestions).map((c, i) => ({ title: `Change "${e.value}" to "${c}"`, edits: [{ start: span.start, end: span.end, text: c }], preferred: i === 0 }));
}

/** `host = compute1 # rack 4` -> a `# rack 4` line above and `host = compute1`. */
export function inlineCommentFixes(input: FixInput<OptionsData['inline-comment']>): Fix[] {
  const { doc } = input;
  const e = doc.entryAt(input.start);
  const idx = Number(input.data.valueOffset);
  if (!e || e.lines.length !== 1 || e.refs.length || e.raw.includes('$') || !Number.isInteger(idx) || idx <= 0) return [];
  const comment = e.value.slice(idx);
  if (!comment.startsWith('#')) return [];
  const start = e.map.toDoc(idx);
  const end = e.valueSpan.end;
  if (doc.text.slice(start, end) !== comment) return [];
  return [moveCommentAboveFix(doc, e, start, end, comment)];
}
