/**
 * Editor features for alias names across files and for extra specs in flavor documents:
 * definition, references, rename (one WorkspaceEdit over nova configs and flavor files),
 * completion and hover. Offsets in, LSP types out.
 */
import { CompletionItem, CompletionItemKind, CompletionList, Hover, Location, MarkupKind, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { ExtraSpecValidator, OS_RESOURCE_CLASSES, OS_TRAITS, extraSpecDoc, literalNames, lookupExtraSpec, releasesOfName, validatorsOf } from '../catalog/extra-specs';
import { STRICT_BOOL_WORDS } from '../oslo/bool';
import type { Release } from '../releases';
import type { FlavorDocument, FlavorSpec } from './model';
import { valueSpanToDoc } from './model';
import { formatReleaseList } from './releases-text';
import { rangeInWorkspace } from './diagnostics';
import type { AliasDefinition, AliasUsage, FlavorWorkspace } from './workspace';
import { mdCode, mdText } from '../describe/markdown';

function loc(ws: FlavorWorkspace, x: { uri: string; start: number; end: number }): Location | undefined {
  const range = rangeInWorkspace(ws)(x.uri, x.start, x.end);
  return range ? { uri: x.uri, range } : undefined;
}

/** From an alias name (in a flavor or in a definition) to every `[pci] alias` that defines it. */
export function aliasDefinition(ws: FlavorWorkspace, uri: string, offset: number): Location[] {
  const at = ws.nameAt(uri, offset);
  if (!at) return [];
  return ws.definitionsOf(at.name).flatMap((d) => loc(ws, d) ?? []);
}

/** From an alias name to every flavor that asks for it (and its definitions when asked). */
export function aliasReferences(ws: FlavorWorkspace, uri: string, offset: number, includeDeclaration: boolean): Location[] {
  const at = ws.nameAt(uri, offset);
  if (!at) return [];
  const xs: { uri: string; start: number; end: number }[] = [...ws.usagesOf(at.name)];
  if (includeDeclaration) xs.unshift(...ws.definitionsOf(at.name));
  return xs.flatMap((x) => loc(ws, x) ?? []);
}

export function prepareAliasRename(ws: FlavorWorkspace, uri: string, offset: number): { range: Location['range']; placeholder: string } | { error: string } | undefined {
  const at = ws.nameAt(uri, offset);
  if (!at) return undefined;
  const l = loc(ws, at);
  return l ? { range: l.range, placeholder: at.name } : undefined;
}

/** Names a flavor can reference and every file form can hold without quoting changes. */
const SAFE_NAME = /^[A-Za-z0-9_.-]{1,256}$/;

function where(ws: FlavorWorkspace, x: { uri: string; start: number }): string {
  const r = rangeInWorkspace(ws)(x.uri, x.start, x.start);
  return `${decodeURIComponent(x.uri.slice(x.uri.lastIndexOf('/') + 1))}:${(r?.start.line ?? 0) + 1}`;
}

/**
 * Renames an alias in every nova config that defines it and every flavor that asks for it,
 * or explains why not: a new name Nova or a file form cannot hold, or a place where the name
 * is not written literally (a template `{{ }}`, a `$variable`, an escape).
 */
export function renameAlias(ws: FlavorWorkspace, uri: string, offset: number, newName: string): WorkspaceEdit | { error: string } | undefined {
  const at = ws.nameAt(uri, offset);
  if (!at) return undefined;
  const old = at.name;
  if (!SAFE_NAME.test(newName)) {
    return { error: `cannot rename alias '${old}' to '${newName}': use letters, digits, '_', '.' or '-' (a ':' or ',' could never be referenced from pci_passthrough:alias, and spaces or quotes would change the files' quoting)` };
  }
  if (newName === old) return { changes: {} };
  // Nova merges alias lines of one name into one request: renaming onto an existing name would merge two aliases.
  const taken = ws.definitionsOf(newName);
  if (taken.length) {
    return { error: `cannot rename alias '${old}' to '${newName}': an alias '${newName}' is already defined at ${taken.map((x) => where(ws, x)).join(', ')}, and Nova would merge the two into one request` };
  }
  const defs: AliasDefinition[] = ws.definitionsOf(old);
  const uses: AliasUsage[] = ws.usagesOf(old);
  const inexact = [...defs, ...uses].filter((x) => !x.exact);
  if (inexact.length) {
    return { error: `cannot rename alias '${old}': at ${inexact.map((x) => where(ws, x)).join(', ')} the name is not written literally (escaped or substituted); rename it by hand there` };
  }
  // A templated flavor value that mentions the name may build it: refuse rather than miss it.
  const templated = ws.flavorDocuments().flatMap((d) => d.specs.filter((s) => s.key === 'pci_passthrough:alias' && s.templated && mentions(d, s, old)).map((s) => ({ uri: d.uri, start: s.valueStart })));
  if (templated.length) {
    return { error: `cannot rename alias '${old}': ${templated.map((x) => where(ws, x)).join(', ')} builds pci_passthrough:alias with a template or variable ({{ }}, $…); change the template by hand, then rename` };
  }
  const changes: Record<string, TextEdit[]> = {};
  for (const x of [...defs, ...uses]) {
    const l = loc(ws, x);
    if (!l) continue;
    (changes[x.uri] ??= []).push({ range: l.range, newText: newName });
  }
  return { changes };
}

function mentions(doc: FlavorDocument, s: FlavorSpec, name: string): boolean {
  const text = doc.text.slice(s.valueStart, s.valueEnd) || s.value;
  return new RegExp(`(^|[^A-Za-z0-9_.-])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([^A-Za-z0-9_.-]|$)`).test(text) || text.includes('{{') || /\$\{?[A-Za-z_]/.test(text);
}

function specAt(doc: FlavorDocument, offset: number): { spec: FlavorSpec; part: 'key' | 'value' } | undefined {
  for (const spec of doc.specs) {
    if (offset >= spec.keyStart && offset <= spec.keyEnd) return { spec, part: 'key' };
    if (offset >= spec.valueStart && offset <= spec.valueEnd) return { spec, part: 'value' };
  }
  return undefined;
}

/** Value offset of a document offset inside a spec's value, or -1. */
function valueOffset(spec: FlavorSpec, offset: number): number {
  const o = spec.valueOffsets;
  if (!o) return -1;
  for (let i = 0; i < o.length; i++) if (o[i] >= offset) return o[i] === offset ? i : Math.max(0, i - 1);
  return spec.value.length;
}

export function flavorCompletion(doc: FlavorDocument, offset: number, release: Release, ws?: FlavorWorkspace): CompletionList {
  const at = specAt(doc, offset);
  const items: CompletionItem[] = [];
  if (!at) return { isIncomplete: false, items };
  const { spec } = at;
  if (at.part === 'key') {
    const range = doc.rangeOf(spec.keyStart, spec.keyEnd);
    for (const v of validatorsOf(release)) {
      const label = v.name.includes('{') ? undefined : v.name;
      if (!label) continue;
      items.push({ label, kind: CompletionItemKind.Property, detail: typeSummary(v), documentation: extraSpecDoc(v), textEdit: { range, newText: label }, tags: v.deprecated ? [1] : undefined });
    }
    return { isIncomplete: false, items };
  }
  if (spec.key === 'pci_passthrough:alias') {
    const v = valueOffset(spec, offset);
    if (v < 0) return { isIncomplete: false, items };
    const before = spec.value.slice(0, v);
    const itemStart = before.lastIndexOf(',') + 1;
    const piece = before.slice(itemStart);
    const colon = piece.indexOf(':');
    if (colon < 0) {
      // typing a name: offer every defined alias (nova-api configs first)
      let itemEnd = spec.value.indexOf(',', v);
      if (itemEnd < 0) itemEnd = spec.value.length;
      const rest = spec.value.slice(itemStart, itemEnd);
      const restColon = rest.indexOf(':');
      const nameEnd = restColon < 0 ? itemEnd : itemStart + restColon;
      const lead = /^\s*/.exec(piece)?.[0].length ?? 0;
      const r = valueSpanToDoc(spec, itemStart + lead, nameEnd);
      const seen = new Set<string>();
      const defs = (ws?.definitions() ?? []).slice().sort((a, b) => Number(a.role === 'compute') - Number(b.role === 'compute'));
      for (const d of defs) {
        if (seen.has(d.name)) continue;
        seen.add(d.name);
        items.push({
          label: d.name, kind: CompletionItemKind.Reference,
          detail: d.role === 'compute' ? 'alias defined on compute nodes only' : 'PCI alias',
          textEdit: { range: doc.rangeOf(r.start, r.end), newText: restColon < 0 ? `${d.name}:1` : d.name },
        });
      }
      return { isIncomplete: false, items };
    }
    // after the colon: a count
    const cs = itemStart + colon + 1;
    let ce = cs;
    while (ce < spec.value.length && /\p{Nd}/u.test(spec.value[ce])) ce++;
    const r = valueSpanToDoc(spec, cs, ce);
    for (const n of ['1', '2', '4', '8']) items.push({ label: n, kind: CompletionItemKind.Value, detail: 'number of devices', sortText: n.padStart(2, '0'), textEdit: { range: doc.rangeOf(r.start, r.end), newText: n } });
    return { isIncomplete: false, items };
  }
  const found = lookupExtraSpec(spec.key, release);
  if (found.kind !== 'validator') return { isIncomplete: false, items };
  const r = valueSpanToDoc(spec, 0, spec.value.length);
  const range = doc.rangeOf(r.start, r.end);
  const values = found.validator.value.type === 'bool' ? ['true', 'false'] : found.validator.value.pattern === undefined ? (found.validator.value.enum ?? []) : [];
  for (const e of values) items.push({ label: e, kind: CompletionItemKind.EnumMember, textEdit: { range, newText: e } });
  return { isIncomplete: false, items };
}

function typeSummary(v: ExtraSpecValidator): string {
  const s = v.value;
  if (s.type === 'int') return `integer${s.min !== undefined ? ` ≥ ${s.min}` : ''}${s.max !== undefined ? ` ≤ ${s.max}` : ''}`;
  if (s.type === 'bool') return 'boolean';
  if (s.pattern !== undefined) return `string matching ${s.pattern}`;
  if (s.enum) return s.enum.join(' | ');
  return 'string';
}

/** Markdown describing a validator (shared by hover and docs). */
export function describeValidator(v: ExtraSpecValidator): string {
  const lines = [`**${v.name}**${v.deprecated ? ' (deprecated)' : ''}`, ''];
  const doc = extraSpecDoc(v);
  if (doc) lines.push(doc, '');
  lines.push(`Value: ${typeSummary(v)}${v.value.type === 'bool' ? ` (${STRICT_BOOL_WORDS.join(', ')}; any case)` : ''}.`);
  lines.push(`Validated by nova-api (microversion 2.86+) in ${formatReleaseList(releasesOfName(v.name))}.`);
  if (v.standardNames === 'standard-trait') lines.push(`Standard traits come from the os-traits library installed with nova-api (we know those of ${OS_TRAITS.version}).`);
  if (v.standardNames === 'standard-resource-class') lines.push(`Standard resource classes come from os-resource-classes (we know those of ${OS_RESOURCE_CLASSES.version}).`);
  return lines.join('\n');
}

export function flavorHover(doc: FlavorDocument, offset: number, release: Release, ws?: FlavorWorkspace): Hover | null {
  const at = specAt(doc, offset);
  if (!at) return null;
  const { spec } = at;
  if (at.part === 'key') {
    const found = lookupExtraSpec(spec.key, release);
    let value: string;
    if (found.kind === 'validator') value = describeValidator(found.validator);
    else if (found.kind === 'unknown') value = `**${mdText(spec.key)}**\n\nNot a key nova-api knows in ${release}: '${found.namespace}:' is validated, so microversion 2.86+ refuses it.${releasesOfName(spec.key).length ? ` Validated in ${formatReleaseList(releasesOfName(spec.key))}.` : ''}`;
    else value = `**${mdText(spec.key)}**\n\nNot in a namespace Nova validates: nova-api stores it unchecked (a scheduler filter or driver may still read it).`;
    return { contents: { kind: MarkupKind.Markdown, value }, range: doc.rangeOf(spec.keyStart, spec.keyEnd) };
  }
  if (spec.key === 'pci_passthrough:alias' && ws) {
    const name = ws.nameAt(doc.uri, offset);
    if (name) {
      const defs = ws.definitionsOf(name.name);
      const value = defs.length
        ? [`**PCI alias ${mdText(name.name)}**`, '', ...defs.map((d) => `- ${where(ws, d)} (${d.role === 'compute' ? 'compute node' : d.role === 'api' ? 'nova-api' : 'nova config'}): ${mdCode(lineText(ws, d))}`)].join('\n')
        : `**PCI alias ${mdText(name.name)}**\n\nNot defined in any nova config of the workspace.`;
      return { contents: { kind: MarkupKind.Markdown, value }, range: doc.rangeOf(name.start, name.end) };
    }
  }
  return null;
}

function lineText(ws: FlavorWorkspace, d: AliasDefinition): string {
  const text = ws.textOf(d.uri) ?? '';
  const s = text.lastIndexOf('\n', d.start - 1) + 1;
  let e = text.indexOf('\n', d.start);
  if (e < 0) e = text.length;
  return text.slice(s, e).trim().slice(0, 200);
}

/** Literal key names for docs and tests. */
export { literalNames };
