import { DocumentSymbol, FoldingRange, FoldingRangeKind, SymbolKind } from 'vscode-languageserver-types';
import type { NovaConfDocument } from '../document';
import type { Entry } from '../model';
import { readableValue } from '../model/pci';
import { type PyDict, type PyValue, getValue } from '../model/py';

/** Sections with their options (device_spec and alias entries show their JSON summary). */
export function documentSymbols(doc: NovaConfDocument): DocumentSymbol[] {
  return doc.ini.sections.map((s) => ({
    name: `[${s.raw}]`,
    kind: SymbolKind.Namespace,
    range: doc.rangeOf(s.span),
    selectionRange: doc.rangeOf(s.nameSpan),
    children: s.entries.map((e) => {
      const detail = e.value.length > 60 ? `${e.value.slice(0, 57).replace(/\s+/g, ' ')}…` : e.value.replace(/\s+/g, ' ');
      const pci = pciSummary(doc, e);
      return {
        name: pci?.name ?? e.key,
        detail: pci?.detail ?? detail,
        kind: SymbolKind.Property,
        range: doc.rangeOf(e.span),
        selectionRange: doc.rangeOf(e.keySpan),
      };
    }),
  }));
}

function str(dict: PyDict, key: string): string | undefined {
  const v = getValue(dict, key);
  return v?.type === 'string' ? v.value : undefined;
}

/** One device_spec object or alias described: `8086:154d`, `address 0000:41:00.*`, `type-PF`. */
function describeObject(v: PyValue): string | undefined {
  if (v.type !== 'object') return undefined;
  const parts: string[] = [];
  const vendor = str(v, 'vendor_id');
  const product = str(v, 'product_id');
  if (vendor || product) parts.push(`${vendor ?? '*'}:${product ?? '*'}`);
  const address = getValue(v, 'address');
  if (address?.type === 'string') parts.push(`address ${address.value}`);
  else if (address?.type === 'object') parts.push('address (regex)');
  const devname = str(v, 'devname');
  if (devname) parts.push(`devname ${devname}`);
  const type = str(v, 'device_type');
  if (type) parts.push(type);
  const physnet = str(v, 'physical_network');
  if (physnet) parts.push(`physnet ${physnet}`);
  return parts.length ? parts.join(' ') : undefined;
}

/** Outline text for device_spec and alias entries: the alias by its name, a device_spec by what it selects. */
function pciSummary(doc: NovaConfDocument, e: Entry): { name: string; detail: string } | undefined {
  const jv = doc.jsonOf(e);
  const root = jv && readableValue(jv);
  if (!root) return undefined;
  if (jv.kind === 'alias') {
    if (root.type !== 'object') return undefined;
    const name = str(root, 'name');
    return { name: name ? `alias ${name}` : e.key, detail: describeObject(root) ?? '' };
  }
  const items = root.type === 'array' ? root.items : [root];
  const described = items.map((n) => describeObject(n)).filter((d): d is string => !!d);
  return described.length ? { name: e.key, detail: described.join('; ') } : undefined;
}

/** Sections, multi-line values, and runs of two or more comment lines. */
export function foldingRanges(doc: NovaConfDocument): FoldingRange[] {
  const out: FoldingRange[] = [];
  for (const s of doc.ini.sections) {
    const a = doc.positionAt(s.header.start).line;
    const b = doc.positionAt(s.span.end).line;
    if (b > a) out.push({ startLine: a, endLine: b });
  }
  for (const e of doc.ini.entries) {
    const a = doc.positionAt(e.span.start).line;
    const b = doc.positionAt(e.span.end).line;
    if (b > a) out.push({ startLine: a, endLine: b });
  }
  let runStart = -1;
  let prev = -2;
  const flush = () => {
    if (runStart >= 0 && prev > runStart) out.push({ startLine: runStart, endLine: prev, kind: FoldingRangeKind.Comment });
  };
  for (const c of doc.ini.comments) {
    const line = doc.positionAt(c.span.start).line;
    if (line !== prev + 1) {
      flush();
      runStart = line;
    }
    prev = line;
  }
  flush();
  return out;
}
