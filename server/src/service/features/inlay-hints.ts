/**
 * Inlay hints that need no host: the vendor and product names of the ids in `[pci] device_spec` and `[pci] alias`
 * (from the PCI ID database: the bundled pci.ids or the one the settings name), and the value a `$name` reference
 * stands for. Ids are read the way Nova reads them (device_spec: `int(x, 16)`; alias: exactly four hex digits); an
 * id Nova refuses, `*`, or one the database does not know gets no hint (the diagnostics speak for those).
 * Settings `nova-conf.inlayHints.pciNames` / `nova-conf.inlayHints.references` turn each kind off.
 */
import { InlayHintKind } from 'vscode-languageserver-types';
import type { InlayHint, Range } from 'vscode-languageserver-types';
import type { NovaConfDocument } from '../document';
import type { FeatureContext } from '../types';
import type { JsonValue } from '../model';
import type { PciIdDatabase } from '../catalog/pciids';
import { readableValue, spanOf } from '../model/pci';
import { type PyDict, type PyValue, getValue, hexInt } from '../model/py';
import { resolveReference } from '../oslo/template';

export interface InlayHintOptions {
  /** Vendor and product names after vendor_id / product_id values (default on). */
  pciNames?: boolean;
  /** The value after each `$name` reference (default on). */
  references?: boolean;
}

/** Longest label; pci.ids names are short, document values may not be. */
const MAX_LABEL = 60;

function clip(s: string): string {
  const one = s.replace(/\s+/g, ' ');
  return one.length > MAX_LABEL ? `${one.slice(0, MAX_LABEL - 1)}…` : one;
}

/** The 4-digit id Nova reads from this value, or undefined when Nova refuses it or it is `*`. */
function idOf(v: PyValue | undefined, alias: boolean): string | undefined {
  if (v?.type !== 'string') return undefined;
  if (alias) return /^[0-9a-fA-F]{4}$/.test(v.value) ? v.value.toLowerCase() : undefined;
  const n = hexInt(v);
  return n !== undefined && n >= 0n && n <= 0xffffn ? n.toString(16).padStart(4, '0') : undefined;
}

function dictsOf(jv: JsonValue): PyDict[] {
  const v = readableValue(jv);
  if (v?.type === 'object') return [v];
  if (jv.kind === 'device_spec' && v?.type === 'array') return v.items.filter((x): x is PyDict => x.type === 'object');
  return [];
}

function pciNameHints(doc: NovaConfDocument, db: PciIdDatabase, inRange: (offset: number) => boolean): InlayHint[] {
  const out: InlayHint[] = [];
  for (const jv of [...doc.deviceSpecs, ...doc.aliases]) {
    const alias = jv.kind === 'alias';
    for (const dict of dictsOf(jv)) {
      const vv = getValue(dict, 'vendor_id');
      const pv = getValue(dict, 'product_id');
      const vendor = idOf(vv, alias);
      const product = idOf(pv, alias);
      const vendorName = vendor ? db.vendor(vendor)?.name : undefined;
      if (vv && vendorName) {
        const at = spanOf(jv, vv).end;
        if (inRange(at)) out.push({ position: doc.positionAt(at), label: clip(vendorName), kind: InlayHintKind.Type, paddingLeft: true, tooltip: `PCI vendor ${vendor} (PCI ID database)` });
      }
      const deviceName = vendor && product ? db.device(vendor, product)?.name : undefined;
      if (pv && deviceName) {
        const at = spanOf(jv, pv).end;
        if (inRange(at)) out.push({ position: doc.positionAt(at), label: clip(deviceName), kind: InlayHintKind.Type, paddingLeft: true, tooltip: `PCI device ${vendor}:${product}${vendorName ? ` (${vendorName})` : ''} (PCI ID database)` });
      }
    }
  }
  return out;
}

function referenceHints(doc: NovaConfDocument, inRange: (offset: number) => boolean): InlayHint[] {
  const out: InlayHint[] = [];
  const broken = new Set(doc.refProblems.map((p) => `${p.span.start}:${p.span.end}`));
  for (const entry of doc.ini.entries) {
    for (const ref of entry.refs) {
      if (!inRange(ref.span.end) || broken.has(`${ref.span.start}:${ref.span.end}`)) continue;
      const target = resolveReference(doc.byOption, doc.release, entry.section?.name ?? 'DEFAULT', ref.name);
      if (!target) continue;
      // The set value after its own substitution, or the option's default.
      const value = target.entry ? target.entry.value : target.text;
      if (value === undefined) continue;
      out.push({
        position: doc.positionAt(ref.span.end),
        label: `= ${clip(value === '' ? '""' : value)}`,
        kind: InlayHintKind.Parameter,
        paddingLeft: true,
        tooltip: target.entry ? `[${target.group}] ${target.name}, set on line ${doc.positionAt(target.entry.keySpan.start).line + 1}` : `[${target.group}] ${target.name} is not set here: its default`,
      });
    }
  }
  return out;
}

/** The hints whose position lies in the range, in document order. */
export function inlayHints(doc: NovaConfDocument, range: Range, ctx: FeatureContext, options: InlayHintOptions = {}): InlayHint[] {
  const from = doc.offsetAt(range.start);
  const to = doc.offsetAt(range.end);
  const inRange = (o: number) => o >= from && o <= to;
  const out = [
    ...(options.pciNames === false ? [] : pciNameHints(doc, ctx.pciIds(), inRange)),
    ...(options.references === false ? [] : referenceHints(doc, inRange)),
  ];
  return out.sort((a, b) => a.position.line - b.position.line || a.position.character - b.position.character);
}
